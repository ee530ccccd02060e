import "server-only";
import type { Actor } from "../auth/actor";
import { utcToIsoDate } from "../dates";
import { getDb } from "../db";
import { isPossibleSlug } from "../params";
import { type ArticleCodesView, readArticleCodes } from "./article-codes";
import { articleDimensions, loadCodebook } from "./codebook";
import { type PassageView, toPassageView } from "./passages";
import { noArticle } from "./transaction";
import { assertMayRead, resolveCoder } from "./visibility";

export interface CodingView {
  article: string;
  coder: string;
  version: number;
  assignment: { assignedAt: Date; doneAt: Date | null } | null;
  articlePublic: boolean;
  passages: PassageView[];
  articleCodes: ArticleCodesView;
}

async function readableArticle(actor: Actor, slug: string, coderParam: string) {
  const db = getDb();
  if (!isPossibleSlug(slug)) throw noArticle(slug);
  const article = await db.article.findUnique({
    where: { slug },
    select: { id: true, slug: true, codingsPublic: true },
  });
  if (!article) throw noArticle(slug);
  const coder = await resolveCoder(db, actor, coderParam);
  assertMayRead(actor, coder, article);
  return { article, coder };
}

/**
 * GET …/codings?coder=me|KEY: one coder's coding of an article with its version (0 before the
 * first write), under the blind rule.
 */
export async function getCodings(
  actor: Actor,
  slug: string,
  coderParam: string,
): Promise<CodingView> {
  const { article, coder } = await readableArticle(actor, slug, coderParam);
  const db = getDb();
  const [assignment, rows, articleCodes, codebook] = await Promise.all([
    db.assignment.findUnique({
      where: { articleId_coderId: { articleId: article.id, coderId: coder.id } },
      select: { assignedAt: true, doneAt: true, version: true },
    }),
    db.passageCode.findMany({
      where: { articleId: article.id, coderId: coder.id },
      orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
      select: {
        id: true,
        articleId: true,
        coderId: true,
        codeId: true,
        start: true,
        end: true,
        quote: true,
        note: true,
        voice: true,
      },
    }),
    readArticleCodes(db, article.id, coder.id),
    loadCodebook(db),
  ]);
  return {
    article: article.slug,
    coder: coder.key,
    version: assignment?.version ?? 0,
    assignment: assignment
      ? { assignedAt: assignment.assignedAt, doneAt: assignment.doneAt }
      : null,
    articlePublic: article.codingsPublic,
    passages: rows.map((r) => toPassageView(codebook, r)),
    articleCodes,
  };
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  passageId: number | null;
  before: unknown;
  after: unknown;
  version: number;
  /** The name of the account that wrote it (null once that account is gone). */
  by: string | null;
}

export const HISTORY_LIMIT = 500;

/** GET …/history?coder=me|KEY: the coding's writes, newest first, under the blind rule. */
export async function getHistory(
  actor: Actor,
  slug: string,
  coderParam: string,
): Promise<{ entries: HistoryEntry[] }> {
  const { article, coder } = await readableArticle(actor, slug, coderParam);
  const rows = await getDb().codingHistory.findMany({
    where: { articleId: article.id, coderId: coder.id },
    orderBy: { id: "desc" },
    take: HISTORY_LIMIT,
    include: { user: { select: { name: true } } },
  });
  return {
    entries: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      action: r.action,
      passageId: r.passageId,
      before: r.before,
      after: r.after,
      version: r.version,
      by: r.user?.name ?? null,
    })),
  };
}

export interface MyAssignment {
  article: { slug: string; headline: string; outlet: string; publishedAt: string };
  assignedAt: Date;
  doneAt: Date | null;
  version: number;
  progress: { passages: number; articleCodes: Record<string, boolean>; done: boolean };
}

/** GET /me/assignments: the actor's assignments, in progress first, newest first. */
export async function listMyAssignments(actor: Actor): Promise<{ assignments: MyAssignment[] }> {
  if (actor.coderId === null) return { assignments: [] };
  const db = getDb();
  const [rows, codebook] = await Promise.all([
    db.$queryRaw<
      {
        slug: string;
        headline: string;
        outlet: string;
        published_at: Date;
        assigned_at: Date;
        done_at: Date | null;
        version: number;
        passages: number;
        dimensions: number[];
      }[]
    >`
      SELECT a.slug, a.headline, o.name AS outlet, a.published_at, s.assigned_at, s.done_at,
             s.version,
             (SELECT count(*)::int FROM "passage_code" p
               WHERE p.article_id = s.article_id AND p.coder_id = s.coder_id) AS passages,
             ARRAY(SELECT ac.dimension_id FROM "article_code" ac
               WHERE ac.article_id = s.article_id AND ac.coder_id = s.coder_id) AS dimensions
      FROM "assignment" s
      JOIN "article" a ON a.id = s.article_id
      JOIN "outlet" o ON o.id = a.outlet_id
      WHERE s.coder_id = ${actor.coderId}
      ORDER BY s.done_at IS NOT NULL, s.assigned_at DESC, a.id`,
    loadCodebook(db),
  ]);
  const dims = articleDimensions(codebook);
  return {
    assignments: rows.map((r) => ({
      article: {
        slug: r.slug,
        headline: r.headline,
        outlet: r.outlet,
        publishedAt: utcToIsoDate(r.published_at),
      },
      assignedAt: r.assigned_at,
      doneAt: r.done_at,
      version: r.version,
      progress: {
        passages: r.passages,
        articleCodes: Object.fromEntries(dims.map((d) => [d.key, r.dimensions.includes(d.id)])),
        done: r.done_at !== null,
      },
    })),
  };
}
