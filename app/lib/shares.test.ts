import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShare, isSmallSample, plural, roundToWhole } from "./shares";

describe("roundToWhole", () => {
  it("makes stacked shares add up to exactly 100 where rounding each would not", () => {
    // Three equal parts: 33.3 + 33.3 + 33.3 = 99.9 when each is rounded alone.
    expect(roundToWhole([1, 1, 1], 1)).toEqual([33.4, 33.3, 33.3]);
    expect(roundToWhole([1, 1, 1], 0)).toEqual([34, 33, 33]);
    // 7/18, 6/18, 5/18 → 38.9, 33.3, 27.8 (sums to 100.0).
    expect(roundToWhole([7, 6, 5], 1)).toEqual([38.9, 33.3, 27.8]);
  });

  it("gives the left-over unit to the largest remainder", () => {
    // 2/3 = 66.67 and 1/3 = 33.33: 67 and 33.
    expect(roundToWhole([2, 1], 0)).toEqual([67, 33]);
  });

  it("leaves all-zero parts at zero", () => {
    expect(roundToWhole([0, 0, 0], 1)).toEqual([0, 0, 0]);
  });

  it("always sums to 100 and moves each part by less than one unit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0 as const, 1 as const),
        (parts, decimals) => {
          const total = parts.reduce((s, x) => s + x, 0);
          const rounded = roundToWhole(parts, decimals);
          if (total === 0) return rounded.every((x) => x === 0);
          const unit = 10 ** -decimals;
          const sum = rounded.reduce((s, x) => s + x, 0);
          return (
            Math.abs(sum - 100) < 1e-9 &&
            rounded.every((x, i) => Math.abs(x - (parts[i] / total) * 100) < unit + 1e-9)
          );
        },
      ),
    );
  });
});

describe("formatShare", () => {
  it("shows whole percentages below 30 articles and one decimal from 30", () => {
    expect(formatShare(7 / 18, 2)).toBe("39 %");
    expect(formatShare(7 / 18, 30)).toBe("38.9 %");
    expect(formatShare(null, 2)).toBe("–");
  });
});

describe("sample size", () => {
  it("marks fewer than 5 articles as a small sample", () => {
    expect(isSmallSample(4)).toBe(true);
    expect(isSmallSample(5)).toBe(false);
  });

  it("pluralises", () => {
    expect(plural(1, "article")).toBe("1 article");
    expect(plural(2, "article")).toBe("2 articles");
    expect(plural(1200, "passage")).toBe("1,200 passages");
  });
});
