import "server-only";
import { rollupArticle, rollupCoding } from "../coding/rollups";
import type { Tx } from "../coding/transaction";
import { isoDateToUtc } from "../dates";
import type { PlannedCoder } from "./import-coders";
import type { ImportPlan } from "./import-plan";
import type { ImportWritten } from "./import-result";
import type { Target } from "./import-sources";

/*
 * Writes an import's plan inside the caller's transaction: the coders its codings need, the new
 * articles (counted into the article rollups), then the passage and article codes, with the
 * rollups of each touched public article and coder taken out before and put back after.
 */

export async function writePlan(tx: Tx, plan: ImportPlan): Promise<ImportWritten> {
  const used = new Set<PlannedCoder>();
  for (const p of plan.passages) used.add(p.coder);
  for (const a of plan.articleCodes) used.add(a.coder);
  const coders = await createCoders(
    tx,
    [...used].filter((c) => c.id === null),
  );
  const articles = await createArticles(tx, plan);

  const pairs = new Map<string, { articleId: number; coderId: number }>();
  const pair = (t: Target, c: PlannedCoder) => {
    const articleId = t.articleId!;
    const coderId = c.id!;
    if (t.codingsPublic) pairs.set(`${articleId}|${coderId}`, { articleId, coderId });
    return { articleId, coderId };
  };
  const passageRows = plan.passages.map((p) => ({
    ...pair(p.target, p.coder),
    codeId: p.codeId,
    start: p.start,
    end: p.end,
    quote: p.quote,
    note: p.note,
    voice: p.voice,
    origin: "app" as const,
  }));
  const codeRows = plan.articleCodes.map((a) => ({
    ...pair(a.target, a.coder),
    dimensionId: a.dimensionId,
    codeId: a.codeId,
    note: a.note,
    origin: "app" as const,
  }));
  for (const { articleId, coderId } of pairs.values())
    await rollupCoding(tx, articleId, coderId, -1, null);
  if (passageRows.length) await tx.passageCode.createMany({ data: passageRows });
  if (codeRows.length) await tx.articleCode.createMany({ data: codeRows });
  for (const { articleId, coderId } of pairs.values())
    await rollupCoding(tx, articleId, coderId, 1, null);
  return {
    articles,
    coders,
    passageCodes: passageRows.length,
    articleCodes: codeRows.length,
    unchanged: plan.unchanged,
  };
}

/** Creates the new coders (people, without an account) and gives each planned coder its id. */
async function createCoders(tx: Tx, coders: PlannedCoder[]): Promise<number> {
  for (const c of coders) {
    const row = await tx.coder.create({
      data: { key: c.key, name: c.name, kind: "person", origin: "app" },
      select: { id: true },
    });
    c.id = row.id;
  }
  return coders.length;
}

/** Creates the new articles (public codings: nobody is assigned) and counts them into the rollups. */
async function createArticles(tx: Tx, plan: ImportPlan): Promise<number> {
  const made = new Set<Target>();
  for (const { target } of plan.sources) {
    if (!target?.newArticle || made.has(target)) continue;
    made.add(target);
    const { published, ...a } = target.newArticle;
    const row = await tx.article.create({
      data: { ...a, publishedAt: isoDateToUtc(published), origin: "app", codingsPublic: true },
      select: { id: true },
    });
    target.articleId = row.id;
    await rollupArticle(tx, row.id, 1);
  }
  return made.size;
}
