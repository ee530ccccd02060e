import "server-only";
import { cache } from "react";
import { readDb as getDb } from "../db";
import { utcToIsoDate } from "../dates";

export interface EventRow {
  key: string;
  date: string;
  label: string;
  description: string | null;
  /** Offered as "before" and "from" date presets on the dashboard. */
  preset: boolean;
  articles: { slug: string; quote: string | null }[];
}

/** Deduplicated within one request (React cache). */
export const getEvents = cache(async (): Promise<EventRow[]> => {
  const events = await getDb().event.findMany({
    orderBy: [{ date: "asc" }, { key: "asc" }],
    include: { articles: { include: { article: { select: { slug: true } } } } },
  });
  return events.map((e) => ({
    key: e.key,
    date: utcToIsoDate(e.date),
    label: e.label,
    description: e.description,
    preset: e.preset,
    articles: e.articles
      .map((ea) => ({ slug: ea.article.slug, quote: ea.quote }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
  }));
});
