import type { FilterIssue } from "./filters";
import { describeValue, one, oneOf, parseQuery } from "./query-params";

/**
 * Pure helpers for the outlet comparison page: which two outlets a URL asks
 * for, and the difference between two shares.
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

/** A − B in percentage points; null when either share is undefined (no n). */
export function diffPp(shareA: number | null, shareB: number | null): number | null {
  return shareA === null || shareB === null ? null : (shareA - shareB) * 100;
}

/** A share as "30.4 %", or "–" when there is nothing to divide by. */
export function formatPct(share: number | null): string {
  return share === null ? "–" : `${(share * 100).toFixed(1)} %`;
}

/** A signed difference in percentage points, one decimal, true minus sign: "+8.3 pp", "−12.0 pp", "0.0 pp". */
export function formatPp(pp: number | null): string {
  if (pp === null) return "–";
  const rounded = Math.round(pp * 10) / 10;
  if (rounded === 0) return "0.0 pp";
  return `${rounded > 0 ? "+" : "\u2212"}${Math.abs(rounded).toFixed(1)} pp`;
}
