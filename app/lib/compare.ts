import type { FilterIssue } from "./filters";
import { describeValue, one, oneOf, parseQuery } from "./query-params";
import { percentDecimals, plural } from "./shares";

/**
 * Pure helpers for the outlet comparison page: which two outlets a URL asks
 * for, stance shares, the difference between two shares and how it is written.
 */

export const DEFAULT_PAIR = ["hankyoreh", "joongang-daily"] as const;

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads `a` and `b`. A missing, repeated or unknown value, or b equal to a,
 * is reported and replaced by a default: the preferred pair when it exists,
 * else the outlets in slug order, always two different outlets when there are two.
 */
export function resolvePair(
  params: Params,
  outlets: readonly string[],
  preferred: readonly string[] = DEFAULT_PAIR,
): { a: string | null; b: string | null; issues: FilterIssue[] } {
  const outlet = one(oneOf(outlets, "outlet"));
  // Only a and b are read here; the page's other parameters are its filters.
  const { values, issues } = parseQuery({ a: outlet, b: outlet }, params, Object.keys(params));
  let givenB = values.b;
  if (values.a !== undefined && givenB === values.a) {
    issues.push({
      param: "b",
      message: `is the same outlet as a (${describeValue(values.a)}); pick two different outlets`,
    });
    givenB = undefined;
  }
  const candidates = [...preferred.filter((o) => outlets.includes(o)), ...[...outlets].sort()];
  const a = values.a ?? candidates.find((o) => o !== givenB) ?? null;
  const b = givenB ?? candidates.find((o) => o !== a) ?? null;
  return { a, b, issues };
}

/** A stance code's side in the codebook: `none` takes no stance; null is not a stance code. */
export type StanceSide = "against" | "for" | "none" | null;

/**
 * Shares of a stance dimension among the articles that take a stance: codes
 * whose side is `none` get no share (null) and are counted in `noStance`.
 * `taking` is the denominator; shares are null when it is 0.
 */
export function stanceShares(codes: readonly { side: StanceSide; count: number }[]): {
  shares: (number | null)[];
  taking: number;
  noStance: number;
} {
  const takes = (side: StanceSide) => side === "against" || side === "for";
  const taking = codes.reduce((s, c) => s + (takes(c.side) ? c.count : 0), 0);
  const noStance = codes.reduce((s, c) => s + (c.side === "none" ? c.count : 0), 0);
  const shares = codes.map((c) => (takes(c.side) && taking > 0 ? c.count / taking : null));
  return { shares, taking, noStance };
}

/** Whether a dimension's codes carry stance sides. */
export function isStanceDimension(codes: readonly { side: StanceSide }[]): boolean {
  return codes.some((c) => c.side !== null);
}

/** A − B in percentage points; null when either share is undefined (no n). */
export function diffPp(shareA: number | null, shareB: number | null): number | null {
  return shareA === null || shareB === null ? null : (shareA - shareB) * 100;
}

/**
 * A signed difference in percentage points with a true minus sign: "+8.3 pp",
 * "−12.0 pp", "0.0 pp". Whole points when either outlet has fewer articles
 * than shares get a decimal for (the same rule as the shares themselves).
 */
export function formatPp(pp: number | null, articles = Number.POSITIVE_INFINITY): string {
  if (pp === null) return "–";
  const decimals = percentDecimals(articles);
  const scale = 10 ** decimals;
  const rounded = Math.round(pp * scale) / scale;
  if (rounded === 0) return `${(0).toFixed(decimals)} pp`;
  return `${rounded > 0 ? "+" : "\u2212"}${Math.abs(rounded).toFixed(decimals)} pp`;
}

/** An outlet's n led by articles: "2 articles (18 passages)", or "2 articles" alone. */
export function formatN(n: { articles: number; passages: number }, withPassages = true): string {
  const articles = plural(n.articles, "article");
  return withPassages ? `${articles} (${plural(n.passages, "passage")})` : articles;
}

/** The fields pickQuotes reads from a passage. */
export interface Quotable {
  id: number;
  quote: string;
  start: number;
  end: number;
  article: { slug: string };
}

const normalise = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/** Whether two passages repeat each other: overlapping spans of one article, or one text inside the other. */
function repeats(x: Quotable, y: Quotable): boolean {
  if (x.article.slug === y.article.slug && x.start < y.end && y.start < x.end) return true;
  const [tx, ty] = [normalise(x.quote), normalise(y.quote)];
  return tx.includes(ty) || ty.includes(tx);
}

/**
 * Picks up to `max` quotes, by `rank` (lower first, e.g. own voice before
 * reported), then shortest. A passage that repeats one in `shown` (same span
 * or text contained in the other) is skipped; picks are added to `shown`, so
 * lists that share it never show a quote twice.
 */
export function pickQuotes<T extends Quotable>(
  passages: readonly T[],
  max: number,
  shown: Quotable[],
  rank: (p: T) => number = () => 0,
): T[] {
  const out: T[] = [];
  const ordered = [...passages].sort(
    (x, y) => rank(x) - rank(y) || x.quote.length - y.quote.length || x.id - y.id,
  );
  for (const p of ordered) {
    if (out.length === max) break;
    if (shown.some((q) => repeats(p, q))) continue;
    shown.push(p);
    out.push(p);
  }
  return out;
}
