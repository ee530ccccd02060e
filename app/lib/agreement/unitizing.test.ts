import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  REASON_EMPTY_CONTINUUM,
  REASON_NEVER_CODED,
  REASON_NO_VARIATION,
  REASON_NONE_CODED,
  REASON_ONE_OBSERVER,
  type Section,
  type Segment,
  unitizingAlpha,
} from "./unitizing";

const unit = (start: number, length: number, category: string): Segment => ({
  start,
  end: start + length,
  category,
});

/**
 * Krippendorff (2004, p. 254): a continuum from 150 to 450 and two observers, units given as
 * begin + length → category; modelled as one section of length 300 with offsets minus 150.
 */
const K2004: Section = {
  length: 300,
  observers: [
    [unit(225, 70, "c"), unit(370, 30, "c"), unit(180, 60, "k"), unit(300, 50, "k")],
    [
      unit(220, 80, "c"),
      unit(355, 20, "c"),
      unit(400, 20, "c"),
      unit(180, 60, "k"),
      unit(300, 50, "k"),
    ],
  ].map((segments) => segments.map((s) => ({ ...s, start: s.start - 150, end: s.end - 150 }))),
};

describe("unitizingAlpha: Krippendorff (2004) anchor", () => {
  const result = unitizingAlpha([K2004], ["c", "k"]);

  it("gives uα = .8591 overall", () => {
    // The book works with D's rounded to four places: 1 − .0144 / (.0532 + .0490) = .8591.
    const [c, k] = result.categories;
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    expect(round(k!.expected)).toBe(0.049);
    expect(1 - round(c!.observed) / (round(c!.expected) + round(k!.expected))).toBeCloseTo(
      0.8591,
      4,
    );
    // Unrounded it is .85867, within the book's rounding (DKPro Statistics' test allows ±.0005).
    expect(result.alpha).toBeCloseTo(0.8591, 3);
    expect(Math.abs(result.alpha! - 0.8591)).toBeLessThan(0.0005);
  });

  it("gives D_o .0144, D_e .0532 and uα .7286 for c, and 1 for k", () => {
    const [c, k] = result.categories;
    expect(c!.category).toBe("c");
    expect(c!.observed).toBeCloseTo(0.0144, 4);
    expect(c!.expected).toBeCloseTo(0.0532, 4);
    expect(c!.alpha).toBeCloseTo(0.7286, 4);
    expect(k!.category).toBe("k");
    expect(k!.observed).toBe(0);
    expect(k!.alpha).toBe(1);
  });

  it("does not depend on where the continuum is cut into sections of nothing", () => {
    // An empty article on either side changes L, so only compare the disagreement ratio shape:
    // an article nobody coded adds gaps, never disagreement.
    const padded = unitizingAlpha([{ length: 0, observers: [[], []] }, K2004], ["c", "k"]);
    expect(padded.alpha).toBe(result.alpha);
  });
});

describe("unitizingAlpha: sections, merging and undefined values", () => {
  it("merges one observer's overlapping or touching passages of a category", () => {
    const whole: Section = { length: 100, observers: [[unit(10, 30, "x")], [unit(10, 30, "x")]] };
    const pieces: Section = {
      length: 100,
      observers: [
        [unit(10, 30, "x")],
        [unit(10, 10, "x"), unit(20, 20, "x"), unit(15, 10, "x"), unit(10, 30, "x")],
      ],
    };
    expect(unitizingAlpha([pieces], ["x"])).toEqual(unitizingAlpha([whole], ["x"]));
    expect(unitizingAlpha([pieces], ["x"]).alpha).toBe(1);
  });

  it("never merges or runs a gap across two sections", () => {
    // Observer 0 codes the end of article 1 and the start of article 2; observer 1 the same.
    const a: Section = { length: 50, observers: [[unit(40, 10, "x")], [unit(40, 10, "x")]] };
    const b: Section = { length: 50, observers: [[unit(0, 10, "x")], [unit(0, 10, "x")]] };
    expect(unitizingAlpha([a, b], ["x"]).alpha).toBe(1);
    // Shifting one observer's passage in article 2 by 5 gives the same D_o as in a lone article.
    const shifted: Section = { length: 50, observers: [[unit(0, 10, "x")], [unit(5, 10, "x")]] };
    const two = unitizingAlpha([a, shifted], ["x"]).categories[0]!;
    const alone = unitizingAlpha([shifted], ["x"]).categories[0]!;
    // Same Σδ = 5² + 5² on a continuum twice as long: D_o is a quarter.
    expect(two.observed * 4).toBeCloseTo(alone.observed, 12);
  });

  it("ignores codes not asked for and clips passages to the section", () => {
    const section: Section = {
      length: 20,
      observers: [
        [unit(-5, 15, "x"), unit(0, 20, "y")],
        [unit(0, 10, "x"), unit(15, 30, "z")],
      ],
    };
    expect(unitizingAlpha([section], ["x"]).alpha).toBe(1);
  });

  it("is null with a reason for one observer, an empty continuum, or no passages", () => {
    const one = unitizingAlpha([{ length: 10, observers: [[unit(0, 5, "x")]] }], ["x"]);
    expect(one.alpha).toBeNull();
    expect(one.reason).toBe(REASON_ONE_OBSERVER);
    expect(one.categories).toEqual([
      { category: "x", alpha: null, observed: 0, expected: 0, reason: REASON_ONE_OBSERVER },
    ]);
    expect(unitizingAlpha([], ["x"]).reason).toBe(REASON_ONE_OBSERVER);
    expect(unitizingAlpha([{ length: 0, observers: [[], []] }], ["x"]).reason).toBe(
      REASON_EMPTY_CONTINUUM,
    );
    const none = unitizingAlpha([{ length: 10, observers: [[], []] }], ["x", "y"]);
    expect(none.reason).toBe(REASON_NONE_CODED);
    expect(none.categories.map((c) => c.reason)).toEqual([REASON_NEVER_CODED, REASON_NEVER_CODED]);
    // One code used, the other never: overall defined, the unused one null.
    const some = unitizingAlpha(
      [{ length: 10, observers: [[unit(0, 5, "x")], [unit(0, 5, "x")]] }],
      ["x", "y"],
    );
    expect(some.alpha).toBe(1);
    expect(some.categories[1]).toMatchObject({
      category: "y",
      alpha: null,
      reason: REASON_NEVER_CODED,
    });
  });

  it("rejects sections with different observers", () => {
    expect(() =>
      unitizingAlpha(
        [
          { length: 10, observers: [[], []] },
          { length: 10, observers: [[]] },
        ],
        ["x"],
      ),
    ).toThrow(RangeError);
  });
});

