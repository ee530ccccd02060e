import "server-only";
import { cache } from "react";
import { chartUnit, DASHBOARD_CHARTS } from "../charts";
import type { Filters } from "../filters";
import { dataVersion, VersionedCache } from "../versioned-cache";
import { getRecentArticles, type ArticleSummary } from "./articles";
import { getCodebook, type CodebookDimension } from "./codebook";
import { getCoders, type CoderInfo } from "./coders";
import { getEvents, type EventRow } from "./events";
import { getFrameCounts, type FrameCounts } from "./frames";
import { getOutlets, type OutletRow } from "./outlets";
import { getVocabulary } from "./vocabulary";

/** Articles listed on the dashboard (table and timeline); the charts count them all. */
export const DASHBOARD_ARTICLE_LIMIT = 300;

export interface DashboardData {
  /** The most recent DASHBOARD_ARTICLE_LIMIT articles of the filter. */
  articles: ArticleSummary[];
  /** How many articles the filter covers. */
  articleTotal: number;
  outlets: OutletRow[];
  codebook: CodebookDimension[];
  events: EventRow[];
  /** Each chart's counts, by chart key (DASHBOARD_CHARTS). */
  counts: Record<string, FrameCounts>;
}

/** Filters that show the same data give the same key: lists sorted, absent dates null. */
export function dashboardKey(filters: Filters): string {
  return JSON.stringify([
    [...filters.outlets].sort(),
    [...filters.genres].sort(),
    filters.from ?? null,
    filters.to ?? null,
    filters.coder,
    filters.unit,
  ]);
}

/*
 * Kept per filter until the data version changes (any seed, import or coding write raises it), so
 * a write shows at the next request; computed on the standby only once it has replayed that
 * version (versioned-cache.ts). Each entry holds at most DASHBOARD_ARTICLE_LIMIT articles.
 */
const dashboardCache = new VersionedCache<DashboardData>(100);

/**
 * Everything the dashboard draws for one filter, cached per filter (dashboardKey) under the data
 * version. The value is shared between requests: callers must not change it.
 */
export function getDashboard(filters: Filters, version?: bigint): Promise<DashboardData> {
  return dashboardCache.get(dashboardKey(filters), () => computeDashboard(filters), version);
}

/** The data version a request works at: read once on the primary, shared by the page and its metadata. */
export const requestVersion = cache((): Promise<bigint> => dataVersion());

type PageVocabulary = Awaited<ReturnType<typeof getVocabulary>>;
const vocabularyCache = new VersionedCache<PageVocabulary>(1);
const codersCache = new VersionedCache<CoderInfo[]>(1);

/**
 * The names a filter may use (getVocabulary), kept until the data version changes: a coder,
 * outlet, dimension or setting added or changed raises it, so it is valid at the next request.
 */
export function cachedVocabulary(version: bigint): Promise<PageVocabulary> {
  return vocabularyCache.get("vocabulary", () => getVocabulary(), version);
}

/** Everyone who has coded (getCoders), kept until the data version changes. */
export function cachedCoders(version: bigint): Promise<CoderInfo[]> {
  return codersCache.get("coders", () => getCoders(), version);
}

const frameCountsCache = new VersionedCache<FrameCounts>(500);

/**
 * One dimension's counts for a filter (getFrameCounts, what GET /api/v1/frames answers), cached
 * per filter, dimension and unit under the data version like the dashboard.
 */
export function cachedFrameCounts(
  filters: Filters,
  dimension: string,
  unit: Filters["unit"] = filters.unit,
): Promise<FrameCounts> {
  return frameCountsCache.get(`${dashboardKey(filters)}|${dimension}|${unit}`, () =>
    getFrameCounts(filters, dimension, unit),
  );
}

/** Drops every cached dashboard (tests that compare where a computation ran). */
export function clearDashboardCache(): void {
  dashboardCache.clear();
  vocabularyCache.clear();
  codersCache.clear();
  frameCountsCache.clear();
}

/** Everything the dashboard draws for one filter, fetched in parallel; charts that count the same thing share one query. */
async function computeDashboard(filters: Filters): Promise<DashboardData> {
  const queries = new Map<string, Promise<FrameCounts>>();
  const countsOf = (dimension: string, unit: Filters["unit"]) => {
    const key = `${dimension}/${unit}`;
    if (!queries.has(key)) queries.set(key, getFrameCounts(filters, dimension, unit));
    return queries.get(key)!;
  };
  const charts = DASHBOARD_CHARTS.map(
    async (c) => [c.key, await countsOf(c.dimension, chartUnit(c, filters.unit))] as const,
  );
  const [articles, outlets, codebook, events, counts] = await Promise.all([
    getRecentArticles(filters, DASHBOARD_ARTICLE_LIMIT),
    getOutlets(),
    getCodebook(),
    getEvents(),
    Promise.all(charts).then(Object.fromEntries<FrameCounts>),
  ]);
  // n.articles of any aggregate counts every article the filter covers (article rollups).
  const anyCounts: FrameCounts | undefined = Object.values(counts)[0];
  const articleTotal = Object.values(anyCounts?.n ?? {}).reduce((sum, o) => sum + o.articles, 0);
  return { articles, articleTotal, outlets, codebook, events, counts };
}
