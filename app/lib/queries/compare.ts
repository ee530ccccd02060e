import "server-only";
import { DASHBOARD_CHARTS } from "../charts";
import { diffPp, isStanceDimension, pickQuotes, type StanceSide, stanceShares } from "../compare";
import type { Filters, Unit } from "../filters";
import { getCodebook, type CodebookDimension } from "./codebook";
import { getFrameCounts } from "./frames";
import { getEvidence, type EvidencePassage } from "./passages";

/** Every dimension the dashboard charts, once, counted in its first chart's own unit. */
export const COMPARE_DIMENSIONS: { key: string; unit: Unit }[] = [
  ...new Map(DASHBOARD_CHARTS.map((c) => [c.dimension, c.units[0]])).entries(),
].map(([key, unit]) => ({ key, unit }));

export interface Side {
  count: number;
  share: number | null;
}

export interface CompareRow {
  code: string;
  label: string;
  colour: string;
  value: number | null;
  /** Stance codes: the codebook's side (`none` takes no stance, so has no share); null elsewhere. */
  side: StanceSide;
  a: Side;
  b: Side;
  /** A − B in percentage points; null when an outlet has no n. */
  diff: number | null;
}

export interface N {
  articles: number;
  passages: number;
}

export interface StanceN {
  taking: number;
  noStance: number;
}

export interface CompareDimension {
  key: string;
  label: string;
  question: string;
  scope: "passage" | "article";
  ordinal: boolean;
  unit: Unit;
  n: { a: N; b: N };
  rows: CompareRow[];
  /** Stance dimensions: articles that take a stance (the shares' denominator) and those that do not. */
  stance?: { a: StanceN; b: StanceN };
  /** Ordinal dimensions: the mean scale value of each outlet's articles. */
  mean?: { a: number | null; b: number | null };
}

export interface Characteristic {
  dimension: { key: string; label: string; unit: Unit };
  code: { key: string; label: string; colour: string };
  diff: number;
  share: number | null;
  otherShare: number | null;
  quotes: EvidencePassage[];
}

export interface Comparison {
  a: string;
  b: string;
  coder: string;
  /** Articles in scope, and coded passages over all dimensions, per outlet. */
  n: { a: N; b: N };
  dimensions: CompareDimension[];
  characteristic: { a: Characteristic[]; b: Characteristic[] };
}

const ZERO: N = { articles: 0, passages: 0 };

function mean(rows: CompareRow[], side: "a" | "b"): number | null {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (r.value === null) continue;
    sum += r[side].count * r.value;
    n += r[side].count;
  }
  return n ? sum / n : null;
}

/** Shares of every code of one dimension in A and in B; stance dimensions count only stance-taking articles. */
function compareDimension(
  dim: CodebookDimension,
  unit: Unit,
  fc: Awaited<ReturnType<typeof getFrameCounts>>,
  a: string,
  b: string,
): CompareDimension {
  const cell = new Map(fc.rows.map((r) => [`${r.outlet}\0${r.code}`, r]));
  const sides = (outlet: string): { sides: Side[]; stance?: StanceN } => {
    const rows = dim.codes.map((c) => cell.get(`${outlet}\0${c.key}`));
    const counts = rows.map((r) => r?.count ?? 0);
    if (!isStanceDimension(dim.codes))
      return { sides: rows.map((r, i) => ({ count: counts[i], share: r?.share ?? null })) };
    const { shares, taking, noStance } = stanceShares(
      dim.codes.map((c, i) => ({ side: c.side, count: counts[i] })),
    );
    return {
      sides: shares.map((share, i) => ({ count: counts[i], share })),
      stance: { taking, noStance },
    };
  };
  const sa = sides(a);
  const sb = sides(b);
  const rows: CompareRow[] = dim.codes.map((c, i) => ({
    code: c.key,
    label: c.label,
    colour: c.colour,
    value: c.value,
    side: c.side,
    a: sa.sides[i],
    b: sb.sides[i],
    diff: diffPp(sa.sides[i].share, sb.sides[i].share),
  }));
  return {
    key: dim.key,
    label: dim.label,
    question: dim.question,
    scope: dim.scope,
    ordinal: dim.ordinal,
    unit,
    n: { a: fc.n[a] ?? ZERO, b: fc.n[b] ?? ZERO },
    rows,
    ...(sa.stance && sb.stance ? { stance: { a: sa.stance, b: sb.stance } } : {}),
    ...(dim.ordinal ? { mean: { a: mean(rows, "a"), b: mean(rows, "b") } } : {}),
  };
}

