/**
 * Krippendorff's alpha by the coincidence-matrix method of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability" (https://repository.upenn.edu/asc_papers/43):
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)   over pairable units (m_u ≥ 2)
 *   n_c  = Σ_k o_ck,  n.. = Σ_c n_c
 *   D_o  = Σ_c Σ_k o_ck δ²_ck / n..
 *   D_e  = Σ_c Σ_k n_c n_k δ²_ck / (n.. (n.. − 1))
 *   α    = 1 − D_o / D_e
 *
 * Pure arithmetic on numbers: nominal data are category indices chosen by the caller. Identical
 * units are grouped into unit types first, so the work grows with the number of distinct value
 * patterns, not with the number of units (millions of units fall into a few dozen types).
 */

export type Metric = "nominal" | "ordinal" | "interval" | "ratio";

/** One unit's values (the m_u ≥ 1 values coders gave it; missing values are simply absent). */
export type UnitValues = readonly number[];

/** Identical units grouped: the values (sorted ascending) and how many units have them. */
export interface UnitType {
  values: readonly number[];
  count: number;
}

export interface AlphaResult {
  /** null when undefined; `reason` says why. */
  alpha: number | null;
  reason?: string;
  /** D_o */
  observed: number;
  /** D_e */
  expected: number;
  /** Pairable units (m_u ≥ 2). */
  units: number;
  /** n.., the number of values in pairable units. */
  pairable: number;
}

export const REASON_NOT_PAIRABLE =
  "fewer than two pairable values: no unit was coded by two or more coders";
export const REASON_NO_VARIATION =
  "no variation: every pairable value is the same, so expected disagreement is 0";

/**
 * Unit types ready for weighting: the distinct pairable values in ascending order, and for each
 * pairable type its coincidences (o contributions) and value counts as sparse index lists.
 * The bootstrap reuses one of these for every resample.
 */
export interface PreparedTypes {
  values: number[];
  types: PreparedType[];
}

interface PreparedType {
  count: number;
  /** Indices into `values` with how many values of the unit equal it. */
  index: Int32Array;
  times: Float64Array;
  /** Sparse coincidences of one such unit: pairs (c, k) with c ≤ k and their o contribution. */
  pairC: Int32Array;
  pairK: Int32Array;
  pairO: Float64Array;
  m: number;
}

/** Alpha of reliability data laid out as in Krippendorff (2011): rows = coders, columns = units. */
export function alphaOfMatrix(
  rows: readonly (readonly (number | null | undefined)[])[],
  metric: Metric,
): AlphaResult {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const units: number[][] = [];
  for (let u = 0; u < width; u++) {
    const values: number[] = [];
    for (const row of rows) {
      const v = row[u];
      if (v !== null && v !== undefined && !Number.isNaN(v)) values.push(v);
    }
    units.push(values);
  }
  return alphaOfUnits(units, metric);
}

/** Alpha of units given as lists of the values coders gave them (missing values left out). */
export function alphaOfUnits(units: readonly UnitValues[], metric: Metric): AlphaResult {
  return alphaOfTypes(groupUnits(units), metric);
}

/** Alpha of grouped units: each type's values weighted by its count. */
export function alphaOfTypes(types: readonly UnitType[], metric: Metric): AlphaResult {
  const prepared = prepareTypes(types);
  return alphaOfPrepared(
    prepared,
    prepared.types.map((t) => t.count),
    metric,
  );
}

