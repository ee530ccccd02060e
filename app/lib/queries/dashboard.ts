import "server-only";
import type { Filters } from "../filters";
import { getRecentArticles, type ArticleSummary } from "./articles";
import { getCodebook, type CodebookDimension } from "./codebook";
import { getEvents, type EventRow } from "./events";
import { getFrameCounts, type FrameCounts } from "./frames";
import { getOutlets, type OutletRow } from "./outlets";

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
  ties: FrameCounts;
  weapons: FrameCounts;
  remedy: FrameCounts;
  blame: FrameCounts;
  generic: FrameCounts;
  tone: FrameCounts;
}

/** Everything the dashboard draws for one filter, fetched in parallel. */
export async function getDashboard(filters: Filters): Promise<DashboardData> {
  const [articles, outlets, codebook, events, ties, weapons, remedy, blame, generic, tone] = await Promise.all([
    getRecentArticles(filters, DASHBOARD_ARTICLE_LIMIT),
    getOutlets(),
    getCodebook(),
    getEvents(),
    getFrameCounts(filters, "ties", filters.unit),
    getFrameCounts(filters, "weapons", "articles"),
    getFrameCounts(filters, "remedy", filters.unit),
    getFrameCounts(filters, "blame", filters.unit),
    getFrameCounts(filters, "generic", "articles"),
    getFrameCounts(filters, "tone_gov", "articles"),
  ]);
  // n.articles of any aggregate counts every article the filter covers (article rollups).
  const articleTotal = Object.values(weapons.n).reduce((sum, o) => sum + o.articles, 0);
  return { articles, articleTotal, outlets, codebook, events, ties, weapons, remedy, blame, generic, tone };
}
