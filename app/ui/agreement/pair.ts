import type { AgreementReport } from "@/app/lib/agreement/types";
import type { FilterIssue } from "@/app/lib/filters";

export interface PairReport {
  a: string;
  b: string;
  report: AgreementReport;
}

/** "A,B" as two distinct keys of a pair that coded the same articles here, in the order given. */
export function parsePair(
  value: string | string[] | undefined,
  pairs: readonly PairReport[],
): { pair: PairReport | null; issue: FilterIssue | null } {
  if (value === undefined) return { pair: null, issue: null };
  const fallback = "; all coders are shown together";
  if (Array.isArray(value))
    return {
      pair: null,
      issue: { param: "pair", message: `was given more than once${fallback}` },
    };
  const keys = value.split(",");
  const found =
    keys.length === 2 && keys[0] !== keys[1]
      ? pairs.find((p) => keys.includes(p.a) && keys.includes(p.b))
      : undefined;
  if (!found)
    return {
      pair: null,
      issue: {
        param: "pair",
        message: `${JSON.stringify(value.slice(0, 80))} is not two coders who completed the same articles under these filters${fallback}`,
      },
    };
  // The sides follow the link's order: the first key is coder A.
  const swapped = found.a !== keys[0];
  return { pair: swapped ? { ...found, a: found.b, b: found.a } : found, issue: null };
}

/** "FS-1 & FS-2". */
export const pairName = (a: string, b: string) => `${a} & ${b}`;
