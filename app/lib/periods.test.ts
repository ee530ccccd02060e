import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayBefore, firstOfNextMonth, lastOfMonth, planPeriods } from "./periods";

/** Every day a plan covers, within a window, to compare with the days of the range itself. */
function coveredDays(plan: ReturnType<typeof planPeriods>, lo: string, hi: string): string[] {
  const out: string[] = [];
  for (
    let d = lo;
    d <= hi;
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 864e5).toISOString().slice(0, 10)
  ) {
    const month = `${d.slice(0, 8)}01`;
    const inMonths =
      plan.months !== null &&
      (plan.months.from === null || month >= plan.months.from) &&
      (plan.months.toExclusive === null || month < plan.months.toExclusive);
    const inDays = plan.days.filter((r) => d >= r.from && d <= r.to).length;
    const times = (inMonths ? 1 : 0) + inDays;
    // A plain check per day (a million of them per run): expect() here made the property slow.
    if (times > 1) throw new Error(`${d} counted ${times} times`);
    if (times) out.push(d);
  }
  return out;
}

describe("planPeriods", () => {
  it("reads only months when the range is unbounded or on month edges", () => {
    expect(planPeriods(null, null)).toEqual({
      months: { from: null, toExclusive: null },
      days: [],
    });
    expect(planPeriods("2024-06-01", "2024-08-31")).toEqual({
      months: { from: "2024-06-01", toExclusive: "2024-09-01" },
      days: [],
    });
  });
  it("adds the partial months at both ends as day ranges", () => {
    expect(planPeriods("2024-06-19", "2024-09-10")).toEqual({
      months: { from: "2024-07-01", toExclusive: "2024-09-01" },
      days: [
        { from: "2024-06-19", to: "2024-06-30" },
        { from: "2024-09-01", to: "2024-09-10" },
      ],
    });
    expect(planPeriods(null, "2024-06-18")).toEqual({
      months: { from: null, toExclusive: "2024-06-01" },
      days: [{ from: "2024-06-01", to: "2024-06-18" }],
    });
  });
  it("reads a range inside one or two months day by day", () => {
    expect(planPeriods("2024-06-10", "2024-06-20")).toEqual({
      months: null,
      days: [{ from: "2024-06-10", to: "2024-06-20" }],
    });
    expect(planPeriods("2024-06-10", "2024-07-20")).toEqual({
      months: null,
      days: [{ from: "2024-06-10", to: "2024-07-20" }],
    });
  });
  it("handles leap years and year ends", () => {
    expect(lastOfMonth("2024-02-03")).toBe("2024-02-29");
    expect(lastOfMonth("2023-02-03")).toBe("2023-02-28");
    expect(firstOfNextMonth("2024-12-15")).toBe("2025-01-01");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
  });
  it("covers every day of any range exactly once and nothing outside it", () => {
    const day = fc
      .date({
        min: new Date("2022-01-01T00:00:00Z"),
        max: new Date("2025-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), (a, b) => {
        const [from, to] = a && b && a > b ? [b, a] : [a, b];
        const lo = "2021-11-01";
        const hi = "2026-02-28";
        const expected = coveredDays(
          { months: null, days: [{ from: from ?? lo, to: to ?? hi }] },
          lo,
          hi,
        );
        expect(coveredDays(planPeriods(from, to), lo, hi)).toEqual(expected);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
