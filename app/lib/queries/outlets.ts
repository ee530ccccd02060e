import "server-only";
import { cache } from "react";
import { readDb as getDb } from "../db";

export interface OutletRow {
  slug: string;
  name: string;
  shortName: string;
  country: string;
  language: string;
  kind: string;
  orientation: string | null;
  orientationSource: string | null;
  url: string | null;
  articles: number;
}

/** Every outlet with its number of articles (from the article rollups). Deduplicated within one request (React cache). */
export const getOutlets = cache(async (): Promise<OutletRow[]> => {
  const db = getDb();
  const [rows, counts] = await Promise.all([
    db.outlet.findMany({ orderBy: { name: "asc" } }),
    db.articleRollupMonth.groupBy({ by: ["outletId"], _sum: { articles: true } }),
  ]);
  const articles = new Map(counts.map((c) => [c.outletId, c._sum.articles ?? 0]));
  return rows.map(({ id, synthetic: _synthetic, ...o }) => ({
    ...o,
    articles: articles.get(id) ?? 0,
  }));
});
