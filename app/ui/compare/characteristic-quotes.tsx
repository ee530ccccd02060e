import Link from "next/link";
import { formatPp } from "@/app/lib/compare";
import type { Characteristic } from "@/app/lib/queries/compare";
import type { EvidencePassage } from "@/app/lib/queries/passages";
import { formatShare } from "@/app/lib/shares";
import type { SideInfo } from "./compare-summary";

/** For each outlet, the codes where its share exceeds the other's the most, with quotes that carry them. */
export function CharacteristicQuotes({
  a,
  b,
  items,
}: {
  a: SideInfo;
  b: SideInfo;
  items: { a: Characteristic[]; b: Characteristic[] };
}) {
  return (
    <section
      className="characteristic"
      id="characteristic"
      aria-labelledby="characteristic-title"
      data-testid="characteristic"
    >
      <h2 id="characteristic-title">The quotes that most characterise each outlet</h2>
      <p className="chart-meta">
        For each outlet, the codes where its share of coded passages exceeds the other outlet’s by
        the most percentage points (among codes with a marked passage), with the shortest passages
        that carry them: passages in the article’s own voice first. A view the article only reports
        is labelled as such; it is not the outlet’s own.
      </p>
      <div className="characteristic-columns">
        {(
          [
            ["a", a, b],
            ["b", b, a],
          ] as const
        ).map(([side, self, other]) => (
          <div
            key={side}
            className="characteristic-column"
            data-side={side}
            data-outlet={self.slug}
            data-testid={`characteristic-${side}`}
          >
            <h3>
              {side.toUpperCase()}: {self.name}
            </h3>
            {self.n.articles === 0 || other.n.articles === 0 ? (
              <p className="muted">
                Nothing to compare: {(self.n.articles === 0 ? self : other).name} has no articles
                under these filters.
              </p>
            ) : items[side].length === 0 ? (
              <p className="muted">
                No code is more frequent in {self.name} than in {other.name}.
              </p>
            ) : (
              <ol className="characteristic-list">
                {items[side].map((c) => (
                  <li
                    key={`${c.dimension.key}.${c.code.key}`}
                    data-dimension={c.dimension.key}
                    data-code={c.code.key}
                    data-diff={c.diff}
                  >
                    <p className="characteristic-code">
                      <span
                        className="swatch"
                        style={{ background: c.code.colour }}
                        aria-hidden="true"
                      />
                      <strong>{c.code.label}</strong>{" "}
                      <span className="muted">({c.dimension.label})</span>:{" "}
                      {formatShare(c.share, self.n.articles)} of {c.dimension.unit} vs{" "}
                      {formatShare(c.otherShare, other.n.articles)} in {other.shortName},{" "}
                      <span className="nowrap">
                        {formatPp(c.diff, Math.min(self.n.articles, other.n.articles))}
                      </span>
                    </p>
                    {c.quotes.length === 0 ? (
                      <p className="muted">No supporting passage is marked.</p>
                    ) : (
                      <ul className="characteristic-quotes">
                        {c.quotes.map((q) => (
                          <Quote key={q.id} quote={q} />
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

const VOICE_LABEL: Record<Exclude<EvidencePassage["voice"], "own">, string> = {
  reported: "Reported view: the article quotes it but does not adopt it",
  unclear: "Voice unclear: the coder could not tell whether the article adopts this view",
};

/** One passage with its article; a view that is not the article's own says so above the quote. */
function Quote({ quote: q }: { quote: EvidencePassage }) {
  return (
    <li data-passage-id={q.id} data-voice={q.voice} className={`voice-${q.voice}`}>
      {q.voice !== "own" && (
        <p className="voice-label" data-testid="voice-label">
          {VOICE_LABEL[q.voice]}
          {q.note ? `. Coder’s note: ${q.note}` : ""}
        </p>
      )}
      <blockquote>
        <p>“{q.quote}”</p>
      </blockquote>
      <p className="example-source">
        <Link href={`/articles/${q.article.slug}#p-${q.id}`} data-testid="quote-link">
          {q.article.headline}
        </Link>{" "}
        · {q.outlet.name} · {q.article.publishedAt}
      </p>
    </li>
  );
}
