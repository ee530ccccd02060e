import type { CodeInfo, CountRow, OutletInfo } from "./types";

/** Mean tone per outlet from article counts per tone code; null when the outlet has no coded article. */
export function toneMeans(
  outlets: OutletInfo[],
  codes: CodeInfo[],
  rows: CountRow[],
): Map<string, { mean: number; n: number } | null> {
  const value = new Map(codes.map((c) => [c.key, c.value ?? 0]));
  return new Map(
    outlets.map((o) => {
      const own = rows.filter((r) => r.outlet === o.slug && r.count > 0);
      const n = own.reduce((s, r) => s + r.count, 0);
      return [
        o.slug,
        n ? { mean: own.reduce((s, r) => s + r.count * (value.get(r.code) ?? 0), 0) / n, n } : null,
      ];
    }),
  );
}
