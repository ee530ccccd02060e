import { cumulate } from "./rng";
import { generateArticles, type AgreementModel, type World } from "./model";

/**
 * The agreement model of `npm run synth -- --coders K --agreement P`: how coders 2..K code so
 * that Krippendorff's alpha of every dimension, between any of them and coder 1, comes out at P
 * (up to sampling noise). Coder 1's codings are the same as without --agreement's further coders:
 * the others draw from random streams of their own.
 *
 * The units are those of the agreement report (app/lib/agreement/types.ts): one per article for
 * weapons and tone_gov, one per (article, code) for the codes of the passage dimensions (ties,
 * remedy, blame, generic), whose value is present or absent. For every unit a further coder
 * copies coder 1's value with a copy probability q and otherwise draws a value independently
 * from the marginal distribution of coder 1's values of that unit across the corpus (for weapons
 * and tone_gov the shares of their codes; for a code, π_c, the share of articles that have it).
 *
 * - Both coders then have the same marginals, so the expected disagreement D_e is that of two
 *   independent draws from the pooled marginal. Copied values never disagree and drawn ones
 *   disagree as independent draws do, so for units of one marginal D_o = (1 − q) · D_e and
 *   α = q, with the nominal and the ordinal metric alike. Weapons and tone_gov take q = P.
 * - A many-valued dimension's units pool codes with different shares, and the code itself tells
 *   something of the value (a common code is present more often than a rare one): with q = P its
 *   alpha would come out above P, at 1 − (1 − P) · r, r = mean(π_c (1 − π_c)) / (π̄ (1 − π̄)),
 *   π̄ the mean share (with this codebook up to 0.03 above P at 0.8 and 0.07 at 0.5). So its codes
 *   take q = 1 − (1 − P) / r, which puts the dimension's alpha at P; the alpha of one code's units
 *   (category alpha) is then q, a little below P (about 0.77 for 0.8), and q is never below 0.
 *
 * The marginals are those of the whole corpus, so within one outlet, genre or period (where
 * coder 1 leans its own way) alpha comes out somewhat below P. Passages: a copied present code
 * keeps all of coder 1's passages of it, spans included, so unitizing alpha is high when P is
 * high; a drawn present code gets one passage of the coder's own; a drawn absent code drops
 * coder 1's passages of it. The marginals are counted over the first MARGINAL_SAMPLE articles
 * (all of a smaller corpus): articles are drawn independently of each other, so that is the
 * corpus's distribution up to a sampling noise far below a percentage point.
 */

export const MARGINAL_SAMPLE = 20_000;

/** The agreement model for a corpus of `articles` articles of `world` at agreement level `level` (0 to 1). */
export function agreementModel(world: World, articles: number, level: number): AgreementModel {
  if (!(level >= 0 && level <= 1)) throw new RangeError("--agreement must be a number from 0 to 1");
  const sample = Math.min(articles, MARGINAL_SAMPLE);
  const firstOnly: World = { ...world, coders: world.coders.slice(0, 1), agreement: null };
  const codeCount = Math.max(...world.dims.flatMap((d) => d.codes.map((c) => c.id))) + 1;
  const articleCounts = world.articleDims.map((di) =>
    new Array<number>(world.dims[di].codes.length).fill(0),
  );
  const present = new Float64Array(codeCount);
  const seen = new Uint8Array(codeCount);
  for (const a of generateArticles(firstOnly, sample, { hash: false })) {
    for (const { code } of a.articleCodes)
      articleCounts[world.articleDims.indexOf(code.dim)][code.index]++;
    seen.fill(0);
    for (const p of a.passages) {
      if (world.dims[p.code.dim].scope !== "passage" || seen[p.code.id]) continue;
      seen[p.code.id] = 1;
      present[p.code.id]++;
    }
  }
  const presence = present.map((n) => n / sample);
  const copy = new Float64Array(codeCount);
  for (const di of world.passageDims) {
    const codes = world.dims[di].codes;
    const r = poolingRatio(codes.map((c) => presence[c.id]));
    const q = r > 0 ? Math.min(1, Math.max(0, 1 - (1 - level) / r)) : level;
    for (const c of codes) copy[c.id] = q;
  }
  return {
    level,
    articleCopy: world.articleDims.map(() => level),
    articleCum: articleCounts.map((counts) => cumulate(counts)),
    copy,
    presence,
  };
}

/**
 * r = mean(π_c (1 − π_c)) / (π̄ (1 − π̄)) for codes with shares π_c: how much of the pooled
 * present/absent variance lies within the codes (1 when all shares are equal; 0 when undefined).
 */
export function poolingRatio(presence: readonly number[]): number {
  const mean = presence.reduce((s, p) => s + p, 0) / presence.length;
  const within = presence.reduce((s, p) => s + p * (1 - p), 0) / presence.length;
  const total = mean * (1 - mean);
  return total > 0 ? within / total : 0;
}
