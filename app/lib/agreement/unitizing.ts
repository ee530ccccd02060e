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
 * Cost: one small sort per section and observer, one sweep per pair of observers and category
 * for D_o, and sorted gap lengths with suffix sums for D_e (no unit is paired with every gap).
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

/** A growable list of numbers. */
class NumberList {
  data = new Float64Array(16);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/** Units of one category, per observer, as absolute [start, end) on the continuum, in order. */
interface Layout {
  starts: NumberList[];
  ends: NumberList[];
}

/** Krippendorff's uα overall and per category; see the module comment. */
export function unitizingAlpha(
  sections: readonly Section[],
  categories: readonly string[],
): UnitizingResult {
  const names = [...new Set(categories)];
  const observers = sections[0]?.observers.length ?? 0;
  let total = 0;
  let longest = 0;
  for (const section of sections) {
    if (section.observers.length !== observers) {
      throw new RangeError("unitizing: every section needs the same observers");
    }
    if (!(Number.isSafeInteger(section.length) && section.length >= 0)) {
      throw new RangeError(`unitizing: section length ${section.length} is not a whole length`);
    }
    total += section.length;
    longest = Math.max(longest, section.length);
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

  const layouts = layOut(sections, names, observers);
  const bounds = new Float64Array(sections.length + 1);
  sections.forEach((section, i) => {
    bounds[i + 1] = bounds[i]! + section.length;
  });
  // Shared scratch for D_e: gap counts and lengths by length.
  const histogram = { count: new Float64Array(longest + 2), sum: new Float64Array(longest + 2) };
  let sumObserved = 0;
  let sumExpected = 0;
  const results = names.map((category, c) => {
    const layout = layouts[c]!;
    const observed = observedDisagreement(layout, observers, total);
    const expected = expectedDisagreement(layout, bounds, histogram);
    sumObserved += observed;
    sumExpected += expected;
    if (!(expected > 0)) {
      const reason = layout.starts.every((s) => s.length === 0)
        ? REASON_NEVER_CODED
        : REASON_NO_VARIATION;
      return { category, alpha: null, observed, expected, reason };
    }
    return { category, alpha: 1 - observed / expected, observed, expected };
  });
  if (!(sumExpected > 0)) {
    return { alpha: null, reason: REASON_NONE_CODED, categories: results };
  }
  return { alpha: 1 - sumObserved / sumExpected, categories: results };
}

/** Scratch for one observer's segments in one section, sorted by (category, start). */
class SectionScratch {
  key = new Float64Array(64);
  start = new Float64Array(64);
  end = new Float64Array(64);
  cat = new Int32Array(64);
  order = new Int32Array(64);
  length = 0;

  reset(size: number): void {
    this.length = 0;
    if (size <= this.key.length) return;
    const capacity = Math.max(size, this.key.length * 2);
    this.key = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.cat = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
  }

  add(cat: number, start: number, end: number): void {
    const i = this.length++;
    this.cat[i] = cat;
    this.start[i] = start;
    this.end[i] = end;
    this.key[i] = cat * 2 ** 32 + start;
    this.order[i] = i;
  }

  sort(): void {
    const { key, order, length } = this;
    if (length > 64) {
      const sorted = Array.from(order.subarray(0, length)).sort((x, y) => key[x]! - key[y]!);
      order.set(sorted);
      return;
    }
    // Insertion sort: an article holds a handful of passages per coder.
    for (let i = 1; i < length; i++) {
      const item = order[i]!;
      let j = i - 1;
      while (j >= 0 && key[order[j]!]! > key[item]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = item;
    }
  }
}

/**
 * Places the sections one after another and, per category and observer, lists the merged units
 * in order.
 */
function layOut(
  sections: readonly Section[],
  names: readonly string[],
  observers: number,
): Layout[] {
  const index = new Map(names.map((name, i) => [name, i]));
  const layouts: Layout[] = names.map(() => ({
    starts: Array.from({ length: observers }, () => new NumberList()),
    ends: Array.from({ length: observers }, () => new NumberList()),
  }));
  const scratch = new SectionScratch();
  let offset = 0;
  for (const section of sections) {
    const length = section.length;
    for (let r = 0; r < observers; r++) {
      const segments = section.observers[r]!;
      scratch.reset(segments.length);
      for (const segment of segments) {
        const c = index.get(segment.category);
        if (c === undefined) continue;
        if (!Number.isSafeInteger(segment.start) || !Number.isSafeInteger(segment.end)) {
          throw new RangeError(`unitizing: passage ${segment.start}–${segment.end} is not whole`);
        }
        const start = Math.max(0, segment.start);
        const end = Math.min(length, segment.end);
        if (end > start) scratch.add(c, start, end);
      }
      scratch.sort();
      const { cat, order } = scratch;
      let next = 0; // position in `order`
      while (next < scratch.length) {
        const c = cat[order[next]!]!;
        const start = scratch.start[order[next]!]!;
        let end = scratch.end[order[next]!]!;
        next++;
        while (
          next < scratch.length &&
          cat[order[next]!] === c &&
          scratch.start[order[next]!]! <= end
        ) {
          end = Math.max(end, scratch.end[order[next]!]!);
          next++;
        }
        layouts[c]!.starts[r]!.push(offset + start);
        layouts[c]!.ends[r]!.push(offset + end);
      }
    }
    offset += length;
  }
  return layouts;
}

/** D_o(c): one sweep per pair of observers over their sorted, disjoint units. */
function observedDisagreement(layout: Layout, observers: number, total: number): number {
  let sum = 0;
  for (let i = 0; i < observers; i++) {
    for (let j = i + 1; j < observers; j++) {
      sum += pairDisagreement(
        layout.starts[i]!,
        layout.ends[i]!,
        layout.starts[j]!,
        layout.ends[j]!,
      );
    }
  }
  // Each unordered pair stands for (i, j) and (j, i).
  return (2 * sum) / (observers * (observers - 1) * total * total);
}

function pairDisagreement(
  aStartList: NumberList,
  aEndList: NumberList,
  bStartList: NumberList,
  bEndList: NumberList,
): number {
  const aStarts = aStartList.data;
  const aEnds = aEndList.data;
  const bStarts = bStartList.data;
  const bEnds = bEndList.data;
  const aCount = aStartList.length;
  const bCount = bStartList.length;
  const aMet = new Uint8Array(aCount);
  const bMet = new Uint8Array(bCount);
  let sum = 0;
  let p = 0;
  let q = 0;
  while (p < aCount && q < bCount) {
    if (aEnds[p]! <= bStarts[q]!) {
      p++;
    } else if (bEnds[q]! <= aStarts[p]!) {
      q++;
    } else {
      sum += (aStarts[p]! - bStarts[q]!) ** 2 + (aEnds[p]! - bEnds[q]!) ** 2;
      aMet[p] = 1;
      bMet[q] = 1;
      if (aEnds[p]! < bEnds[q]!) p++;
      else if (bEnds[q]! < aEnds[p]!) q++;
      else {
        p++;
        q++;
      }
    }
  }
  // A unit that meets no unit of the other observer lies inside one of their gaps: δ = l².
  for (let u = 0; u < aCount; u++) if (!aMet[u]) sum += (aEnds[u]! - aStarts[u]!) ** 2;
  for (let u = 0; u < bCount; u++) if (!bMet[u]) sum += (bEnds[u]! - bStarts[u]!) ** 2;
  return sum;
}

/**
 * D_e(c). Σ_{gaps ≥ l} (l_h − l + 1) comes from the gaps counted by length with suffix sums, so
 * each unit costs O(1); `histogram` is scratch of size longest section + 2. The gaps are the
 * stretches between an observer's units and the section bounds (a gap never runs past its section).
 */
function expectedDisagreement(
  layout: Layout,
  bounds: Float64Array,
  histogram: { count: Float64Array; sum: Float64Array },
): number {
  const { count, sum } = histogram;
  count.fill(0);
  sum.fill(0);
  const observers = layout.starts.length;
  const total = bounds[bounds.length - 1]!;
  for (let r = 0; r < observers; r++) {
    const starts = layout.starts[r]!.data;
    const ends = layout.ends[r]!.data;
    const n = layout.starts[r]!.length;
    let u = 0;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const stop = bounds[s + 1]!;
      let cursor = bounds[s]!;
      while (u < n && starts[u]! < stop) {
        const gap = starts[u]! - cursor;
        if (gap > 0) {
          count[gap]!++;
          sum[gap]! += gap;
        }
        cursor = ends[u]!;
        u++;
      }
      const gap = stop - cursor;
      if (gap > 0) {
        count[gap]!++;
        sum[gap]! += gap;
      }
    }
  }
  // Suffix sums: count[l] and sum[l] become the number and total length of gaps of length ≥ l.
  for (let l = count.length - 2; l >= 0; l--) {
    count[l]! += count[l + 1]!;
    sum[l]! += sum[l + 1]!;
  }
  let units = 0;
  for (const starts of layout.starts) units += starts.length;
  let numerator = 0;
  let selfPairs = 0;
  for (let r = 0; r < observers; r++) {
    const starts = layout.starts[r]!.data;
    const ends = layout.ends[r]!.data;
    for (let u = 0; u < layout.starts[r]!.length; u++) {
      const l = ends[u]! - starts[u]!;
      const fitting = sum[l]! - count[l]! * (l - 1);
      numerator += ((units - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * fitting;
      selfPairs += l * (l - 1);
    }
  }
  if (numerator === 0) return 0;
  const m = observers * total;
  return ((2 / total) * numerator) / (m * (m - 1) - selfPairs);
}
