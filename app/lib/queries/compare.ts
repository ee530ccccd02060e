import "server-only";
import { DASHBOARD_CHARTS } from "../charts";
import { diffPp } from "../compare";
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
  a: Side;
  b: Side;
  /** A − B in percentage points; null when an outlet has no n. */
  diff: number | null;
}

export interface N {
  articles: number;
  passages: number;
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

/** Shortest quotes first, each distinct quote once. */
function pickQuotes(passages: EvidencePassage[], max: number): EvidencePassage[] {
  const seen = new Set<string>();
  const out: EvidencePassage[] = [];
  for (const p of [...passages].sort((x, y) => x.quote.length - y.quote.length || x.id - y.id)) {
    if (seen.has(p.quote)) continue;
    seen.add(p.quote);
    out.push(p);
    if (out.length === max) break;
  }
  return out;
}

/**
 * Two outlets side by side on every dimension, for the articles the filter
 * covers (its outlets are replaced by the pair), plus the codes where each
 * outlet's share exceeds the other's the most, with quotes.
 */
export async function getComparison(
  filters: Filters,
  a: string,
  b: string,
  options: { topCodes?: number; quotesPerCode?: number } = {},
): Promise<Comparison> {
  const { topCodes = 3, quotesPerCode = 2 } = options;
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

  const dimensions: CompareDimension[] = [];
  for (const { spec, fc } of counted) {
    const dim = byKey.get(spec.key);
    if (!dim) continue;
    const cell = new Map(fc.rows.map((r) => [`${r.outlet}\0${r.code}`, r]));
    const side = (outlet: string, code: string): Side => {
      const r = cell.get(`${outlet}\0${code}`);
      return { count: r?.count ?? 0, share: r?.share ?? null };
    };
    const rows = dim.codes.map((c) => {
      const sa = side(a, c.key);
      const sb = side(b, c.key);
      return {
        code: c.key,
        label: c.label,
        colour: c.colour,
        value: c.value,
        a: sa,
        b: sb,
        diff: diffPp(sa.share, sb.share),
      };
    });
    dimensions.push({
      key: dim.key,
      label: dim.label,
      question: dim.question,
      scope: dim.scope,
      ordinal: dim.ordinal,
      unit: spec.unit,
      n: { a: fc.n[a] ?? ZERO, b: fc.n[b] ?? ZERO },
      rows,
      ...(dim.ordinal ? { mean: { a: mean(rows, "a"), b: mean(rows, "b") } } : {}),
    });
  }

  const total = (side: "a" | "b"): N => ({
    articles: Math.max(0, ...dimensions.map((d) => d.n[side].articles)),
    passages: dimensions.reduce((s, d) => s + d.n[side].passages, 0),
  });

  // Codes where one outlet's share exceeds the other's most (positive differences only).
  const leaders = (side: "a" | "b") =>
    dimensions
      .flatMap((d) =>
        d.rows.map((r) => ({
          d,
          r,
          lead: r.diff === null ? null : side === "a" ? r.diff : -r.diff,
        })),
      )
      .filter((x): x is typeof x & { lead: number } => x.lead !== null && x.lead > 0)
      .sort(
        (x, y) =>
          y.lead - x.lead || x.d.key.localeCompare(y.d.key) || x.r.code.localeCompare(y.r.code),
      )
      .slice(0, topCodes * 3);

  // Prefer codes that have a marked passage to quote; look a little beyond the top few to find them.
  const characteristic = async (side: "a" | "b"): Promise<Characteristic[]> => {
    const outlet = side === "a" ? a : b;
    const other = side === "a" ? "b" : "a";
    const candidates = await Promise.all(
      leaders(side).map(async ({ d, r, lead }) => ({
        dimension: { key: d.key, label: d.label, unit: d.unit },
        code: { key: r.code, label: r.label, colour: r.colour },
        diff: lead,
        share: r[side].share,
        otherShare: r[other].share,
        quotes: pickQuotes(
          (await getEvidence(scoped, d.key, r.code, outlet)).passages,
          quotesPerCode,
        ),
      })),
    );
    const quoted = candidates.filter((c) => c.quotes.length > 0);
    return (quoted.length ? quoted : candidates).slice(0, topCodes);
  };
  const [charA, charB] = await Promise.all([characteristic("a"), characteristic("b")]);

  return {
    a,
    b,
    coder: filters.coder,
    n: { a: total("a"), b: total("b") },
    dimensions,
    characteristic: { a: charA, b: charB },
  };
}
