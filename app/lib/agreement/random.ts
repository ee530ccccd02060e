/**
 * Seeded random numbers for the bootstrap: the same seed always gives the same sequence, on every
 * platform. xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/) seeded through splitmix32,
 * and an exact binomial sampler (inversion for small means, Hörmann's BTRD otherwise), so that a
 * multinomial resample of millions of units costs one draw per unit type.
 */

export interface Random {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
}

/** xoshiro128** with its 128-bit state filled from `seed` by splitmix32. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    next: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992,
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A draw from Binomial(n, p): the number of successes in n independent trials. */
export function binomial(random: Random, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial: n = ${n} is not a count`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p = ${p} is not a probability`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  return n * p < 10 ? binomialInversion(random, n, p) : binomialBtrd(random, n, p);
}

/** Sequential inversion of the cumulative distribution: about n·p + 1 steps. */
function binomialInversion(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const start = q ** n;
  for (;;) {
    let r = start;
    let u = random.next();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break; // rounding left u above the total mass: draw again
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * Stirling series correction fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π]; exact sums
 * of logarithms below 10.
 */
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const SMALL_FC = Array.from({ length: 10 }, (_v, k) => {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI);
});

function stirlingCorrection(k: number): number {
  if (k < 10) return SMALL_FC[k]!;
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}

/**
 * Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput. Simul. 46:
 * BTRD, transformed rejection with decomposition; for n·p ≥ 10 and p ≤ ½. Constant expected time.
 */
function binomialBtrd(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const m = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = random.next();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = random.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = Math.sign(u) * 0.5 - u;
      v = random.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Recursive evaluation of f(k) / f(m).
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    // Squeeze on the log scale, then the exact test with Stirling's corrections.
    v = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    const nm = n - m + 1;
    const h =
      (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
    const nk = n - k + 1;
    if (
      v <=
      h +
        (n + 1) * Math.log(nm / nk) +
        (k + 0.5) * Math.log((nk * r) / (k + 1)) -
        stirlingCorrection(k) -
        stirlingCorrection(n - k)
    ) {
      return k;
    }
  }
}

/**
 * A draw from Multinomial(total, counts / Σ counts) by conditional binomials: category i gets
 * Binomial(left, counts[i] / counts left). Costs one binomial draw per category.
 */
export function multinomial(random: Random, total: number, counts: readonly number[]): number[] {
  let mass = counts.reduce((sum, c) => sum + c, 0);
  let left = total;
  return counts.map((count) => {
    if (left === 0 || count === 0) {
      mass -= count;
      return 0;
    }
    const draw = count >= mass ? left : binomial(random, left, count / mass);
    left -= draw;
    mass -= count;
    return draw;
  });
}
