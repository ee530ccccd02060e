import "server-only";
import { getDb } from "../db";
import { isoDateToUtc, utcToIsoDate } from "../dates";
import type { Filters } from "../filters";
import type { Prisma } from "../../generated/prisma/client";

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

export function articleWhere(filters: Filters): Prisma.ArticleWhereInput {
  return {
    ...(filters.outlets.length ? { outlet: { slug: { in: filters.outlets } } } : {}),
    ...(filters.genres.length ? { genre: { in: filters.genres } } : {}),
    ...(filters.from || filters.to
      ? { publishedAt: { ...(filters.from ? { gte: isoDateToUtc(filters.from) } : {}), ...(filters.to ? { lte: isoDateToUtc(filters.to) } : {}) } }
      : {}),
  };
}

export const DEFAULT_ARTICLE_LIMIT = 100;
export const MAX_ARTICLE_LIMIT = 1000;

/**
 * Articles a filter covers, newest first, each with the reference coder's
 * codes summarised: `n` counts them all, `articles` holds one page of them.
 */
export async function getArticles(
  filters: Filters,
  page: { limit?: number; offset?: number } = {},
): Promise<{ n: number; limit: number; offset: number; articles: ArticleSummary[] }> {
  const db = getDb();
  const limit = page.limit ?? DEFAULT_ARTICLE_LIMIT;
  const offset = page.offset ?? 0;
  const [n, dimensions, rows] = await Promise.all([
    db.article.count({ where: articleWhere(filters) }),
    db.dimension.findMany({ orderBy: { order: "asc" }, select: { key: true, scope: true, codes: { select: { key: true }, orderBy: { order: "asc" } } } }),
    db.article.findMany({
      where: articleWhere(filters),
      orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
      take: limit,
      skip: offset,
      include: {
        outlet: { select: { slug: true, name: true, shortName: true } },
        articleCodes: { where: { coder: { key: filters.coder } }, select: { dimension: { select: { key: true } }, code: { select: { key: true } } } },
        passageCodes: { where: { coder: { key: filters.coder } }, select: { code: { select: { key: true, dimension: { select: { key: true } } } } } },
      },
    }),
  ]);
  const articles = rows.map((a) => {
    const codes: ArticleCodes = {};
    for (const d of dimensions) {
      if (d.scope === "article") {
        codes[d.key] = a.articleCodes.find((ac) => ac.dimension.key === d.key)?.code.key ?? null;
      } else {
        const present = new Set(a.passageCodes.filter((p) => p.code.dimension.key === d.key).map((p) => p.code.key));
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
