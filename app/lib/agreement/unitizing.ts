/**
 * Krippendorff's unitizing alpha uα (Krippendorff 2004, "Measuring the reliability of qualitative
 * text analysis data", Quality & Quantity 38; Content Analysis, 2nd ed., pp. 251–256): how well
 * observers agree on where the passages of each category begin and end on a continuum.
 *
 * For a category c, every observer's continuum is cut into units (their passages of c) and gaps
 * (the stretches between them). Between segments g of observer i and h of observer j:
 *   δ = (b_g − b_h)² + (e_g − e_h)²   both units, overlapping
 *   δ = l_g²                          g a unit lying inside a gap h (and the reverse)
 *   δ = 0                             otherwise
 *   D_o(c) = Σ_i Σ_j≠i Σ_g Σ_h δ / (m (m − 1) L²)
 *   D_e(c) = (2 / L) Σ_units g [ (N_c − 1) (2l³ − 3l² + l) / 3 + l² Σ_gaps h, l_h ≥ l (l_h − l + 1) ]
 *            / (m L (m L − 1) − Σ_units l (l − 1))
 * over the m observers' N_c units and all their gaps, L the continuum's length;
 * uα(c) = 1 − D_o(c) / D_e(c) and overall uα = 1 − Σ_c D_o(c) / Σ_c D_e(c).
 *
 * The continuum here is several sections (articles) placed one after another; a gap ends where its
 * section ends. Before comparing, one observer's overlapping or touching passages of one category
 * in one section are merged: coding the same span twice is one unit.
 *
 * Cost: one pass over the sections. Per section and observer a small sort; per category one sweep
 * per pair of observers for D_o; for D_e, unit and gap lengths counted by length, so that
 * Σ_{gaps ≥ l} (l_h − l + 1) comes from suffix sums (no unit is paired with every gap). Memory
 * grows with the longest section and the number of categories, not with the number of units.
 */

/** A passage: [start, end) in the section's offsets. */
export interface Segment {
  start: number;
  end: number;
  category: string;
}

/** One stretch of the continuum (an article) and every observer's segments in it. */
export interface Section {
  length: number;
  observers: readonly (readonly Segment[])[];
}

/**
 * The same continuum in columns, with no object per passage (the data layer's form at scale).
 * Section s holds the rows [offsets[s·m + r], offsets[s·m + r + 1]) of observer r (m observers).
 */
export interface ContinuumColumns {
  /** Each section's length. */
  lengths: ArrayLike<number>;
  observers: number;
  /** lengths.length · observers + 1 row offsets. */
  offsets: Int32Array;
  /** Per row: index into the categories, start and end (exclusive). */
  category: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

export interface UnitizingCategory {
  category: string;
  alpha: number | null;
  observed: number;
  expected: number;
  reason?: string;
}

export interface UnitizingResult {
  alpha: number | null;
  reason?: string;
  categories: UnitizingCategory[];
}

export const REASON_ONE_OBSERVER = "needs two coders who both completed the same articles";
export const REASON_EMPTY_CONTINUUM = "no text to compare: the articles are empty";
export const REASON_NEVER_CODED = "no coder marked a passage of this code: no variation";
export const REASON_NONE_CODED = "no coder marked a passage of any code: no variation";
export const REASON_NO_VARIATION = "no variation: expected disagreement is 0";

/** Lengths up to this are counted in arrays; longer ones (rare) in lists. */
const HISTOGRAM_LIMIT = 1 << 16;

/** What D_o(c) and D_e(c) need of one category, summed over the sections. */
class CategoryTally {
  /** Σ δ over unordered pairs of observers. */
  disagreement = 0;
  units = 0;
  /** Σ (2l³ − 3l² + l) / 3 and Σ l (l − 1) over units. */
  cubes = 0;
  selfPairs = 0;
  /** Units and gaps by length (index = length, below `size`); longer ones listed. */
  readonly unitCount: Int32Array;
  readonly gapCount: Int32Array;
  readonly longUnits: number[] = [];
  readonly longGaps: number[] = [];

  constructor(readonly size: number) {
    this.unitCount = new Int32Array(size);
    this.gapCount = new Int32Array(size);
  }

  unit(l: number): void {
    this.units++;
    this.cubes += (l * (l - 1) * (2 * l - 1)) / 3;
    this.selfPairs += l * (l - 1);
    if (l < this.size) this.unitCount[l]!++;
    else this.longUnits.push(l);
  }

  gap(l: number): void {
    if (l < this.size) this.gapCount[l]!++;
    else this.longGaps.push(l);
  }

