import "server-only";
import type { LockedArticle, Tx } from "./transaction";

/*
 * Rollup deltas (the contract's Delta rule). Only public codings are in the rollups, so a write
 * to a public article removes the codes it touches before the change and adds them back after;
 * when the article's codings_public flips, every coding on it leaves or enters the rollups whole.
 * The result equals a rebuild by refresh_rollups(), which the property test checks.
 */

/** Adds (+1) or removes (-1) one coder's coding of an article, restricted to codeIds (null: all). */
export async function rollupCoding(
  tx: Tx,
  articleId: number,
  coderId: number,
  sign: 1 | -1,
  codeIds: number[] | null,
): Promise<void> {
  await tx.$executeRaw`SELECT rollup_coding(${articleId}::int, ${coderId}::int, ${sign}::int, ${codeIds}::int[])`;
}

/** Adds an article (an import) to the article counts, or removes it. */
export async function rollupArticle(tx: Tx, articleId: number, sign: 1 | -1): Promise<void> {
  await tx.$executeRaw`SELECT rollup_article(${articleId}::int, ${sign}::int)`;
}

/**
 * Runs `change` (a write to one coder's coding of the article touching codeIds) with the rollups
 * moved by its difference when the article is public.
 */
export async function withRollupDelta<T>(
  tx: Tx,
  article: LockedArticle,
  coderId: number,
  codeIds: number[],
  change: () => Promise<T>,
): Promise<T> {
  const codes = [...new Set(codeIds)];
  if (!article.codingsPublic || !codes.length) return change();
  await rollupCoding(tx, article.id, coderId, -1, codes);
  const result = await change();
  await rollupCoding(tx, article.id, coderId, 1, codes);
  return result;
}

/**
 * Sets the article's codings_public from its assignments (public when none is in progress) and,
 * when that flips it, moves every coding on it into or out of the rollups. Returns the new value.
 */
export async function syncCodingsPublic(tx: Tx, article: LockedArticle): Promise<boolean> {
  const open = await tx.assignment.count({ where: { articleId: article.id, doneAt: null } });
  const isPublic = open === 0;
  if (isPublic === article.codingsPublic) return isPublic;
  const coders = await codersWithCodings(tx, article.id);
  if (!isPublic) for (const c of coders) await rollupCoding(tx, article.id, c, -1, null);
  await tx.article.update({ where: { id: article.id }, data: { codingsPublic: isPublic } });
  if (isPublic) for (const c of coders) await rollupCoding(tx, article.id, c, 1, null);
  article.codingsPublic = isPublic;
  return isPublic;
}

async function codersWithCodings(tx: Tx, articleId: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ coder_id: number }[]>`
    SELECT coder_id FROM "passage_code" WHERE article_id = ${articleId}
    UNION
    SELECT coder_id FROM "article_code" WHERE article_id = ${articleId}
    ORDER BY coder_id`;
  return rows.map((r) => r.coder_id);
}
