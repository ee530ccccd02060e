import "server-only";
import { cache } from "react";
import { getDb } from "../db";

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

/** Deduplicated within one request (React cache). */
export const getOutlets = cache(async (): Promise<OutletRow[]> => {
  const rows = await getDb().outlet.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { articles: true } } } });
  return rows.map(({ id: _id, _count, ...o }) => ({ ...o, articles: _count.articles }));
});
