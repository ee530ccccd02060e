import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * The one source of randomness of the synthetic generator: pure-rand's
 * xoroshiro128+, seeded with --seed. The same seed gives the same sequence on
 * every machine, so the same arguments give the same rows.
 */
export class Rng {
  private readonly g: RandomGenerator;

  constructor(seed: number) {
    this.g = xoroshiro128plus(seed | 0);
  }

  /** A float in [0, 1) from 32 random bits. */
  float(): number {
    return (this.g.next() >>> 0) / 4294967296;
  }

  /** An integer in [from, to], unbiased. */
  between(from: number, to: number): number {
    return uniformInt(this.g, from, to);
  }

  /** An index in [0, n): cheap, with a bias far below anything a chart could show. */
  index(n: number): number {
    return Math.floor(this.float() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.index(items.length)];
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** An index drawn from cumulative weights (last entry = total). */
  weighted(cumulative: Float64Array | readonly number[]): number {
    const x = this.float() * cumulative[cumulative.length - 1];
    const n = cumulative.length;
    if (n <= 8) {
      for (let i = 0; i < n - 1; i++) if (x < cumulative[i]) return i;
      return n - 1;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < cumulative[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A roughly normal value with mean 0 and standard deviation 1 (sum of uniforms). */
  normal(): number {
    // sd of the sum is sqrt(4/12)
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }
}

export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += Math.max(0, w);
    out[i] = sum;
  });
  return out;
}
