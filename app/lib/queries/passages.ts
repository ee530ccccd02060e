import "server-only";
import { getDb } from "../db";
import { utcToIsoDate } from "../dates";
import type { Filters } from "../filters";
import { articleWhere } from "./articles";

export interface EvidencePassage {
  id: number;
  quote: string;
  start: number;
  end: number;
  note: string | null;
  article: { slug: string; headline: string; publishedAt: string; datePrecision: "exact" | "inferred"; genre: string };
  outlet: { slug: string; name: string };
}

/**
 * The passages behind one number on a chart: those coded `dimension.code` by
 * the filter's coder in the articles the filter covers (optionally one outlet).
 * For article-level dimensions (weapons, tone_gov) these are the supporting passages.
 */
export const EVIDENCE_LIMIT = 200;

export async function getEvidence(filters: Filters, dimension: string, code: string, outlet?: string): Promise<{ total: number; passages: EvidencePassage[] }> {
  const where = {
    coder: { key: filters.coder },
    code: { key: code, dimension: { key: dimension } },
    article: { ...articleWhere(filters), ...(outlet ? { outlet: { slug: outlet } } : {}) },
  };
  const [total, rows] = await Promise.all([
    getDb().passageCode.count({ where }),
    getDb().passageCode.findMany({
      where,
      orderBy: [{ article: { publishedAt: "asc" } }, { article: { slug: "asc" } }, { start: "asc" }],
      take: EVIDENCE_LIMIT,
      include: { article: { include: { outlet: { select: { slug: true, name: true } } } } },
    }),
  ]);
  const passages = rows.map((p) => ({
    id: p.id,
    quote: p.quote,
    start: p.start,
    end: p.end,
    note: p.note,
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
export async function getArticlesWithCode(filters: Filters, dimension: string, code: string, outlet?: string) {
  const where = {
    coder: { key: filters.coder },
    dimension: { key: dimension },
    code: { key: code },
    article: { ...articleWhere(filters), ...(outlet ? { outlet: { slug: outlet } } : {}) },
  };
  const [total, rows] = await Promise.all([
    getDb().articleCode.count({ where }),
    getDb().articleCode.findMany({
      where,
      orderBy: { article: { publishedAt: "asc" } },
      take: EVIDENCE_LIMIT,
      include: { article: { include: { outlet: { select: { slug: true, name: true } } } } },
    }),
  ]);
  const articles = rows.map((r) => ({
    slug: r.article.slug,
    headline: r.article.headline,
    publishedAt: utcToIsoDate(r.article.publishedAt),
    outlet: r.article.outlet,
    note: r.note,
  }));
  return { total, articles };
}
