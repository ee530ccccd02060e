import "server-only";
import type { Actor } from "../auth/actor";
import { articleDimensions, loadCodebook } from "./codebook";
import { syncCodingsPublic } from "./rollups";
import {
  checkVersion,
  inTransaction,
  lockArticleBySlug,
  recordWrite,
  rejectIssues,
  requireAssignment,
  writerCoder,
} from "./transaction";

/**
 * POST …/done: marks the actor's coding done. Every article-level dimension (weapons, tone_gov)
 * must be set, else 400 naming the missing one. When this was the last coding in progress, the
 * article's codings become public and enter the rollups. Marking a done coding done again changes
 * nothing.
 */
export async function markDone(
  actor: Actor,
  slug: string,
  baseVersion: number | undefined,
): Promise<{ version: number; doneAt: Date; articlePublic: boolean }> {
  const coderId = writerCoder(actor);
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug);
    const assignment = await requireAssignment(tx, article, coderId);
    const codebook = await loadCodebook(tx, article.codebookStamp);
    const set = await tx.articleCode.findMany({
      where: { articleId: article.id, coderId },
      select: { dimensionId: true },
    });
    const setIds = new Set(set.map((s) => s.dimensionId));
    rejectIssues(
      articleDimensions(codebook)
        .filter((d) => !setIds.has(d.id))
        .map((d) => ({ param: d.key, message: `is not set; set ${d.key} before marking done` })),
    );
    checkVersion(assignment, baseVersion);
    if (assignment.doneAt)
      return {
        version: assignment.version,
        doneAt: assignment.doneAt,
        articlePublic: article.codingsPublic,
      };
    const { doneAt } = await tx.assignment.update({
      where: { articleId_coderId: { articleId: article.id, coderId } },
      data: { doneAt: new Date() },
      select: { doneAt: true },
    });
    const articlePublic = await syncCodingsPublic(tx, article);
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "done",
      before: { doneAt: null },
      after: { doneAt, articlePublic },
    });
    return { version, doneAt: doneAt as Date, articlePublic };
  });
}

/**
 * DELETE …/done: reopens the actor's done coding. If the article's codings were public they leave
 * the public figures until every coder is done again. Reopening a coding in progress changes
 * nothing.
 */
export async function reopen(
  actor: Actor,
  slug: string,
  baseVersion: number | undefined,
): Promise<{ version: number; articlePublic: boolean }> {
  const coderId = writerCoder(actor);
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug);
    const assignment = await requireAssignment(tx, article, coderId);
    checkVersion(assignment, baseVersion);
    if (!assignment.doneAt)
      return { version: assignment.version, articlePublic: article.codingsPublic };
    await tx.assignment.update({
      where: { articleId_coderId: { articleId: article.id, coderId } },
      data: { doneAt: null },
    });
    const articlePublic = await syncCodingsPublic(tx, article);
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "reopen",
      before: { doneAt: assignment.doneAt },
      after: { doneAt: null, articlePublic },
    });
    return { version, articlePublic };
  });
}
