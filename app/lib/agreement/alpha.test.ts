import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alphaOfMatrix,
  alphaOfTypes,
  alphaOfUnits,
  groupUnits,
  type Metric,
  REASON_NO_VARIATION,
  REASON_NOT_PAIRABLE,
} from "./alpha";

const _ = null;

/** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units. */
const K2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders × 15 units, 12
 * pairable. The same data are the sample of the Python `krippendorff` package
 * (github.com/pln-fing-udelar/fast-krippendorff, sample.py).
 */
const WIKIPEDIA = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

describe("alphaOfMatrix: published anchors", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("Krippendorff (2011), %s: %s", (metric, expected) => {
    const result = alphaOfMatrix(K2011, metric);
    expect(result.alpha).toBeCloseTo(expected, 3);
    // Unit 12 has a single value: 11 pairable units holding 40 values (n.. in the paper).
    expect(result.units).toBe(11);
    expect(result.pairable).toBe(40);
  });

  it("Krippendorff (2011), nominal: D_o and D_e from the coincidence matrix", () => {
    const result = alphaOfMatrix(K2011, "nominal");
    // Off-diagonal coincidences sum to 8 (units 2, 6 and 8); marginals n_1..n_5 = 9, 13, 10, 5, 3.
    expect(result.observed).toBeCloseTo(8 / 40, 12);
    expect(result.expected).toBeCloseTo((40 * 40 - (81 + 169 + 100 + 25 + 9)) / (40 * 39), 12);
  });

  it.each([
    ["nominal", 0.691],
    ["interval", 0.811],
  ] as const)("Wikipedia's computational example, %s: %s", (metric, expected) => {
    const result = alphaOfMatrix(WIKIPEDIA, metric);
    expect(result.alpha).toBeCloseTo(expected, 3);
    expect(result.units).toBe(12);
  });
});

describe("undefined alpha", () => {
  it("needs a unit with two values", () => {
    const result = alphaOfMatrix(
      [
        [1, 2, 3],
        [_, _, _],
      ],
      "nominal",
    );
    expect(result.alpha).toBeNull();
    expect(result.reason).toBe(REASON_NOT_PAIRABLE);
    expect(result.units).toBe(0);
    expect(result.pairable).toBe(0);
  });

  it("says so when every pairable value is the same", () => {
    const result = alphaOfUnits([[2, 2], [2, 2, 2], [5]], "ordinal");
    expect(result.alpha).toBeNull();
    expect(result.reason).toBe(REASON_NO_VARIATION);
    expect(result.units).toBe(2);
    expect(result.pairable).toBe(5);
  });

  it("rejects values that are not finite numbers", () => {
    expect(() => alphaOfUnits([[1, Number.POSITIVE_INFINITY]], "interval")).toThrow(RangeError);
  });
});

describe("groupUnits", () => {
  it("groups identical units whatever the order of their values, in a canonical order", () => {
    expect(groupUnits([[2, 1], [1], [1, 2], [0, 0, 1], [1, 2]])).toEqual([
      { values: [1], count: 1 },
      { values: [1, 2], count: 3 },
      { values: [0, 0, 1], count: 1 },
    ]);
  });

  it("alphaOfTypes on grouped units equals alphaOfUnits", () => {
    const types = groupUnits(
      K2011[0]!.map((_v, u) => K2011.map((row) => row[u]).filter((v) => v !== null)),
    );
    expect(alphaOfTypes(types, "ordinal")).toEqual(alphaOfMatrix(K2011, "ordinal"));
  });
});

// ---- properties -------------------------------------------------------------------------------

const METRICS: Metric[] = ["nominal", "ordinal", "interval", "ratio"];

/** Reliability data: 2–5 coders × 1–30 units, values 0–6 or missing. */
const matrixArb = fc
  .record({ coders: fc.integer({ min: 2, max: 5 }), units: fc.integer({ min: 1, max: 30 }) })
  .chain(({ coders, units }) =>
    fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 4 }), {
        minLength: units,
        maxLength: units,
      }),
      { minLength: coders, maxLength: coders },
    ),
  );

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}