// ---- an independent, literal computation -------------------------------------------------------

interface Piece {
  start: number;
  length: number;
  unit: boolean;
}

/** One observer's tiling of the continuum for a category, from a position-by-position coverage. */
function tiling(sections: readonly Section[], observer: number, category: string): Piece[] {
  const pieces: Piece[] = [];
  let offset = 0;
  for (const section of sections) {
    const covered = new Array<boolean>(section.length).fill(false);
    for (const s of section.observers[observer]!) {
      if (s.category !== category) continue;
      for (let x = Math.max(0, s.start); x < Math.min(section.length, s.end); x++)
        covered[x] = true;
    }
    let x = 0;
    while (x < section.length) {
      let y = x;
      while (y < section.length && covered[y] === covered[x]) y++;
      pieces.push({ start: offset + x, length: y - x, unit: covered[x]! });
      x = y;
    }
    offset += section.length;
  }
  return pieces;
}

/** δ between two pieces exactly as Krippendorff (2004) defines it. */
function delta(g: Piece, h: Piece): number {
  const db = g.start - h.start;
  if (g.unit && h.unit && -g.length < db && db < h.length) {
    return db ** 2 + (g.start + g.length - h.start - h.length) ** 2;
  }
  if (g.unit && !h.unit && db >= 0 && g.start + g.length <= h.start + h.length)
    return g.length ** 2;
  if (!g.unit && h.unit && db <= 0 && h.start + h.length <= g.start + g.length)
    return h.length ** 2;
  return 0;
}

