import "server-only";
import type { Actor } from "../auth/actor";
import type { ParamIssue } from "../query-params";
import { articleDimensions, loadCodebook, type WriteCodebook } from "./codebook";
import { withRollupDelta } from "./rollups";
import type { ArticleCodesInput } from "./schemas";
import {
  checkVersion,
  inTransaction,
  lockArticleBySlug,
  recordWrite,
  rejectIssues,
  requireAssignment,
  type Tx,
  writerCoder,
} from "./transaction";

/** The article-level codes of one coding: `{ weapons?: { code, note }, tone_gov?: … }`. */
export type ArticleCodesView = Record<string, { code: string; note: string | null }>;

interface Change {
  dimensionId: number;
  dimension: string;
  codeId: number | null;
}

/** The changes a PUT asks for, after checking every dimension and code it names. */
function validateChanges(
  codebook: WriteCodebook,
  codes: ArticleCodesInput["codes"],
  done: boolean,
): Change[] {
  const issues: ParamIssue[] = [];
  const changes: Change[] = [];
  const articleKeys = articleDimensions(codebook).map((d) => d.key);
  if (!Object.keys(codes).length)
    issues.push({
      param: "body",
      message: `names no article-level code; give ${articleKeys.join(", ")}`,
    });
  for (const [key, value] of Object.entries(codes)) {
    const dimension = codebook.dimensions.get(key);
    if (!dimension) {
      issues.push({
        param: key,
        message: `unknown article-level dimension; known: ${articleKeys.join(", ")}`,
      });
    } else if (dimension.scope !== "article") {
      issues.push({
        param: key,
        message:
          `${key} is coded on passages (POST …/passages), not once per article; ` +
          `article-level dimensions: ${articleKeys.join(", ")}`,
      });
    } else if (value === null) {
      if (done)
        issues.push({
          param: key,
          message: "a done coding needs this code; reopen the article to remove it",
        });
      else changes.push({ dimensionId: dimension.id, dimension: key, codeId: null });
    } else {
      const codeId = dimension.codes.get(value.code);
      if (codeId === undefined)
        issues.push({
          param: `${key}.code`,
          message: `unknown ${key} code ${JSON.stringify(value.code)}; known: ${[...dimension.codes.keys()].join(", ")}`,
        });
      else changes.push({ dimensionId: dimension.id, dimension: key, codeId });
    }
  }
  rejectIssues(issues);
  return changes;
}

/** The coder's article-level codes on the article. */
export async function readArticleCodes(
  tx: Pick<Tx, "articleCode">,
  articleId: number,
  coderId: number,
): Promise<ArticleCodesView> {
  const rows = await tx.articleCode.findMany({
    where: { articleId, coderId },
    select: { note: true, code: { select: { key: true } }, dimension: { select: { key: true } } },
    orderBy: { dimension: { order: "asc" } },
  });
  return Object.fromEntries(rows.map((r) => [r.dimension.key, { code: r.code.key, note: r.note }]));
}

/**
 * PUT …/article-codes: sets (or, with null, removes) the article-level codes given, leaving the
 * others as they are.
 */
export async function setArticleCodes(
  actor: Actor,
  slug: string,
  input: ArticleCodesInput,
): Promise<{ version: number; articleCodes: ArticleCodesView }> {
  const coderId = writerCoder(actor);
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug);
    const assignment = await requireAssignment(tx, article, coderId);
    const codebook = await loadCodebook(tx, article.codebookStamp);
    const changes = validateChanges(codebook, input.codes, assignment.doneAt !== null);
    checkVersion(assignment, input.baseVersion);
    const existing = await tx.articleCode.findMany({
      where: {
        articleId: article.id,
        coderId,
        dimensionId: { in: changes.map((c) => c.dimensionId) },
      },
      select: { dimensionId: true, codeId: true },
    });
    const touched = [
      ...existing.map((e) => e.codeId),
      ...changes.flatMap((c) => (c.codeId === null ? [] : [c.codeId])),
    ];
    const before = await readArticleCodes(tx, article.id, coderId);
    await withRollupDelta(tx, article, coderId, touched, () =>
      applyChanges(tx, article.id, coderId, changes, input.codes),
    );
    const articleCodes = await readArticleCodes(tx, article.id, coderId);
    const pick = (v: ArticleCodesView) =>
      Object.fromEntries(changes.map((c) => [c.dimension, v[c.dimension] ?? null]));
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "article_codes.set",
      before: pick(before),
      after: pick(articleCodes),
    });
    return { version, articleCodes };
  });
}

async function applyChanges(
  tx: Tx,
  articleId: number,
  coderId: number,
  changes: Change[],
  codes: ArticleCodesInput["codes"],
): Promise<void> {
  for (const c of changes) {
    const where = {
      articleId_dimensionId_coderId: { articleId, dimensionId: c.dimensionId, coderId },
    };
    if (c.codeId === null) {
      await tx.articleCode.deleteMany({
        where: { articleId, dimensionId: c.dimensionId, coderId },
      });
      continue;
    }
    const note = codes[c.dimension]?.note ?? null;
    await tx.articleCode.upsert({
      where,
      create: {
        articleId,
        dimensionId: c.dimensionId,
        coderId,
        codeId: c.codeId,
        note,
        origin: "app",
      },
      update: { codeId: c.codeId, note },
    });
  }
}
