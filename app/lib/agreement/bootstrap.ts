import { alphaOfPrepared, type Metric, mergeTypes, prepareTypes, type UnitType } from "./alpha";
import { multinomial, seededRandom } from "./random";

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20111129;
export const DEFAULT_LEVEL = 0.95;

/**
 * Percentile bootstrap interval of alpha: `resamples` samples of the N pairable units with
 * replacement (N each time), alpha of each, and the (1 − level)/2 and (1 + level)/2 quantiles.
 * Resampling N units from T unit types is one multinomial draw over the types, so the cost
 * depends on T, not on N. The types are put in canonical order first and the generator is seeded:
 * the same data in any order give the same interval. Resamples in which alpha is undefined are
 * skipped; null when alpha of the data itself is undefined (or no resample gives one).
 */
export function bootstrapInterval(
  types: readonly UnitType[],
  metric: Metric,
  options: { resamples?: number; seed?: number; level?: number } = {},
): [number, number] | null {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level ${level} is not in (0, 1)`);
  const prepared = prepareTypes(mergeTypes(types));
  const counts = prepared.types.map((t) => t.count);
  if (alphaOfPrepared(prepared, counts, metric).alpha === null) return null;
  const total = counts.reduce((sum, c) => sum + c, 0);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const alphas: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const alpha = alphaOfPrepared(prepared, multinomial(random, total, counts), metric).alpha;
    if (alpha !== null) alphas.push(alpha);
  }
  if (alphas.length === 0) return null;
  alphas.sort((a, b) => a - b);
  return [quantile(alphas, (1 - level) / 2), quantile(alphas, (1 + level) / 2)];
}

/** The q-quantile of sorted values, interpolating linearly between order statistics. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}