function compareValues(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

/**
 * Groups identical units (same multiset of values) into types, in a canonical order: fewer values
 * first, then by the sorted values. The same units in any order give the same list.
 */
export function groupUnits(units: readonly UnitValues[]): UnitType[] {
  return mergeTypes(units.map((values) => ({ values, count: 1 })));
}

/** Sorts each type's values, merges equal types and puts them in the canonical order. */
export function mergeTypes(types: readonly UnitType[]): UnitType[] {
  const byKey = new Map<string, UnitType>();
  for (const type of types) {
    for (const v of type.values) {
      if (!Number.isFinite(v)) throw new RangeError(`alpha: value ${v} is not a finite number`);
    }
    if (!(type.count >= 0) || !Number.isFinite(type.count)) {
      throw new RangeError(`alpha: unit count ${type.count} is not a non-negative number`);
    }
    if (type.count === 0) continue;
    const values = [...type.values].sort((a, b) => a - b);
    const key = values.join(",");
    const seen = byKey.get(key);
    if (seen) seen.count += type.count;
    else byKey.set(key, { values, count: type.count });
  }
  return [...byKey.values()].sort((a, b) => compareValues(a.values, b.values));
}

/** Indexes the pairable types (m_u ≥ 2) on their distinct values; see `PreparedTypes`. */
export function prepareTypes(types: readonly UnitType[]): PreparedTypes {
  const pairable = types.filter((t) => t.values.length >= 2);
  const values = [...new Set(pairable.flatMap((t) => t.values))].sort((a, b) => a - b);
  const position = new Map(values.map((v, i) => [v, i]));
  return {
    values,
    types: pairable.map((t) => {
      const counts = new Map<number, number>();
      for (const v of t.values) {
        const i = position.get(v)!;
        counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const index = [...counts.keys()].sort((a, b) => a - b);
      const times = index.map((i) => counts.get(i)!);
      const m = t.values.length;
      const pairC: number[] = [];
      const pairK: number[] = [];
      const pairO: number[] = [];
      for (let x = 0; x < index.length; x++) {
        for (let y = x; y < index.length; y++) {
          // Ordered pairs of values from different coders: n_c (n_c − 1) on the diagonal.
          const pairs = x === y ? times[x]! * (times[x]! - 1) : times[x]! * times[y]!;
          if (pairs === 0) continue;
          pairC.push(index[x]!);
          pairK.push(index[y]!);
          pairO.push(pairs / (m - 1));
        }
      }
      return {
        count: t.count,
        index: Int32Array.from(index),
        times: Float64Array.from(times),
        pairC: Int32Array.from(pairC),
        pairK: Int32Array.from(pairK),
        pairO: Float64Array.from(pairO),
        m,
      };
    }),
  };
}

/**
 * Alpha of prepared types, each weighted by `weights[i]` units instead of its own count (the
 * bootstrap's resamples). Works in O(T + V²) for T types on V distinct values.
 */
export function alphaOfPrepared(
  prepared: PreparedTypes,
  weights: ArrayLike<number>,
  metric: Metric,
): AlphaResult {
  const { values, types } = prepared;
  const size = values.length;
  const o = new Float64Array(size * size);
  const n = new Float64Array(size);
  let units = 0;
  let total = 0;
  for (let t = 0; t < types.length; t++) {
    const w = weights[t]!;
    if (w === 0) continue;
    const type = types[t]!;
    units += w;
    total += w * type.m;
    for (let p = 0; p < type.pairO.length; p++) {
      const c = type.pairC[p]!;
      const k = type.pairK[p]!;
      const add = w * type.pairO[p]!;
      o[c * size + k]! += add;
      if (c !== k) o[k * size + c]! += add;
    }
    for (let i = 0; i < type.index.length; i++) n[type.index[i]!]! += w * type.times[i]!;
  }
  if (total < 2) {
    return {
      alpha: null,
      reason: REASON_NOT_PAIRABLE,
      observed: 0,
      expected: 0,
      units,
      pairable: total,
    };
  }
  const delta = deltaFunction(metric, values, n);
  let sumO = 0;
  let sumE = 0;
  for (let c = 0; c < size; c++) {
    for (let k = c + 1; k < size; k++) {
      const d = delta(c, k);
      sumO += 2 * o[c * size + k]! * d;
      sumE += 2 * n[c]! * n[k]! * d;
    }
  }
  const observed = sumO / total;
  const expected = sumE / (total * (total - 1));
  if (!(sumE > 0)) {
    return { alpha: null, reason: REASON_NO_VARIATION, observed, expected, units, pairable: total };
  }
  return { alpha: 1 - ((total - 1) * sumO) / sumE, observed, expected, units, pairable: total };
}

/** δ²_ck on value indices c < k; ordinal uses the marginals n_g of the pairable values. */
function deltaFunction(
  metric: Metric,
  values: readonly number[],
  n: Float64Array,
): (c: number, k: number) => number {
  switch (metric) {
    case "nominal":
      return () => 1;
    case "interval":
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case "ratio":
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
    case "ordinal": {
      const cumulative = new Float64Array(n.length + 1);
      for (let g = 0; g < n.length; g++) cumulative[g + 1] = cumulative[g]! + n[g]!;
      return (c, k) => (cumulative[k + 1]! - cumulative[c]! - (n[c]! + n[k]!) / 2) ** 2;
    }
  }
}
