import "server-only";
import { readDb as getDb } from "../db";
import { utcToIsoDate } from "../dates";
import type { Filters } from "../filters";
import { Prisma, type PassageVoice } from "../../generated/prisma/client";
import { articleScope } from "./scope";

export interface EvidencePassage {
  id: number;
  quote: string;
  start: number;
  end: number;
  note: string | null;
  /** Whose view the passage states: the article's own, one it reports, or undecidable. */
  voice: PassageVoice;
  article: {
    slug: string;
    headline: string;
    publishedAt: string;
    datePrecision: "exact" | "inferred";
    genre: string;
  };
  outlet: { slug: string; name: string };
}

/**
 * The coder's public codes (article `a`'s codings are public), in one outlet when given; `codes`
 * is the alias of passage_code or article_code.
 */
function cellConditions(
  filters: Filters,
  outlet: string | undefined,
  codes: Prisma.Sql = Prisma.sql`pc`,
): Prisma.Sql {
  const conditions = [
    Prisma.sql`a.codings_public`,
    Prisma.sql`${codes}.coder_id = (SELECT id FROM coder WHERE key = ${filters.coder})`,
  ];
  if (outlet)
    conditions.push(Prisma.sql`a.outlet_id = (SELECT id FROM outlet WHERE slug = ${outlet})`);
  return Prisma.join(conditions, " AND ");
}

/** Rows in the order of `ids` (the order the SQL chose). */
function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The passages behind one number on a chart: those coded `dimension.code` by
 * the filter's coder in the articles the filter covers (optionally one outlet).
 * For article-level dimensions (weapons, tone_gov) these are the supporting passages.
 * Passages in the article's own voice come first: a view an article merely reports
 * must not stand for the outlet ahead of what the outlet itself says.
 */
export const EVIDENCE_LIMIT = 200;

export async function getEvidence(
  filters: Filters,
  dimension: string,
  code: string,
  outlet?: string,
): Promise<{ total: number; passages: EvidencePassage[] }> {
  const matches = await getDb().$queryRaw<{ id: number; total: number }[]>(Prisma.sql`
    SELECT pc.id, count(*) OVER ()::int AS total
    FROM passage_code pc JOIN article a ON a.id = pc.article_id
    WHERE ${articleScope(filters)} AND ${cellConditions(filters, outlet)}
      AND pc.code_id = (SELECT c.id FROM code c JOIN dimension d ON d.id = c.dimension_id WHERE d.key = ${dimension} AND c.key = ${code})
    ORDER BY (pc.voice = 'own') DESC, a.published_at ASC, a.slug ASC, pc.start ASC
    LIMIT ${EVIDENCE_LIMIT}`);
  const total = matches[0]?.total ?? 0;
  const rows = inOrder(
    matches.map((m) => m.id),
    await getDb().passageCode.findMany({
      where: { id: { in: matches.map((m) => m.id) } },
      include: { article: { include: { outlet: { select: { slug: true, name: true } } } } },
    }),
  );
  const passages = rows.map((p) => ({
    id: p.id,
    quote: p.quote,
    start: p.start,
    end: p.end,
    note: p.note,
    voice: p.voice,
    article: {
      slug: p.article.slug,
      headline: p.article.headline,
      publishedAt: utcToIsoDate(p.article.publishedAt),
      datePrecision: p.article.datePrecision,
      genre: p.article.genre,
    },
    outlet: p.article.outlet,
  }));
  return { total, passages };
}

/** Articles (of the filter) whose article-level code for `dimension` is `code`, for drill-down on stance charts. */
export async function getArticlesWithCode(
  filters: Filters,
  dimension: string,
  code: string,
  outlet?: string,
) {
  const matches = await getDb().$queryRaw<{ id: number; total: number }[]>(Prisma.sql`
    SELECT ac.id, count(*) OVER ()::int AS total
    FROM article_code ac JOIN article a ON a.id = ac.article_id
    WHERE ${articleScope(filters)} AND ${cellConditions(filters, outlet, Prisma.sql`ac`)}
      AND ac.code_id = (SELECT c.id FROM code c JOIN dimension d ON d.id = c.dimension_id WHERE d.key = ${dimension} AND c.key = ${code})
    ORDER BY a.published_at ASC, a.slug ASC
    LIMIT ${EVIDENCE_LIMIT}`);
  const total = matches[0]?.total ?? 0;
  const rows = inOrder(
    matches.map((m) => m.id),
    await getDb().articleCode.findMany({
      where: { id: { in: matches.map((m) => m.id) } },
      include: { article: { include: { outlet: { select: { slug: true, name: true } } } } },
    }),
  );
  const articles = rows.map((r) => ({
    slug: r.article.slug,
    headline: r.article.headline,
    publishedAt: utcToIsoDate(r.article.publishedAt),
    outlet: r.article.outlet,
    note: r.note,
  }));
  return { total, articles };
}
