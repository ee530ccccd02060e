import Link from "next/link";
import type { ReactNode } from "react";
import { formatN, formatPp } from "@/app/lib/compare";
import type { CompareDimension, CompareRow } from "@/app/lib/queries/compare";
import { formatShare, plural } from "@/app/lib/shares";
import { type SideInfo, SmallSampleMark } from "./compare-summary";

function signedMean(v: number | null): string {
  if (v === null) return "–";
  const r = Math.round(v * 100) / 100;
  if (r === 0) return "0.00";
  return `${r > 0 ? "+" : "\u2212"}${Math.abs(r).toFixed(2)}`;
}

/** The denominator of one outlet's shares: stance-taking articles, passages or articles. */
function denominator(d: CompareDimension, side: "a" | "b"): number {
  if (d.stance) return d.stance[side].taking;
  return d.unit === "passages" ? d.n[side].passages : d.n[side].articles;
}

function countsText(d: CompareDimension, row: CompareRow, side: "a" | "b"): string {
  const count = row[side].count;
  if (row.side === "none") return `${count} of ${plural(d.n[side].articles, "article")}`;
  const noun = d.unit === "passages" ? "passage" : "article";
  return `${count} of ${plural(denominator(d, side), noun)}`;
}

/** Whole points when either outlet is below the article count that earns a decimal. */
function diffText(d: CompareDimension, diff: number | null): string {
  return formatPp(diff, Math.min(d.n.a.articles, d.n.b.articles));
}

const WHAT_IS_COUNTED: Record<string, string> = {
  passages:
    "Share of this dimension's coded passages (each passage counts once; shares sum to 100 % per outlet).",
  articles_many: "Share of articles in which the code occurs (an article can have several).",
  articles_one: "Share of articles (one code per article, in the article's own voice).",
  stance:
    "Share of the articles that take a stance (one code per article, in the article's own voice); articles that take none are counted apart.",
};

/** One dimension, two outlets: share in A, share in B and A − B for every code, with counts and n. */
export function CompareTable({
  dimension,
  a,
  b,
  evidenceHref,
  agreement,
}: {
  dimension: CompareDimension;
  a: SideInfo;
  b: SideInfo;
  evidenceHref: (dimension: string, code: string, outlet: string) => string;
  /** The dimension's agreement badge (streamed in; its line is reserved). */
  agreement?: ReactNode;
}) {
  const d = dimension;
  const titleId = `cmp-${d.key}-title`;
  const counted =
    d.unit === "passages"
      ? WHAT_IS_COUNTED.passages
      : d.stance
        ? WHAT_IS_COUNTED.stance
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
          n: {a.shortName} · {formatN(d.n.a, d.unit === "passages")}
          <SmallSampleMark articles={d.n.a.articles} />; {b.shortName} ·{" "}
          {formatN(d.n.b, d.unit === "passages")}
          <SmallSampleMark articles={d.n.b.articles} />
        </span>
      </p>
      {agreement}
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
      {d.stance && <StanceNote dimension={d} a={a} b={b} />}
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
        <span className="cell-label">Difference (A − B)</span>
        <span className="diff-value">{diffText(d, r.diff)}</span>
        {r.diff !== null && (
          <span className="diff-bar" aria-hidden="true">
            {r.diff !== 0 && (
              <span
                className={r.diff > 0 ? "pos" : "neg"}
                style={{ width: `${Math.min(50, Math.abs(r.diff) / 2)}%`, background: r.colour }}
              />
            )}
          </span>
        )}
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
  return (
    <td className="share-cell" data-side={side} data-count={s.count}>
      <span className="cell-label">
        {side.toUpperCase()} · {info.shortName}
      </span>
      <span className="share-value">
        {row.side === "none" ? "no stance" : formatShare(s.share, d.n[side].articles)}
      </span>
      {row.side !== "none" && (
        <span className="share-bar" aria-hidden="true">
          <span
            style={{ width: `${Math.min(100, (s.share ?? 0) * 100)}%`, background: row.colour }}
          />
        </span>
      )}
      <span className="share-count">
        {s.count > 0 ? (
          <Link href={evidenceHref(d.key, row.code, info.slug)}>{countsText(d, row, side)}</Link>
        ) : (
          countsText(d, row, side)
        )}
      </span>
    </td>
  );
}

/** Under a stance table: how many articles take a stance (the denominator) and how many take none. */
function StanceNote({
  dimension: d,
  a,
  b,
}: {
  dimension: CompareDimension;
  a: SideInfo;
  b: SideInfo;
}) {
  if (!d.stance) return null;
  const stance = d.stance;
  return (
    <p className="stance-note" data-testid="stance-note">
      Shares are of the articles that take a stance:{" "}
      {(
        [
          ["a", a],
          ["b", b],
        ] as const
      ).map(([side, info], i) => (
        <span
          key={side}
          data-testid={`no-stance-${side}`}
          data-taking={stance[side].taking}
          data-no-stance={stance[side].noStance}
        >
          {i > 0 && "; "}
          {info.shortName} {stance[side].taking} of {plural(d.n[side].articles, "article")}, with{" "}
          {stance[side].noStance} taking no stance
        </span>
      ))}
      .
    </p>
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
