import type { ArticleDetail } from "@/app/lib/queries/article";
import type { CodebookDimension } from "@/app/lib/queries/codebook";
import { highlightStyleFor } from "./highlight";
import { plural } from "./format";

/** "+2", "0", "−1": a scale value as the codebook's scale shows it. */
function signed(v: number): string {
  return v > 0 ? `+${v}` : v === 0 ? "0" : `−${-v}`;
}

/** The lowest and highest values of an ordinal dimension's codes. */
function scaleOf(d: CodebookDimension): { min: number; max: number } {
  const values = d.codes.map((c) => c.value ?? 0);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The article-level judgements with the coder's notes, the generic frames used and passage counts. */
export function ArticleSummary({
  article,
  codebook,
}: {
  article: ArticleDetail;
  codebook: CodebookDimension[];
}) {
  const dim = (key: string) => codebook.find((d) => d.key === key);
  // The dimensions judged once per article (stance, tone), from the codebook.
  const judged = codebook.filter((d) => d.scope === "article").map((d) => d.key);
  const code = (d: string, c: string) => dim(d)?.codes.find((x) => x.key === c);
  const generic = dim("generic");
  const genericCounts = new Map<string, number>();
  for (const p of article.passages)
    if (p.dimension === "generic") genericCounts.set(p.code, (genericCounts.get(p.code) ?? 0) + 1);
  const framesPresent = (generic?.codes ?? []).filter((c) => genericCounts.has(c.key));
  const perDimension = codebook.map((d) => ({
    d,
    n: article.passages.filter((p) => p.dimension === d.key).length,
  }));

  return (
    <section
      className="article-summary"
      aria-labelledby="summary-title"
      data-testid="article-summary"
    >
      <h2 id="summary-title">Coding summary</h2>
      <dl className="summary-judgements">
        {judged.map((key) => {
          const d = dim(key);
          const codes = article.articleCodes.filter((ac) => ac.dimension === key);
          return (
            <div key={key} data-testid={`summary-${key}`}>
              <dt>{d?.label ?? key}</dt>
              {codes.length === 0 && <dd className="muted">Not coded</dd>}
              {codes.map((ac) => {
                const c = code(key, ac.code);
                return (
                  <dd key={ac.coder} data-code={ac.code} data-coder={ac.coder}>
                    <span className="code-chip" style={c ? highlightStyleFor(c.colour) : undefined}>
                      {c?.label ?? ac.code}
                    </span>
                    {c?.value !== null && c?.value !== undefined && d?.ordinal && (
                      <span className="muted">
                        {" "}
                        ({signed(c.value)} on a scale from {signed(scaleOf(d).min)} to{" "}
                        {signed(scaleOf(d).max)})
                      </span>
                    )}
                    <span className="muted"> · coder {ac.coder}</span>
                    {ac.note && <p className="summary-note">Coder’s note: {ac.note}</p>}
                  </dd>
                );
              })}
            </div>
          );
        })}
        <div data-testid="summary-generic">
          <dt>Generic news frames present</dt>
          <dd>
            {framesPresent.length === 0 ? (
              <span className="muted">None marked</span>
            ) : (
              <ul className="chip-list">
                {framesPresent.map((c) => (
                  <li key={c.key} data-code={c.key}>
                    <span className="code-chip" style={highlightStyleFor(c.colour)}>
                      {c.label}
                    </span>{" "}
                    <span className="muted">
                      {plural(genericCounts.get(c.key) ?? 0, "passage")}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <table className="summary-counts" data-testid="summary-counts">
        <caption>Coded passages per dimension ({article.passages.length} in all)</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Passages</th>
          </tr>
        </thead>
        <tbody>
          {perDimension.map(({ d, n }) => (
            <tr key={d.key} data-dimension={d.key}>
              <th scope="row">{d.label}</th>
              <td data-count={n}>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
