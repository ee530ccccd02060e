import "server-only";
import type { Tx } from "../coding/transaction";
import { isoDateToUtc } from "../dates";
import type { PlannedCoder } from "./import-coders";
import type { ImportPlan } from "./import-plan";
import type { ImportWritten } from "./import-result";
import type { Target } from "./import-sources";

/*
 * Writes an import's plan inside the caller's transaction: the coders its codings need, the new
 * articles (counted into the article rollups), then the passage and article codes, with the
 * rollups of each touched public article and coder taken out before and put back after. Every
 * article and coder given codings gets a done assignment and a history row, as a coding written in
 * the workspace does.
 */

/** Who imports which file, for the assignments and the history. */
export interface ImportBy {
  userId: string;
  file: string;
}

export async function writePlan(tx: Tx, plan: ImportPlan, by: ImportBy): Promise<ImportWritten> {
  const used = new Set<PlannedCoder>();
  for (const p of plan.passages) used.add(p.coder);
  for (const a of plan.articleCodes) used.add(a.coder);
  const coders = await createCoders(
    tx,
    [...used].filter((c) => c.id === null),
  );
  const articles = await createArticles(tx, plan);

  // The public articles and coders whose codings change; new articles had none before.
  const pairs = new Map<string, { articleId: number; coderId: number; existed: boolean }>();
  const pair = (t: Target, c: PlannedCoder) => {
    const articleId = t.articleId!;
    const coderId = c.id!;
    if (t.codingsPublic)
      pairs.set(`${articleId}|${coderId}`, { articleId, coderId, existed: !t.newArticle });
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
  }));
  const codeRows = plan.articleCodes.map((a) => ({
    ...pair(a.target, a.coder),
    dimensionId: a.dimensionId,
    codeId: a.codeId,
    note: a.note,
  }));
  await rollupCodings(
    tx,
    [...pairs.values()].filter((p) => p.existed),
    -1,
  );
  await insertPassages(tx, passageRows);
  await insertArticleCodes(tx, codeRows);
  await rollupCodings(tx, [...pairs.values()], 1);
  await recordImport(tx, by, passageRows, codeRows);
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

/**
 * Moves the rollups by each article and coder's codings (rollup_coding, as every coding write
 * does), in one statement: the function runs once per pair inside the database.
 */
async function rollupCodings(
  tx: Tx,
  pairs: { articleId: number; coderId: number }[],
  sign: 1 | -1,
): Promise<void> {
  if (!pairs.length) return;
  await tx.$executeRaw`
    SELECT rollup_coding(t.article_id, t.coder_id, ${sign}::int, NULL)
    FROM unnest(${pairs.map((p) => p.articleId)}::int[], ${pairs.map((p) => p.coderId)}::int[])
      AS t(article_id, coder_id)`;
}

/** What an import added to one article's coding by one coder, for its history row. */
interface Added {
  articleId: number;
  coderId: number;
  passages: number;
  articleCodes: number;
}

/**
 * For every article and coder the import gave codings, in one statement per batch: a done
 * assignment when the coder had none (imported work is complete), or the existing one's version
 * raised (so a workspace tab open on it reloads instead of writing over the import), and one
 * history row (`import`) naming the file and what it added.
 */
