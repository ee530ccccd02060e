import "server-only";
import { readDb as getDb } from "../db";
import { utcToIsoDate } from "../dates";
import type { Filters } from "../filters";
import { Prisma } from "../../generated/prisma/client";
import { articleScope } from "./scope";

export interface ArticleCodes {
  /** Single-valued dimensions map to a code key (or null if uncoded); many-valued ones to the codes present. */
  [dimension: string]: string | string[] | null;
}

export interface ArticleSummary {
  slug: string;
  outlet: { slug: string; name: string; shortName: string };
  headline: string;
  byline: string | null;
  genre: string;
  publishedAt: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  codes: ArticleCodes;
  passageCount: number;
}

export const DEFAULT_ARTICLE_LIMIT = 100;

/** A coder's codes on articles whose codings are public (every assigned coder is done). */
function publicCodingsOf(coder: string) {
  return { coder: { key: coder }, article: { codingsPublic: true } };
}
export const MAX_ARTICLE_LIMIT = 1000;

/**
 * Articles a filter covers, newest first, each with the reference coder's
 * codes summarised: `n` counts them all, `articles` holds one page of them.
 * Codes of an article still being coded stay private: it is listed uncoded.
 */
export async function getArticles(
  filters: Filters,
  page: { limit?: number; offset?: number } = {},
): Promise<{ n: number; limit: number; offset: number; articles: ArticleSummary[] }> {
  const db = getDb();
  const limit = page.limit ?? DEFAULT_ARTICLE_LIMIT;
  const offset = page.offset ?? 0;
  const scope = articleScope(filters);
  const [counted, listed, dimensions] = await Promise.all([
    db.$queryRaw<{ n: number }[]>(
      Prisma.sql`SELECT count(*)::int AS n FROM article a WHERE ${scope}`,
    ),
    db.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT a.id FROM article a WHERE ${scope}
      ORDER BY a.published_at DESC, a.slug ASC LIMIT ${limit} OFFSET ${offset}`),
    db.dimension.findMany({
      orderBy: { order: "asc" },
      select: {
        key: true,
        scope: true,
        codes: { select: { key: true }, orderBy: { order: "asc" } },
      },
    }),
  ]);
  const n = counted[0].n;
  const ids = listed.map((r) => r.id);
  const found = await db.article.findMany({
    where: { id: { in: ids } },
    include: {
      outlet: { select: { slug: true, name: true, shortName: true } },
      articleCodes: {
        where: publicCodingsOf(filters.coder),
        select: { dimension: { select: { key: true } }, code: { select: { key: true } } },
      },
      passageCodes: {
        where: publicCodingsOf(filters.coder),
        select: { code: { select: { key: true, dimension: { select: { key: true } } } } },
      },
    },
  });
  const byId = new Map(found.map((a) => [a.id, a]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const articles = rows.map((a) => {
    const codes: ArticleCodes = {};
    for (const d of dimensions) {
      if (d.scope === "article") {
        codes[d.key] = a.articleCodes.find((ac) => ac.dimension.key === d.key)?.code.key ?? null;
      } else {
        const present = new Set(
          a.passageCodes.filter((p) => p.code.dimension.key === d.key).map((p) => p.code.key),
        );
        codes[d.key] = d.codes.map((c) => c.key).filter((k) => present.has(k));
      }
    }
    return {
      slug: a.slug,
      outlet: a.outlet,
      headline: a.headline,
      byline: a.byline,
      genre: a.genre,
      publishedAt: utcToIsoDate(a.publishedAt),
      datePrecision: a.datePrecision,
      dateReason: a.dateReason,
      codes,
      passageCount: a.passageCodes.length,
    };
  });
  return { n, limit, offset, articles };
}

/**
 * The most recent articles of a filter for the dashboard's list and timeline:
 * only their article-level codes (weapons, tone_gov) and passage counts, which
 * is all those show. Only the articles the charts count (their n): those with
 * public article-level codes by the filter's coder. One SQL statement that
 * reads the newest rows through the date index and looks up codes per listed
 * article, so it stays fast on a large corpus.
 */
export async function getRecentArticles(
  filters: Filters,
  limit: number,
): Promise<ArticleSummary[]> {
  const rows = await getDb().$queryRaw<
    {
      slug: string;
      headline: string;
      byline: string | null;
      genre: string;
      published_at: Date;
      date_precision: "exact" | "inferred";
      date_reason: string | null;
      outlet_slug: string;
      outlet_name: string;
      outlet_short_name: string;
      passage_count: number;
      codes: Record<string, string> | null;
    }[]
  >(Prisma.sql`
    WITH k AS (SELECT id FROM coder WHERE key = ${filters.coder}),
    recent AS (
      SELECT a.id, a.slug, a.headline, a.byline, a.genre::text AS genre, a.published_at, a.date_precision::text AS date_precision, a.date_reason,
             o.slug AS outlet_slug, o.name AS outlet_name, o.short_name AS outlet_short_name
      FROM article a JOIN outlet o ON o.id = a.outlet_id
      WHERE ${articleScope(filters)} AND a.codings_public
        AND EXISTS (SELECT 1 FROM article_code ac
                    WHERE ac.article_id = a.id AND ac.coder_id IN (SELECT id FROM k))
      ORDER BY a.published_at DESC, a.slug ASC
      LIMIT ${limit}
    )
    SELECT r.*,
      (SELECT count(*) FROM passage_code pc WHERE pc.article_id = r.id AND pc.coder_id IN (SELECT id FROM k))::int AS passage_count,
      (SELECT json_object_agg(d.key, c.key) FROM article_code ac JOIN dimension d ON d.id = ac.dimension_id JOIN code c ON c.id = ac.code_id
        WHERE ac.article_id = r.id AND ac.coder_id IN (SELECT id FROM k)) AS codes
    FROM recent r
    ORDER BY r.published_at DESC, r.slug ASC`);
  return rows.map((a) => ({
    slug: a.slug,
    outlet: { slug: a.outlet_slug, name: a.outlet_name, shortName: a.outlet_short_name },
    headline: a.headline,
    byline: a.byline,
    genre: a.genre,
    publishedAt: utcToIsoDate(a.published_at),
    datePrecision: a.date_precision,
    dateReason: a.date_reason,
    codes: a.codes ?? {},
    passageCount: a.passage_count,
  }));
}
