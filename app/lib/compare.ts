import type { FilterIssue } from "./filters";

/**
 * Pure helpers for the outlet comparison page: which two outlets a URL asks
 * for, and the difference between two shares.
 */

export const DEFAULT_PAIR = ["hankyoreh", "joongang-daily"] as const;

type Params = Record<string, string | string[] | undefined>;

function describe(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown.replace(/[\u0000-\u001F\u007F]/g, "?"));
}

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
  const issues: FilterIssue[] = [];
  const read = (name: "a" | "b"): string | undefined => {
    const raw = params[name];
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) {
      if (raw.length > 1) {
        issues.push({ param: name, message: "was given more than once" });
        return undefined;
      }
      return read1(name, raw[0]);
    }
    return read1(name, raw);
  };
  const read1 = (name: string, value: string | undefined): string | undefined => {
    if (value === undefined || value === "") return undefined;
    if (!outlets.includes(value)) {
      issues.push({ param: name, message: `unknown outlet ${describe(value)}; known: ${outlets.join(", ")}` });
      return undefined;
    }
    return value;
  };
  const givenA = read("a");
  let givenB = read("b");
  if (givenA !== undefined && givenB === givenA) {
    issues.push({ param: "b", message: `is the same outlet as a (${describe(givenA)}); pick two different outlets` });
    givenB = undefined;
  }
  const candidates = [...preferred.filter((o) => outlets.includes(o)), ...[...outlets].sort()];
  const a = givenA ?? candidates.find((o) => o !== givenB) ?? null;
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