function literal(sections: readonly Section[], category: string, m: number) {
  const L = sections.reduce((s, x) => s + x.length, 0);
  const tilings = Array.from({ length: m }, (_v, r) => tiling(sections, r, category));
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      for (const g of tilings[i]!) for (const h of tilings[j]!) sum += delta(g, h);
    }
  }
  const observed = sum / (m * (m - 1) * L * L);
  const all = tilings.flat();
  const units = all.filter((p) => p.unit);
  const gaps = all.filter((p) => !p.unit);
  let numerator = 0;
  for (const u of units) {
    const l = u.length;
    numerator += ((units.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    for (const g of gaps) if (g.length >= l) numerator += l * l * (g.length - l + 1);
  }
  const self = units.reduce((s, u) => s + u.length * (u.length - 1), 0);
  const expected = numerator === 0 ? 0 : ((2 / L) * numerator) / (m * L * (m * L - 1) - self);
  return { observed, expected };
}

const CATEGORIES = ["a", "b", "c"];

const sectionsArb = fc.integer({ min: 2, max: 3 }).chain((m) =>
  fc.array(
    fc.integer({ min: 1, max: 40 }).chain((length) =>
      fc.record({
        length: fc.constant(length),
        observers: fc.array(
          fc.array(
            fc
              .record({
                start: fc.integer({ min: 0, max: length - 1 }),
                size: fc.integer({ min: 1, max: length }),
                category: fc.constantFrom(...CATEGORIES),
              })
              .map(({ start, size, category }) => ({
                start,
                end: Math.min(length, start + size),
                category,
              })),
            { maxLength: 5 },
          ),
          { minLength: m, maxLength: m },
        ),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
);

function closeTo(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe("unitizingAlpha properties", () => {
  it("equals a literal computation pairing every unit and gap", () => {
    fc.assert(
      fc.property(sectionsArb, (sections) => {
        const m = sections[0]!.observers.length;
        const result = unitizingAlpha(sections, CATEGORIES);
        let sumO = 0;
        let sumE = 0;
        for (const [i, category] of CATEGORIES.entries()) {
          const want = literal(sections, category, m);
          const got = result.categories[i]!;
          if (!closeTo(got.observed, want.observed) || !closeTo(got.expected, want.expected)) {
            return false;
          }
          sumO += want.observed;
          sumE += want.expected;
        }
        return closeTo(result.alpha, sumE > 0 ? 1 - sumO / sumE : null);
      }),
      { numRuns: 300 },
    );
  });

  it("equals the literal computation with passages and gaps longer than 65,536 characters", () => {
    const sections: Section[] = [
      {
        length: 200_000,
        observers: [
          [unit(0, 70_000, "a"), unit(100_000, 5, "a"), unit(150_000, 40_000, "b")],
          [unit(10, 69_000, "a"), unit(80_000, 90_000, "b"), unit(199_990, 10, "a")],
        ],
      },
      { length: 30, observers: [[unit(0, 10, "a")], [unit(2, 10, "a")]] },
    ];
    const result = unitizingAlpha(sections, CATEGORIES);
    for (const [i, category] of CATEGORIES.entries()) {
      const want = literal(sections, category, 2);
      expect(closeTo(result.categories[i]!.observed, want.observed)).toBe(true);
      expect(closeTo(result.categories[i]!.expected, want.expected)).toBe(true);
    }
    expect(result.categories[0]!.expected).toBeGreaterThan(0);
    expect(result.categories[1]!.expected).toBeGreaterThan(0);
  });

  it("gives 1 when every observer codes the same, or null when nothing varies", () => {
    fc.assert(
      fc.property(sectionsArb, (sections) => {
        const same = sections.map((s) => ({
          length: s.length,
          observers: s.observers.map(() => s.observers[0]!),
        }));
        const result = unitizingAlpha(same, CATEGORIES);
        const used = new Set(same.flatMap((s) => s.observers[0]!.map((x) => x.category)));
        const oneIfDefined = (alpha: number | null, expected: number, observed: number) =>
          observed === 0 && (expected > 0 ? alpha === 1 : alpha === null);
        const total = result.categories.reduce((sum, c) => sum + c.expected, 0);
        return (
          (used.size === 0
            ? result.reason === REASON_NONE_CODED
            : oneIfDefined(result.alpha, total, 0)) &&
          result.categories.every(
            (c) =>
              oneIfDefined(c.alpha, c.expected, c.observed) &&
              (c.alpha !== null ||
                c.reason === (used.has(c.category) ? REASON_NO_VARIATION : REASON_NEVER_CODED)),
          )
        );
      }),
    );
  });

  it("does not change with the order of observers, of sections or of passages", () => {
    fc.assert(
      fc.property(sectionsArb, (sections) => {
        const turned = [...sections].reverse().map((s) => ({
          length: s.length,
          observers: [...s.observers].reverse().map((o) => [...o].reverse()),
        }));
        const a = unitizingAlpha(sections, CATEGORIES);
        const b = unitizingAlpha(turned, CATEGORIES);
        return (
          closeTo(a.alpha, b.alpha) &&
          a.categories.every((c, i) => closeTo(c.alpha, b.categories[i]!.alpha))
        );
      }),
    );
  });
});

describe("unitizingAlpha at scale", () => {
  it("handles 100,000 articles × 2 coders × 10 passages (timed by npm run bench -- --agreement-only)", () => {
    const codes = ["a", "b", "c", "d", "e", "f"];
    let seed = 1;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const sections: Section[] = [];
    for (let s = 0; s < 100_000; s++) {
      const length = 2_000 + next(3_000);
      const first: Segment[] = [];
      const second: Segment[] = [];
      for (let p = 0; p < 10; p++) {
        const start = next(length - 200);
        const end = start + 20 + next(180);
        const category = codes[next(codes.length)]!;
        first.push({ start, end, category });
        // The second coder mostly marks the same passage, a few characters off; sometimes not.
        if (next(10) > 0) second.push({ start: start + next(5), end: end - next(5), category });
      }
      sections.push({ length, observers: [first, second] });
    }
    const result = unitizingAlpha(sections, codes);
    expect(result.alpha!).toBeGreaterThan(0.8);
    expect(result.alpha!).toBeLessThan(1);
  });
});
