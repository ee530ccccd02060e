import { describe, expect, it } from "vitest";
import { binomial, multinomial, seededRandom } from "./random";

describe("seededRandom", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const take = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it("is uniform on [0, 1): mean ½, variance 1/12, every decile about a tenth", () => {
    const random = seededRandom(7);
    const n = 200_000;
    const deciles = new Array(10).fill(0);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = random.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      squares += x * x;
      deciles[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(squares / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    // χ² with 9 degrees of freedom: above 27.9 has probability 0.001.
    const chi2 = deciles.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });
});

/** Exact Binomial(n, p) probabilities by the recurrence P(k+1) = P(k) · (n−k)/(k+1) · p/q, in logs. */
function binomialPmf(n: number, p: number): number[] {
  const logs = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) {
    logs.push(logs[k]! + Math.log(n - k) - Math.log(k + 1) + Math.log(p) - Math.log1p(-p));
  }
  return logs.map(Math.exp);
}

describe("binomial", () => {
  // Both samplers (inversion below n·p = 10, BTRD above), and p above ½ through symmetry.
  it.each([
    [12, 0.3],
    [40, 0.2],
    [200, 0.37],
    [1000, 0.05],
    [500, 0.9],
  ])("Binomial(%i, %f) matches the exact distribution (χ² test)", (n, p) => {
    const random = seededRandom(n);
    const draws = 100_000;
    const observed = new Map<number, number>();
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const k = binomial(random, n, p);
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) outside++;
      observed.set(k, (observed.get(k) ?? 0) + 1);
    }
    expect(outside).toBe(0);
    const pmf = binomialPmf(n, p);
    // Pool the tails into cells of expected count ≥ 20.
    let chi2 = 0;
    let cells = 0;
    let expectedCell = 0;
    let observedCell = 0;
    for (let k = 0; k <= n; k++) {
      expectedCell += pmf[k]! * draws;
      observedCell += observed.get(k) ?? 0;
      if (expectedCell >= 20 || k === n) {
        chi2 += (observedCell - expectedCell) ** 2 / expectedCell;
        cells++;
        expectedCell = 0;
        observedCell = 0;
      }
    }
    // Wilson–Hilferty: the 0.999 quantile of χ² with cells − 1 degrees of freedom.
    const df = cells - 1;
    const limit = df * (1 - 2 / (9 * df) + 3.09 * Math.sqrt(2 / (9 * df))) ** 3;
    expect(chi2).toBeLessThan(limit);
  });

  it("has mean n·p and variance n·p·q for millions of trials", () => {
    const random = seededRandom(3);
    const n = 3_000_000;
    const p = 0.013;
    const draws = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < draws; i++) {
      const k = binomial(random, n, p);
      sum += k;
      squares += k * k;
    }
    const mean = sum / draws;
    const variance = squares / draws - mean ** 2;
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws));
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
  });

  it("handles the edges and rejects impossible arguments", () => {
    const random = seededRandom(1);
    expect(binomial(random, 0, 0.5)).toBe(0);
    expect(binomial(random, 10, 0)).toBe(0);
    expect(binomial(random, 10, 1)).toBe(10);
    expect(() => binomial(random, -1, 0.5)).toThrow(RangeError);
    expect(() => binomial(random, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomial(random, 10, 1.5)).toThrow(RangeError);
  });
});

describe("multinomial", () => {
  it("always sums to the total, leaves empty categories empty, and has mean total · share", () => {
    const random = seededRandom(11);
    const counts = [5, 0, 1_000, 3, 250_000, 12];
    const mass = counts.reduce((s, c) => s + c, 0);
    const total = 251_020;
    const sums = counts.map(() => 0);
    const rounds = 2_000;
    for (let i = 0; i < rounds; i++) {
      const draw = multinomial(random, total, counts);
      expect(draw.reduce((s, c) => s + c, 0)).toBe(total);
      expect(draw[1]).toBe(0);
      draw.forEach((d, j) => {
        sums[j]! += d;
      });
    }
    counts.forEach((c, j) => {
      const share = c / mass;
      const sd = Math.sqrt((total * share * (1 - share)) / rounds);
      expect(Math.abs(sums[j]! / rounds - total * share)).toBeLessThanOrEqual(5 * sd + 1e-9);
    });
  });
});
