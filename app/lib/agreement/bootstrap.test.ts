import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alphaOfTypes, groupUnits, type UnitType } from "./alpha";
import { bootstrapInterval } from "./bootstrap";

const _ = null;
// Krippendorff (2011), section C (see alpha.test.ts), as units.
const K2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const K2011_UNITS = K2011[0]!.map((_v, u) =>
  K2011.map((row) => row[u]).filter((v): v is number => v !== null),
);

describe("bootstrapInterval", () => {
  it("is deterministic and contains the point estimate on the 2011 anchor", () => {
    const types = groupUnits(K2011_UNITS);
    for (const metric of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const ci = bootstrapInterval(types, metric);
      expect(ci).not.toBeNull();
      const [lo, hi] = ci!;
      const alpha = alphaOfTypes(types, metric).alpha!;
      expect(lo).toBeLessThanOrEqual(alpha);
      expect(hi).toBeGreaterThanOrEqual(alpha);
      expect(hi).toBeLessThanOrEqual(1);
      expect(bootstrapInterval(types, metric)).toEqual(ci);
    }
  });

  it("gives the same interval for the same types in any order or split", () => {
    const types = groupUnits(K2011_UNITS);
    const reversed = [...types]
      .reverse()
      .map((t) => ({ values: [...t.values].reverse(), count: t.count }));
    // One type split in two rows says the same thing.
    const split = [...reversed, { values: reversed[0]!.values, count: 0 }];
    expect(bootstrapInterval(reversed, "ordinal")).toEqual(bootstrapInterval(types, "ordinal"));
    expect(bootstrapInterval(split, "ordinal")).toEqual(bootstrapInterval(types, "ordinal"));
    const units = [...K2011_UNITS, ...K2011_UNITS];
    const doubled: UnitType[] = [...groupUnits(K2011_UNITS), ...groupUnits(K2011_UNITS)];
    expect(bootstrapInterval(doubled, "nominal")).toEqual(
      bootstrapInterval(groupUnits(units), "nominal"),
    );
  });

  it("gives the same interval whatever the order of types, values and rows (property)", () => {
    const typeArb = fc.record({
      values: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
      count: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(typeArb, { maxLength: 12 }), fc.integer(), (types, seed) => {
        const shuffled = [...types]
          .map((t, i) => ({ t, k: Math.sin(seed + i) }))
          .sort((a, b) => a.k - b.k)
          // Each row split in two and its values reversed: the same units.
          .flatMap(({ t }) => [
            { values: [...t.values].reverse(), count: Math.floor(t.count / 2) },
            { values: t.values, count: t.count - Math.floor(t.count / 2) },
          ]);
        const a = bootstrapInterval(types, "ordinal", { resamples: 100 });
        const b = bootstrapInterval(shuffled, "ordinal", { resamples: 100 });
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      { numRuns: 50 },
    );
  });

  it("changes with the seed but stays near", () => {
    const types = groupUnits(K2011_UNITS);
    const a = bootstrapInterval(types, "interval", { seed: 1 })!;
    const b = bootstrapInterval(types, "interval", { seed: 2 })!;
    expect(a).not.toEqual(b);
    expect(Math.abs(a[0] - b[0])).toBeLessThan(0.1);
  });

  it("narrows as the sample grows", () => {
    // Two coders agreeing on 90 % of units over 3 categories.
    const base: UnitType[] = [
      { values: [0, 0], count: 30 },
      { values: [1, 1], count: 30 },
      { values: [2, 2], count: 30 },
      { values: [0, 1], count: 4 },
      { values: [1, 2], count: 3 },
      { values: [0, 2], count: 3 },
    ];
    const scaled = (k: number) => base.map((t) => ({ values: t.values, count: t.count * k }));
    const small = bootstrapInterval(scaled(1), "nominal")!;
    const large = bootstrapInterval(scaled(10_000), "nominal")!;
    const alpha = alphaOfTypes(scaled(10_000), "nominal").alpha!;
    expect(small[1] - small[0]).toBeGreaterThan(0.05);
    expect(large[1] - large[0]).toBeLessThan(0.005);
    expect(large[0]).toBeLessThanOrEqual(alpha);
    expect(large[1]).toBeGreaterThanOrEqual(alpha);
  });

  it("is null when alpha is undefined", () => {
    expect(
      bootstrapInterval(
        groupUnits([
          [1, 1],
          [1, 1, 1],
        ]),
        "nominal",
      ),
    ).toBeNull();
    expect(bootstrapInterval(groupUnits([[1], [2]]), "nominal")).toBeNull();
    expect(bootstrapInterval([], "ordinal")).toBeNull();
  });

  it("skips resamples where alpha is undefined", () => {
    // Resamples holding only the agreeing [0, 0] units have no variation: skipped, not counted as 1.
    const types: UnitType[] = [
      { values: [0, 0], count: 3 },
      { values: [0, 1], count: 1 },
    ];
    expect(alphaOfTypes(types, "nominal").alpha).toBe(0);
    const [lo, hi] = bootstrapInterval(types, "nominal")!;
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });

  it("draws 3,000,000 units of 40 types per resample as one multinomial, giving a narrow interval around alpha", () => {
    // 15 two-coder types (all pairs of 5 categories) and 25 three-coder types.
    const types: UnitType[] = [];
    for (let a = 0; a < 5; a++) {
      for (let b = a; b < 5; b++) types.push({ values: [a, b], count: a === b ? 500_000 : 20_000 });
    }
    for (let a = 0; a < 5 && types.length < 40; a++) {
      for (let b = a; b < 5 && types.length < 40; b++) {
        for (let c = b; c < 5 && types.length < 40; c++) {
          types.push({ values: [a, b, c], count: 4_000 + types.length });
        }
      }
    }
    const total = types.reduce((s, t) => s + t.count, 0);
    types[0]!.count += 3_000_000 - total;
    expect(groupUnits(types.flatMap((t) => [t.values]))).toHaveLength(40);
    const { alpha } = alphaOfTypes(types, "ordinal");
    const [lo, hi] = bootstrapInterval(types, "ordinal")!;
    expect(lo).toBeLessThanOrEqual(alpha!);
    expect(hi).toBeGreaterThanOrEqual(alpha!);
    expect(hi - lo).toBeLessThan(0.01);
  });
});
