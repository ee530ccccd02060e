import type { Unit } from "../filter-query";

export interface FrameRow {
  outlet: string;
  code: string;
  count: number;
  /** count / n.passages (unit passages) or count / n.articles (unit articles); null when that n is 0. */
  share: number | null;
}

export interface FrameCounts {
  dimension: string;
  unit: Unit;
  coder: string;
  rows: FrameRow[];
  n: Record<string, { articles: number; passages: number }>;
}

/**
 * Turns per-outlet totals into the rows every chart and the API use: one row
 * per outlet (with at least one article) × code of the dimension, zeros
 * included, outlets in slug order and codes in codebook order. Shared by the
 * rollup queries and the straightforward reference queries, so both answer in
 * exactly the same shape.
 */
export function assembleFrameCounts(input: {
  dimension: string;
  unit: Unit;
  coder: string;
  codes: string[];
  articleLevel: boolean;
  perOutlet: { outlet: string; articles: number }[];
  passageCounts: { outlet: string; code: string; passages: number; articles: number }[];
  articleCodeCounts: { outlet: string; code: string; articles: number }[];
}): FrameCounts {
  const n: FrameCounts["n"] = {};
  for (const o of [...input.perOutlet]
    .filter((o) => o.articles > 0)
    .sort((x, y) => x.outlet.localeCompare(y.outlet))) {
    n[o.outlet] = { articles: o.articles, passages: 0 };
  }
  const key = (outlet: string, code: string) => `${outlet}\0${code}`;
  const passages = new Map(input.passageCounts.map((r) => [key(r.outlet, r.code), r.passages]));
  const articlesWith = new Map(
    (input.articleLevel ? input.articleCodeCounts : input.passageCounts).map((r) => [
      key(r.outlet, r.code),
      r.articles,
    ]),
  );
  for (const r of input.passageCounts) if (n[r.outlet]) n[r.outlet].passages += r.passages;

  const rows: FrameRow[] = [];
  for (const [outlet, totals] of Object.entries(n)) {
    for (const code of input.codes) {
      const count =
        (input.unit === "passages" ? passages : articlesWith).get(key(outlet, code)) ?? 0;
      const denominator = input.unit === "passages" ? totals.passages : totals.articles;
      rows.push({ outlet, code, count, share: denominator ? count / denominator : null });
    }
  }
  return { dimension: input.dimension, unit: input.unit, coder: input.coder, rows, n };
}
