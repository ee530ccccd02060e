import "server-only";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { utcToIsoDate } from "../dates";
import { coderKey as coderKeySchema } from "../auth/users";
import { getDb, readInOrder } from "../db";
import { syncCodingsPublic } from "./rollups";
import { appendHistory, inTransaction, lockArticleBySlug, type Tx } from "./transaction";

/** A coder that can be assigned: one an account codes as (seed coders have no account). */
async function assignableCoder(tx: Tx, key: string): Promise<{ id: number; key: string }> {
  const coder = await tx.coder.findUnique({
    where: { key },
    select: { id: true, key: true, user: { select: { id: true } } },
  });
  if (!coder)
    throw new ApiError(400, `no coder ${JSON.stringify(key)}`, [
      { param: "coder", message: "is not a known coder key" },
    ]);
  if (!coder.user)
    throw new ApiError(400, `coder ${key} has no account, so nobody could code as it`, [
      { param: "coder", message: "belongs to no account" },
    ]);
  return { id: coder.id, key: coder.key };
}

/**
 * POST …/assignments `{ coder }`: an admin assigns any coder; a coder takes an unassigned article
 * for themselves. A new coder on a public article makes its codings private until every coder
 * assigned to it is done (blind coding).
 */
export async function assignCoder(
  actor: Actor,
  slug: string,
  coderKey: string,
): Promise<{ article: string; coder: string; assignedAt: Date; articlePublic: boolean }> {
  if (actor.role !== "admin" && coderKey !== actor.coderKey)
    throw new ApiError(403, "a coder may assign only themselves; ask an admin to assign others");
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug);
    const coder = await assignableCoder(tx, coderKey);
    if (actor.role !== "admin" && (await tx.assignment.count({ where: { articleId: article.id } })))
      throw new ApiError(
        403,
        `${slug} is already assigned; a coder may take only an unassigned article (ask an admin)`,
      );
    const key = { articleId: article.id, coderId: coder.id };
    if (
      await tx.assignment.findUnique({
        where: { articleId_coderId: key },
        select: { version: true },
      })
    )
      throw new ApiError(409, `${coder.key} is already assigned to ${slug}`);
    const { assignedAt } = await tx.assignment.create({
      data: { ...key, assignedBy: actor.userId, origin: "app" },
      select: { assignedAt: true },
    });
    const articlePublic = await syncCodingsPublic(tx, article);
    await appendHistory(tx, {
      userId: actor.userId,
      ...key,
      action: "assign",
      after: { coder: coder.key, assignedAt, articlePublic },
      version: 0,
    });
    return { article: slug, coder: coder.key, assignedAt, articlePublic };
  });
}

/**
 * DELETE …/assignments/{coder} (admin): removes an assignment whose coder has coded nothing on
 * the article (409 otherwise: codings are research data). If it was the last coding in progress,
 * the article's codings become public.
 */
export async function unassignCoder(
  actor: Actor,
  slug: string,
  coderKey: string,
): Promise<{ article: string; coder: string; articlePublic: boolean }> {
  if (actor.role !== "admin") throw new ApiError(403, "only an admin may do this");
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug);
    // A key no coder can have (NUL, 5 kB, …) is simply not assigned: no lookup needed.
    const coder = coderKeySchema.safeParse(coderKey).success
      ? await tx.coder.findUnique({ where: { key: coderKey }, select: { id: true } })
      : null;
    const key = { articleId: article.id, coderId: coder?.id ?? -1 };
    const assignment = coder
      ? await tx.assignment.findUnique({ where: { articleId_coderId: key } })
      : null;
    if (!assignment) throw new ApiError(404, `${coderKey} is not assigned to ${slug}`);
    const [passages, articleCodes] = await readInOrder([
      () => tx.passageCode.count({ where: key }),
      () => tx.articleCode.count({ where: key }),
    ]);
    if (passages + articleCodes)
      throw new ApiError(
        409,
        `${coderKey} has coded ${slug} (${passages} passages, ${articleCodes} article codes); ` +
          "an assignment with codings cannot be removed",
      );
    await tx.assignment.delete({ where: { articleId_coderId: key } });
    const articlePublic = await syncCodingsPublic(tx, article);
    await appendHistory(tx, {
      userId: actor.userId,
      ...key,
      action: "unassign",
      before: {
        coder: coderKey,
        assignedAt: assignment.assignedAt,
        doneAt: assignment.doneAt,
        version: assignment.version,
      },
      after: { articlePublic },
      version: assignment.version,
    });
    return { article: slug, coder: coderKey, articlePublic };
  });
}

export interface ArticleToTake {
  slug: string;
  headline: string;
  outlet: string;
  publishedAt: string;
}

/** Articles nobody is assigned to (what a coder may take), newest import first. */
export async function listArticlesToTake(limit = 50): Promise<ArticleToTake[]> {
  const rows = await getDb().$queryRaw<
    { slug: string; headline: string; outlet: string; published_at: Date }[]
  >`
    SELECT a.slug, a.headline, o.name AS outlet, a.published_at
    FROM "article" a JOIN "outlet" o ON o.id = a.outlet_id
    WHERE NOT a.synthetic AND NOT EXISTS (SELECT 1 FROM "assignment" s WHERE s.article_id = a.id)
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    slug: r.slug,
    headline: r.headline,
    outlet: r.outlet,
    publishedAt: utcToIsoDate(r.published_at),
  }));
}