function mapMatrix(rows: (number | null)[][], f: (v: number) => number): (number | null)[][] {
  return rows.map((row) => row.map((v) => (v === null ? null : f(v))));
}

describe("alpha properties", () => {
  it("identical codings give 1 with two or more distinct values, else null with a reason", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom(...METRICS),
        (row, coders, metric) => {
          const result = alphaOfMatrix(
            Array.from({ length: coders }, () => row),
            metric,
          );
          const distinct = new Set(row).size;
          if (distinct >= 2) return result.alpha === 1 && result.observed === 0;
          return result.alpha === null && result.reason === REASON_NO_VARIATION;
        },
      ),
    );
  });

  it("does not change with the order of coders or of units", () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(...METRICS), fc.integer(), (rows, metric, seed) => {
        const shuffle = <T>(xs: T[], s: number): T[] => {
          const out = [...xs];
          let state = s >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            const j = state % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const width = rows[0]!.length;
        const order = shuffle([...Array(width).keys()], seed);
        const shuffled = shuffle(rows, seed ^ 0x5bd1e995).map((row) => order.map((u) => row[u]!));
        const a = alphaOfMatrix(rows, metric);
        const b = alphaOfMatrix(shuffled, metric);
        return close(a.alpha, b.alpha) && a.reason === b.reason && a.units === b.units;
      }),
    );
  });

  it("nominal: renaming categories (any injective map) leaves alpha unchanged", () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 7, maxLength: 7 }),
        (rows, names) => {
          const renamed = mapMatrix(rows, (v) => names[v]!);
          return close(
            alphaOfMatrix(rows, "nominal").alpha,
            alphaOfMatrix(renamed, "nominal").alpha,
          );
        },
      ),
    );
  });

  it("ordinal: any strictly increasing relabelling leaves alpha unchanged", () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 7, maxLength: 7 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (rows, steps, start) => {
          const labels: number[] = [];
          steps.reduce((at, step) => {
            labels.push(at + step);
            return at + step;
          }, start);
          const relabelled = mapMatrix(rows, (v) => labels[v]!);
          return close(
            alphaOfMatrix(rows, "ordinal").alpha,
            alphaOfMatrix(relabelled, "ordinal").alpha,
          );
        },
      ),
    );
  });

  it("interval: x → a·x + b with a ≠ 0 leaves alpha unchanged", () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.boolean(),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (rows, size, negative, b) => {
          const a = negative ? -size : size;
          const moved = mapMatrix(rows, (v) => a * v + b);
          const before = alphaOfMatrix(rows, "interval").alpha;
          const after = alphaOfMatrix(moved, "interval").alpha;
          if (before === null || after === null) return before === after;
          return Math.abs(before - after) < 1e-6;
        },
      ),
    );
  });

  it("ratio: x → a·x with a > 0 leaves alpha unchanged", () => {
    fc.assert(
      fc.property(matrixArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (rows, a) => {
        const scaled = mapMatrix(rows, (v) => a * v);
        const before = alphaOfMatrix(rows, "ratio").alpha;
        const after = alphaOfMatrix(scaled, "ratio").alpha;
        if (before === null || after === null) return before === after;
        return Math.abs(before - after) < 1e-9;
      }),
    );
  });

  it("alphaOfTypes(groupUnits(u)) equals alphaOfUnits(u), and alpha never exceeds 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }), { maxLength: 40 }),
        fc.constantFrom(...METRICS),
        (units, metric) => {
          const direct = alphaOfUnits(units, metric);
          const grouped = alphaOfTypes(groupUnits(units), metric);
          return (
            close(direct.alpha, grouped.alpha) &&
            direct.pairable === grouped.pairable &&
            (direct.alpha === null || direct.alpha <= 1 + 1e-12)
          );
        },
      ),
    );
  });
});