  /** D_o(c) for m observers on a continuum of length L. */
  observed(m: number, L: number): number {
    return (2 * this.disagreement) / (m * (m - 1) * L * L);
  }

  /** D_e(c) for m observers on a continuum of length L; `shared` gaps add to this one's. */
  expected(m: number, L: number, shared: Int32Array): number {
    const { size, unitCount, gapCount } = this;
    const longGaps = Float64Array.from(this.longGaps).sort();
    const longSuffix = new Float64Array(longGaps.length + 1);
    for (let g = longGaps.length - 1; g >= 0; g--)
      longSuffix[g] = longSuffix[g + 1]! + longGaps[g]!;
    // Every long gap is at least as long as any counted unit.
    const longCount = longGaps.length;
    const longSum = longSuffix[0]!;
    let fitting = 0; // Σ_units l² Σ_{gaps ≥ l} (l_h − l + 1)
    let count = 0; // counted gaps of length ≥ l
    let sum = 0; // and their total length
    for (let l = size - 1; l >= 1; l--) {
      const gaps = gapCount[l]! + shared[l]!;
      count += gaps;
      sum += l * gaps;
      const units = unitCount[l]!;
      if (units > 0) {
        fitting += units * l * l * (sum - count * (l - 1) + longSum - longCount * (l - 1));
      }
    }
    for (const l of this.longUnits) {
      const from = lowerBound(longGaps, l);
      fitting += l * l * (longSuffix[from]! - (longGaps.length - from) * (l - 1));
    }
    const numerator = (this.units - 1) * this.cubes + fitting;
    if (numerator === 0) return 0;
    return ((2 / L) * numerator) / (m * L * (m * L - 1) - this.selfPairs);
  }
}

/** One observer's passages in one section: clipped, sorted by (category, start), then merged. */
class ObserverScratch {
  cat = new Int32Array(64);
  start = new Float64Array(64);
  end = new Float64Array(64);
  order = new Int32Array(64);
  /** Per category: where its passages begin in `order` (counting sort). */
  readonly first: Int32Array;
  /** Merged units, in order: category, start, end; and whether they met the other observer's. */
  unitCat = new Int32Array(64);
  unitStart = new Float64Array(64);
  unitEnd = new Float64Array(64);
  met = new Uint8Array(64);
  length = 0;
  units = 0;
  /** Position in the units while walking the categories. */
  cursor = 0;

  constructor(categories: number) {
    this.first = new Int32Array(categories + 1);
  }

  /** Rows [from, to) of the columns: one observer in one section of the given length. */
  fill(columns: ContinuumColumns, from: number, to: number, length: number): void {
    this.reserve(to - from);
    const categories = this.first.length - 1;
    let n = 0;
    let sorted = true; // already in (category, start) order, as a query ordered by them gives
    let lastCat = -1;
    let lastStart = 0;
    for (let row = from; row < to; row++) {
      const c = columns.category[row]!;
      if (c < 0 || c >= categories) continue;
      const start = Math.max(0, columns.start[row]!);
      const end = Math.min(length, columns.end[row]!);
      if (!(end > start)) continue;
      if (c < lastCat || (c === lastCat && start < lastStart)) sorted = false;
      lastCat = c;
      lastStart = start;
      this.cat[n] = c;
      this.start[n] = start;
      this.end[n] = end;
      this.order[n] = n;
      n++;
    }
    this.length = n;
    if (!sorted) this.sort();
    this.merge();
  }

  private reserve(size: number): void {
    if (size <= this.cat.length) return;
    const capacity = Math.max(size, this.cat.length * 2);
    this.cat = new Int32Array(capacity);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.unitCat = new Int32Array(capacity);
    this.unitStart = new Float64Array(capacity);
    this.unitEnd = new Float64Array(capacity);
    this.met = new Uint8Array(capacity);
  }

  /** Counting sort by category, then insertion sort by start within each (a handful each). */
  private sort(): void {
    const { cat, start, order, first, length } = this;
    first.fill(0);
    for (let i = 0; i < length; i++) first[cat[i]! + 1]!++;
    for (let c = 1; c < first.length; c++) first[c]! += first[c - 1]!;
    for (let i = 0; i < length; i++) order[first[cat[i]!]!++] = i;
    // first[c] is now where category c ends; insertion-sort each run by start.
    let from = 0;
    for (let c = 0; c + 1 < first.length; c++) {
      const to = first[c]!;
      for (let i = from + 1; i < to; i++) {
        const item = order[i]!;
        const key = start[item]!;
        let j = i - 1;
        while (j >= from && start[order[j]!]! > key) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = item;
      }
      from = to;
    }
  }

