import "server-only";
import type { Filters } from "../filters";
import { getArticles, type ArticleSummary } from "./articles";
import { getCodebook, type CodebookDimension } from "./codebook";
import { getEvents, type EventRow } from "./events";
import { getFrameCounts, type FrameCounts } from "./frames";
import { getOutlets, type OutletRow } from "./outlets";

export interface DashboardData {
  articles: ArticleSummary[];
  outlets: OutletRow[];
  codebook: CodebookDimension[];
  events: EventRow[];
  ties: FrameCounts;
  weapons: FrameCounts;
  remedy: FrameCounts;
  blame: FrameCounts;
  generic: FrameCounts;
}

/** Everything the dashboard draws for one filter, fetched in parallel. */
export async function getDashboard(filters: Filters): Promise<DashboardData> {
  const [articles, outlets, codebook, events, ties, weapons, remedy, blame, generic] = await Promise.all([
    getArticles(filters),
    getOutlets(),
    getCodebook(),
    getEvents(),
    getFrameCounts(filters, "ties", filters.unit),
    getFrameCounts(filters, "weapons", "articles"),
    getFrameCounts(filters, "remedy", filters.unit),
    getFrameCounts(filters, "blame", filters.unit),
    getFrameCounts(filters, "generic", "articles"),
  ]);
  return { articles: articles.articles, outlets, codebook, events, ties, weapons, remedy, blame, generic };
}