/**
 * Codes where one outlet's share of passages exceeds the other's most
 * (positive differences only). Article-level shares are left out: at a few
 * articles they move in steps of 50 points and would drown the passage shares.
 */
function leaders(dimensions: CompareDimension[], side: "a" | "b", max: number) {
  return dimensions
    .filter((d) => d.unit === "passages")
    .flatMap((d) =>
      d.rows.map((r) => ({ d, r, lead: r.diff === null ? null : side === "a" ? r.diff : -r.diff })),
    )
    .filter((x): x is typeof x & { lead: number } => x.lead !== null && x.lead > 0)
    .sort(
      (x, y) =>
        y.lead - x.lead || x.d.key.localeCompare(y.d.key) || x.r.code.localeCompare(y.r.code),
    )
    .slice(0, max);
}

/** Own-voice passages first: a view the article only reports does not speak for the outlet. */
const VOICE_RANK: Record<EvidencePassage["voice"], number> = { own: 0, unclear: 1, reported: 2 };

/**
 * One outlet's characteristic codes, in the order of its lead, with their
 * quotes. Looks a little beyond the top few to find codes with a passage in the
 * outlet's own voice; a quote already listed for a higher-ranked code is not repeated.
 */
async function characteristic(
  scoped: Filters,
  dimensions: CompareDimension[],
  side: "a" | "b",
  outlet: string,
  { topCodes, quotesPerCode }: { topCodes: number; quotesPerCode: number },
): Promise<Characteristic[]> {
  const other = side === "a" ? "b" : "a";
  const top = leaders(dimensions, side, topCodes * 3);
  const evidence = await Promise.all(
    top.map(({ d, r }) => getEvidence(scoped, d.key, r.code, outlet)),
  );
  // Codes with a passage in the outlet's own voice come first: a view an article only reports
  // does not characterise the outlet. Others fill in (their quotes labelled), then unquoted ones.
  const own = (i: number) => evidence[i].passages.some((p) => p.voice === "own");
  const quoted = (i: number) => evidence[i].passages.length > 0;
  const indices = top.map((_, i) => i);
  const chosen = [
    ...indices.filter(own),
    ...indices.filter((i) => quoted(i) && !own(i)),
    ...indices.filter((i) => !quoted(i)),
  ]
    .slice(0, topCodes)
    .sort((x, y) => x - y);
  const shown: EvidencePassage[] = [];
  return chosen.map((i) => {
    const { d, r, lead } = top[i];
    return {
      dimension: { key: d.key, label: d.label, unit: d.unit },
      code: { key: r.code, label: r.label, colour: r.colour },
      diff: lead,
      share: r[side].share,
      otherShare: r[other].share,
      quotes: pickQuotes(evidence[i].passages, quotesPerCode, shown, (p) => VOICE_RANK[p.voice]),
    };
  });
}

/**
 * Two outlets side by side on every dimension, for the articles the filter
 * covers (its outlets are replaced by the pair), plus the codes where each
 * outlet's share of passages exceeds the other's the most, with quotes.
 */
export async function getComparison(
  filters: Filters,
  a: string,
  b: string,
  options: { topCodes?: number; quotesPerCode?: number } = {},
): Promise<Comparison> {
  const picks = { topCodes: options.topCodes ?? 3, quotesPerCode: options.quotesPerCode ?? 2 };
  const scoped: Filters = { ...filters, outlets: [a, b].sort() };
  const [codebook, counted] = await Promise.all([
    getCodebook(),
    Promise.all(
      COMPARE_DIMENSIONS.map(async (spec) => ({
        spec,
        fc: await getFrameCounts(scoped, spec.key, spec.unit),
      })),
    ),
  ]);
  const byKey = new Map<string, CodebookDimension>(codebook.map((d) => [d.key, d]));
  const dimensions = counted.flatMap(({ spec, fc }) => {
    const dim = byKey.get(spec.key);
    return dim ? [compareDimension(dim, spec.unit, fc, a, b)] : [];
  });

  const total = (side: "a" | "b"): N => ({
    articles: Math.max(0, ...dimensions.map((d) => d.n[side].articles)),
    passages: dimensions.reduce((s, d) => s + d.n[side].passages, 0),
  });
  const [charA, charB] = await Promise.all([
    characteristic(scoped, dimensions, "a", a, picks),
    characteristic(scoped, dimensions, "b", b, picks),
  ]);

  return {
    a,
    b,
    coder: filters.coder,
    n: { a: total("a"), b: total("b") },
    dimensions,
    characteristic: { a: charA, b: charB },
  };
}