async function recordImport(
  tx: Tx,
  by: ImportBy,
  passages: { articleId: number; coderId: number }[],
  codes: { articleId: number; coderId: number }[],
): Promise<void> {
  const added = new Map<string, Added>();
  const entry = (r: { articleId: number; coderId: number }) => {
    const key = `${r.articleId}|${r.coderId}`;
    let a = added.get(key);
    if (!a) {
      a = { articleId: r.articleId, coderId: r.coderId, passages: 0, articleCodes: 0 };
      added.set(key, a);
    }
    return a;
  };
  for (const p of passages) entry(p).passages++;
  for (const c of codes) entry(c).articleCodes++;
  const rows = [...added.values()];
  for (let i = 0; i < rows.length; i += CODING_BATCH) {
    const b = rows.slice(i, i + CODING_BATCH);
    await tx.$executeRaw`
      WITH t AS (
        SELECT * FROM unnest(${b.map((r) => r.articleId)}::int[], ${b.map((r) => r.coderId)}::int[],
          ${b.map((r) => r.passages)}::int[], ${b.map((r) => r.articleCodes)}::int[])
          AS t(article_id, coder_id, passages, article_codes)),
      a AS (
        INSERT INTO "assignment" (article_id, coder_id, assigned_by, assigned_at, done_at, version, origin)
        SELECT article_id, coder_id, ${by.userId}, now(), now(), 1, 'app'::"RowOrigin" FROM t
        ON CONFLICT (article_id, coder_id) DO UPDATE SET version = "assignment".version + 1
        RETURNING article_id, coder_id, version, done_at, (xmax = 0) AS created)
      INSERT INTO "coding_history" (user_id, coder_id, article_id, action, after, version)
      SELECT ${by.userId}, a.coder_id, a.article_id, 'import',
        jsonb_build_object('file', ${by.file}::text, 'passages', t.passages,
          'articleCodes', t.article_codes,
          'assignment', CASE WHEN a.created THEN 'created, done' ELSE 'kept' END,
          'doneAt', a.done_at),
        a.version
      FROM a JOIN t USING (article_id, coder_id)`;
  }
}

const ARTICLE_BATCH = 500;
const CODING_BATCH = 5_000;

type PassageRow = {
  articleId: number;
  coderId: number;
  codeId: number;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: string;
};

/** Inserts passage codes, a batch per statement (arrays unnested: one round trip per batch). */
async function insertPassages(tx: Tx, rows: PassageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CODING_BATCH) {
    const b = rows.slice(i, i + CODING_BATCH);
    await tx.$executeRaw`
      INSERT INTO "passage_code" (article_id, coder_id, code_id, start, "end", quote, note, voice, origin)
      SELECT t.*, 'app'::"RowOrigin" FROM unnest(
        ${b.map((r) => r.articleId)}::int[], ${b.map((r) => r.coderId)}::int[],
        ${b.map((r) => r.codeId)}::int[], ${b.map((r) => r.start)}::int[],
        ${b.map((r) => r.end)}::int[], ${b.map((r) => r.quote)}::text[],
        ${b.map((r) => r.note)}::text[], ${b.map((r) => r.voice)}::"PassageVoice"[]) AS t`;
  }
}

type ArticleCodeRow = {
  articleId: number;
  coderId: number;
  dimensionId: number;
  codeId: number;
  note: string | null;
};

async function insertArticleCodes(tx: Tx, rows: ArticleCodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CODING_BATCH) {
    const b = rows.slice(i, i + CODING_BATCH);
    await tx.$executeRaw`
      INSERT INTO "article_code" (article_id, coder_id, dimension_id, code_id, note, origin)
      SELECT t.*, 'app'::"RowOrigin" FROM unnest(
        ${b.map((r) => r.articleId)}::int[], ${b.map((r) => r.coderId)}::int[],
        ${b.map((r) => r.dimensionId)}::int[], ${b.map((r) => r.codeId)}::int[],
        ${b.map((r) => r.note)}::text[]) AS t`;
  }
}

/**
 * Creates the new articles (public codings: nobody is assigned), in batches, and counts them into
 * the article rollups (rollup_article, as the page import does), in one statement.
 */
async function createArticles(tx: Tx, plan: ImportPlan): Promise<number> {
  const targets = [
    ...new Set(plan.sources.flatMap((s) => (s.target?.newArticle ? [s.target] : []))),
  ];
  const bySlug = new Map(targets.map((t) => [t.slug, t]));
  for (let i = 0; i < targets.length; i += ARTICLE_BATCH) {
    const rows = await tx.article.createManyAndReturn({
      data: targets.slice(i, i + ARTICLE_BATCH).map((t) => {
        const { published, ...a } = t.newArticle!;
        return { ...a, publishedAt: isoDateToUtc(published), origin: "app", codingsPublic: true };
      }),
      select: { id: true, slug: true },
    });
    for (const row of rows) bySlug.get(row.slug)!.articleId = row.id;
  }
  const ids = targets.map((t) => t.articleId!);
  if (ids.length)
    await tx.$executeRaw`SELECT rollup_article(id, 1) FROM unnest(${ids}::int[]) AS id`;
  return targets.length;
}
