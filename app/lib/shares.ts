/*
 * How shares and sample sizes are shown, everywhere a number is: charts,
 * tables, takeaways, exports and link previews. Plain functions, safe on
 * the server and in the browser.
 */

/** An outlet with fewer articles than this in view is marked as a small sample. */
export const SMALL_SAMPLE = 5;

/** Below this many articles, percentages are whole numbers (a decimal would claim precision the sample lacks). */
export const WHOLE_PERCENT_BELOW = 30;

export function isSmallSample(articles: number): boolean {
  return articles < SMALL_SAMPLE;
}

/** "1 article", "2 articles"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Decimals a percentage gets for an outlet with this many articles. */
export function percentDecimals(articles: number): 0 | 1 {
  return articles < WHOLE_PERCENT_BELOW ? 0 : 1;
}

/** A share (0…1) as "43 %" or "43.5 %" by the outlet's article count; "–" when there is no n. */
export function formatShare(share: number | null, articles: number): string {
  if (share === null) return "–";
  return `${(share * 100).toFixed(percentDecimals(articles))} %`;
}

/**
 * Percentages of parts that make one whole, rounded so they add up to exactly
 * 100 (largest-remainder method): each part gets its rounded-down value, and
 * the units left over go to the parts with the largest remainders (ties to
 * the earlier part). `parts` are counts or shares; all zero gives all zero.
 */
export function roundToWhole(parts: readonly number[], decimals: 0 | 1 = 0): number[] {
  const total = parts.reduce((s, x) => s + x, 0);
  if (total <= 0) return parts.map(() => 0);
  const scale = 10 ** decimals;
  const exact = parts.map((x) => (x / total) * 100 * scale);
  const floors = exact.map(Math.floor);
  let left = 100 * scale - floors.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - floors[i] }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors.map((x) => x / scale);
}