  /** Overlapping or touching passages of one category become one unit. */
  private merge(): void {
    const { cat, start, end, order, length } = this;
    let units = 0;
    let next = 0;
    while (next < length) {
      const c = cat[order[next]!]!;
      const from = start[order[next]!]!;
      let to = end[order[next]!]!;
      next++;
      while (next < length && cat[order[next]!] === c && start[order[next]!]! <= to) {
        to = Math.max(to, end[order[next]!]!);
        next++;
      }
      this.unitCat[units] = c;
      this.unitStart[units] = from;
      this.unitEnd[units] = to;
      units++;
    }
    this.units = units;
    this.cursor = 0;
  }

  /** The end of the run of units of category c starting at the cursor. */
  runEnd(c: number): number {
    let end = this.cursor;
    while (end < this.units && this.unitCat[end] === c) end++;
    return end;
  }
}

/** Krippendorff's uα overall and per category; see the module comment. */
export function unitizingAlpha(
  sections: readonly Section[],
  categories: readonly string[],
): UnitizingResult {
  const names = [...new Set(categories)];
  const index = new Map(names.map((name, i) => [name, i]));
  const observers = sections[0]?.observers.length ?? 0;
  let rows = 0;
  for (const section of sections) {
    if (section.observers.length !== observers) {
      throw new RangeError("unitizing: every section needs the same observers");
    }
    for (const segments of section.observers) rows += segments.length;
  }
  const offsets = new Int32Array(sections.length * observers + 1);
  const category = new Int32Array(rows);
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  let row = 0;
  sections.forEach((section, s) => {
    section.observers.forEach((segments, r) => {
      for (const segment of segments) {
        const c = index.get(segment.category);
        if (c === undefined) continue;
        for (const x of [segment.start, segment.end]) {
          if (!Number.isSafeInteger(x) || Math.abs(x) > 0x7fffffff)
            throw new RangeError(`unitizing: passage ${segment.start}–${segment.end} is not whole`);
        }
        category[row] = c;
        start[row] = segment.start;
        end[row] = segment.end;
        row++;
      }
      offsets[s * observers + r + 1] = row;
    });
  });
  return unitizingAlphaOfColumns(
    { lengths: sections.map((x) => x.length), observers, offsets, category, start, end },
    names,
  );
}

/** uα of a continuum given in columns (categories distinct); see the module comment. */
export function unitizingAlphaOfColumns(
  columns: ContinuumColumns,
  categories: readonly string[],
): UnitizingResult {
  const names = categories;
  if (new Set(names).size !== names.length)
    throw new RangeError("unitizing: the categories must be distinct");
  const { lengths, observers } = columns;
  if (columns.offsets.length !== lengths.length * observers + 1)
    throw new RangeError("unitizing: one row offset per section and observer, plus one");
  let total = 0;
  let longest = 0;
  for (let s = 0; s < lengths.length; s++) {
    const length = lengths[s]!;
    if (!(Number.isSafeInteger(length) && length >= 0)) {
      throw new RangeError(`unitizing: section length ${length} is not a whole length`);
    }
    total += length;
    longest = Math.max(longest, length);
  }
  const blank = (reason: string): UnitizingResult => ({
    alpha: null,
    reason,
    categories: names.map((category) => ({
      category,
      alpha: null,
      observed: 0,
      expected: 0,
      reason,
    })),
  });
  if (observers < 2) return blank(REASON_ONE_OBSERVER);
  if (total <= 0) return blank(REASON_EMPTY_CONTINUUM);

  const { tallies, wholeSections } = tally(columns, names, Math.min(longest + 1, HISTOGRAM_LIMIT));
  let sumObserved = 0;
  let sumExpected = 0;
  const results = names.map((category, c) => {
    const observed = tallies[c]!.observed(observers, total);
    const expected = tallies[c]!.expected(observers, total, wholeSections);
    sumObserved += observed;
    sumExpected += expected;
    if (!(expected > 0)) {
      const reason = tallies[c]!.units === 0 ? REASON_NEVER_CODED : REASON_NO_VARIATION;
      return { category, alpha: null, observed, expected, reason };
    }
    return { category, alpha: 1 - observed / expected, observed, expected };
  });
  if (!(sumExpected > 0)) {
    return { alpha: null, reason: REASON_NONE_CODED, categories: results };
  }
  return { alpha: 1 - sumObserved / sumExpected, categories: results };
}

/** One pass over the sections, tallying every category's units, gaps and disagreements. */
function tally(
  columns: ContinuumColumns,
  names: readonly string[],
  size: number,
): { tallies: CategoryTally[]; wholeSections: Int32Array } {
  const { observers, offsets } = columns;
  const tallies = names.map(() => new CategoryTally(size));
  // A section in which an observer marked nothing of a category is one gap of that category.
  // Counted once for all categories here; a category the observer did mark takes it back.
  const wholeSections = new Int32Array(size);
  const scratch = Array.from({ length: observers }, () => new ObserverScratch(names.length));
  for (let s = 0; s < columns.lengths.length; s++) {
    const length = columns.lengths[s]!;
    const counted = length < size;
    if (counted) wholeSections[length]! += observers;
    for (let r = 0; r < observers; r++) {
      const at = s * observers + r;
      scratch[r]!.fill(columns, offsets[at]!, offsets[at + 1]!, length);
    }
    for (let c = counted ? nextCategory(scratch) : 0; c < names.length; ) {
      const tally = tallies[c]!;
      for (let r = 0; r < observers; r++) {
        const o = scratch[r]!;
        const end = o.runEnd(c);
        if (counted && end === o.cursor) continue; // the whole section, counted above
        if (counted) tally.gapCount[length]!--;
        // Units of c and the gaps between them; a gap ends where its section ends.
        let at = 0;
        for (let u = o.cursor; u < end; u++) {
          if (o.unitStart[u]! > at) tally.gap(o.unitStart[u]! - at);
          tally.unit(o.unitEnd[u]! - o.unitStart[u]!);
          at = o.unitEnd[u]!;
        }
        if (length > at) tally.gap(length - at);
      }
      for (let i = 0; i < observers; i++) {
        for (let j = i + 1; j < observers; j++) {
          tally.disagreement += pairDisagreement(scratch[i]!, scratch[j]!, c);
        }
      }
      for (let r = 0; r < observers; r++) scratch[r]!.cursor = scratch[r]!.runEnd(c);
      // Counted sections skip the categories nobody marked; long ones visit every category.
      c = counted ? nextCategory(scratch) : c + 1;
    }
  }
  return { tallies, wholeSections };
}

/** The smallest category at the observers' cursors (Infinity when all are done). */
function nextCategory(scratch: readonly ObserverScratch[]): number {
  let c = Number.POSITIVE_INFINITY;
  for (const o of scratch) if (o.cursor < o.units) c = Math.min(c, o.unitCat[o.cursor]!);
  return c;
}

/**
 * Σ δ between two observers' units of category c in one section: a sweep over both sorted,
 * disjoint runs. Overlapping units add (Δbegin)² + (Δend)²; a unit that meets no unit of the
 * other observer lies inside one of their gaps and adds its length squared.
 */
function pairDisagreement(a: ObserverScratch, b: ObserverScratch, c: number): number {
  const aEnd = a.runEnd(c);
  const bEnd = b.runEnd(c);
  if (a.cursor === aEnd && b.cursor === bEnd) return 0;
  for (let u = a.cursor; u < aEnd; u++) a.met[u] = 0;
  for (let u = b.cursor; u < bEnd; u++) b.met[u] = 0;
  let sum = 0;
  let p = a.cursor;
  let q = b.cursor;
  while (p < aEnd && q < bEnd) {
    if (a.unitEnd[p]! <= b.unitStart[q]!) {
      p++;
    } else if (b.unitEnd[q]! <= a.unitStart[p]!) {
      q++;
    } else {
      sum += (a.unitStart[p]! - b.unitStart[q]!) ** 2 + (a.unitEnd[p]! - b.unitEnd[q]!) ** 2;
      a.met[p] = 1;
      b.met[q] = 1;
      if (a.unitEnd[p]! < b.unitEnd[q]!) p++;
      else if (b.unitEnd[q]! < a.unitEnd[p]!) q++;
      else {
        p++;
        q++;
      }
    }
  }
  for (let u = a.cursor; u < aEnd; u++)
    if (!a.met[u]) sum += (a.unitEnd[u]! - a.unitStart[u]!) ** 2;
  for (let u = b.cursor; u < bEnd; u++)
    if (!b.met[u]) sum += (b.unitEnd[u]! - b.unitStart[u]!) ** 2;
  return sum;
}

/** The first index whose value is ≥ x in ascending `sorted`. */
function lowerBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < x) low = mid + 1;
    else high = mid;
  }
  return low;
}
