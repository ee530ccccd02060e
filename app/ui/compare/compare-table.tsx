import Link from "next/link";
import { formatPct, formatPp } from "@/app/lib/compare";
import type { CompareDimension, CompareRow, N, Side } from "@/app/lib/queries/compare";
import type { SideInfo } from "./compare-summary";

function signedMean(v: number | null): string {
  if (v === null) return "–";
  const r = Math.round(v * 100) / 100;
  if (r === 0) return "0.00";
  return `${r > 0 ? "+" : "\u2212"}${Math.abs(r).toFixed(2)}`;
}

function nText(n: N, unit: "passages" | "articles"): string {
  return unit === "passages"
    ? `${n.passages} passage${n.passages === 1 ? "" : "s"} in ${n.articles} article${n.articles === 1 ? "" : "s"}`
    : `${n.articles} article${n.articles === 1 ? "" : "s"}`;
}

function countsText(side: Side, n: N, unit: "passages" | "articles"): string {
  const denominator = unit === "passages" ? n.passages : n.articles;
  const noun = unit === "passages" ? "passage" : "article";
  return `${side.count} of ${denominator} ${noun}${denominator === 1 ? "" : "s"}`;
}

const WHAT_IS_COUNTED: Record<string, string> = {
  passages:
    "Share of this dimension's coded passages (each passage counts once; shares sum to 100 % per outlet).",
  articles_many: "Share of articles in which the code occurs (an article can have several).",
  articles_one: "Share of articles (one code per article, in the article's own voice).",
};

/** One dimension, two outlets: share in A, share in B and A − B for every code, with counts and n. */
export function CompareTable({
  dimension,
  a,
  b,
  evidenceHref,
}: {
  dimension: CompareDimension;
  a: SideInfo;
  b: SideInfo;
  evidenceHref: (dimension: string, code: string, outlet: string) => string;
}) {
  const d = dimension;
  const titleId = `cmp-${d.key}-title`;
  const counted =
    d.unit === "passages"
      ? WHAT_IS_COUNTED.passages
      : d.scope === "article"
        ? WHAT_IS_COUNTED.articles_one
        : WHAT_IS_COUNTED.articles_many;
  return (
    <section
      className="compare-dimension"
      id={`cmp-${d.key}`}
      aria-labelledby={titleId}
      data-testid="compare-dimension"
    >
      <h2 id={titleId}>{d.label}</h2>
      <p className="chart-meta">
        {d.question} {counted}
        <br />
        <span data-testid="dimension-n">
          n: {a.name} {nText(d.n.a, d.unit)}; {b.name} {nText(d.n.b, d.unit)}
        </span>
      </p>
      <div className="table-scroll">
        <table className="compare-table" data-dimension={d.key} data-unit={d.unit}>
          <caption className="sr-only">
            {d.label}: share of {d.unit} per code in {a.name} (A) and {b.name} (B), and the
            difference A minus B in percentage points
          </caption>
          <thead>
            <tr>
              <th scope="col" className="col-code">
                Code
              </th>
              <th scope="col" className="col-share">
                A: {a.name}
              </th>
              <th scope="col" className="col-share">
                B: {b.name}
              </th>
              <th scope="col" className="col-diff">
                Difference <span className="nowrap">(A − B)</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <CompareTableRow
                key={r.code}
                dimension={d}
                row={r}
                a={a}
                b={b}
                evidenceHref={evidenceHref}
              />
            ))}
          </tbody>
        </table>
      </div>
      {d.mean && <ToneMean mean={d.mean} a={a} b={b} />}
    </section>
  );
}

/** One code: its share in A and in B (with counts that link to the evidence) and the difference. */
function CompareTableRow({
  dimension: d,
  row: r,
  a,
  b,
  evidenceHref,
}: {
  dimension: CompareDimension;
  row: CompareRow;
  a: SideInfo;
  b: SideInfo;
  evidenceHref: (dimension: string, code: string, outlet: string) => string;
}) {
  return (
    <tr
      data-code={r.code}
      data-share-a={r.a.share === null ? "" : r.a.share * 100}
      data-share-b={r.b.share === null ? "" : r.b.share * 100}
      data-diff={r.diff ?? ""}
    >
      <th scope="row">
        <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
        <Link href={`/codebook#code-${d.key}-${r.code}`}>{r.label}</Link>
        {r.value !== null && (
          <span className="muted">
            {" "}
            ({r.value > 0 ? `+${r.value}` : r.value < 0 ? `\u2212${-r.value}` : "0"})
          </span>
        )}
      </th>
      <ShareCell dimension={d} row={r} side="a" info={a} evidenceHref={evidenceHref} />
      <ShareCell dimension={d} row={r} side="b" info={b} evidenceHref={evidenceHref} />
      <td className="diff-cell" data-testid="diff">
        <span className="diff-value">{formatPp(r.diff)}</span>
        <span className="diff-bar" aria-hidden="true">
          {r.diff !== null && r.diff !== 0 && (
            <span
              className={r.diff > 0 ? "pos" : "neg"}
              style={{ width: `${Math.min(50, Math.abs(r.diff) / 2)}%`, background: r.colour }}
            />
          )}
        </span>
      </td>
    </tr>
  );
}

/** One outlet's share of a code, as a number and a bar, with the count behind it. */
function ShareCell({
  dimension: d,
  row,
  side,
  info,
  evidenceHref,
}: {
  dimension: CompareDimension;
  row: CompareRow;
  side: "a" | "b";
  info: SideInfo;
  evidenceHref: (dimension: string, code: string, outlet: string) => string;
}) {
  const s = row[side];
  const n = d.n[side];
  return (
    <td className="share-cell" data-side={side} data-count={s.count}>
      <span className="share-value">{formatPct(s.share)}</span>
      <span className="share-bar" aria-hidden="true">
        <span
          style={{ width: `${Math.min(100, (s.share ?? 0) * 100)}%`, background: row.colour }}
        />
      </span>
      <span className="share-count">
        {s.count > 0 ? (
          <Link href={evidenceHref(d.key, row.code, info.slug)}>{countsText(s, n, d.unit)}</Link>
        ) : (
          countsText(s, n, d.unit)
        )}
      </span>
    </td>
  );
}

/** An ordinal dimension's mean scale value per outlet, and their difference. */
function ToneMean({
  mean,
  a,
  b,
}: {
  mean: { a: number | null; b: number | null };
  a: SideInfo;
  b: SideInfo;
}) {
  return (
    <p
      className="tone-mean"
      data-testid="tone-mean"
      data-mean-a={mean.a ?? ""}
      data-mean-b={mean.b ?? ""}
    >
      Mean on the scale −2 … +2: {a.name} <strong>{signedMean(mean.a)}</strong>, {b.name}{" "}
      <strong>{signedMean(mean.b)}</strong>
      {mean.a !== null && mean.b !== null && (
        <>; difference (A − B) {signedMean(mean.a - mean.b)}</>
      )}
      .
    </p>
  );
}
