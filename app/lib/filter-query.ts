/**
 * Filters as plain data and their canonical query string: what client
 * components need, without the parser (and its validation library).
 */

export const GENRES = ["editorial", "column", "news_analysis", "news_report"] as const;
export type Genre = (typeof GENRES)[number];
export const GENRE_LABEL: Record<string, string> = {
  editorial: "Editorial",
  column: "Column",
  news_analysis: "News analysis",
  news_report: "News report",
};
export const UNITS = ["passages", "articles"] as const;
export type Unit = (typeof UNITS)[number];

export interface Filters {
  outlets: string[]; // empty = all
  genres: Genre[]; // empty = all
  from: string | null;
  to: string | null;
  coder: string; // one reference coder, never a silent mix
  unit: Unit;
}

export type Params = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads a query as name → all values, from URLSearchParams or Next.js searchParams. */
export function toEntries(params: Params): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) out.set(k, [...(out.get(k) ?? []), v]);
  } else {
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      out.set(k, Array.isArray(v) ? v : [v]);
    }
  }
  return out;
}

/**
 * The canonical query string for Filters (plus extra page parameters): fixed
 * parameter order, sorted lists, defaults left out, so one view has one URL.
 */
export function toQueryString(
  filters: Filters,
  vocab: { defaultCoder: string },
  extra: Record<string, string | null | undefined> = {},
): string {
  const q = new URLSearchParams();
  if (filters.outlets.length) q.set("outlets", [...filters.outlets].sort().join(","));
  if (filters.genres.length)
    q.set("genres", GENRES.filter((g) => filters.genres.includes(g)).join(","));
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  if (filters.coder !== vocab.defaultCoder) q.set("coder", filters.coder);
  if (filters.unit !== "passages") q.set("unit", filters.unit);
  for (const key of Object.keys(extra).sort()) {
    const v = extra[key];
    if (v) q.set(key, v);
  }
  const s = q.toString().replace(/%2C/g, ",");
  return s ? `?${s}` : "";
}

/** The articles a filter covers, in words: "hankyoreh · editorial · from 2024-01-01". */
export function describeScope(
  filters: Pick<Filters, "outlets" | "genres" | "from" | "to">,
): string {
  const { from, to } = filters;
  const dates =
    from && to ? `${from} to ${to}` : from ? `from ${from}` : to ? `until ${to}` : "all dates";
  return [
    filters.outlets.length ? filters.outlets.join(", ") : "all outlets",
    filters.genres.length
      ? filters.genres.map((g) => GENRE_LABEL[g].toLowerCase()).join(", ")
      : "all genres",
    dates,
  ].join(" · ");
}

/** The one-line description of a filter, for titles, descriptions and link previews. */
export function describeFilters(filters: Filters): string {
  return `${describeScope(filters)} · coder ${filters.coder}`;
}
