import type { Filters } from "@/app/lib/filter-query";

/** The export endpoints the dashboard offers, with what each file holds. */
const EXPORTS = [
  {
    key: "qdpx",
    path: "/api/v1/export/project.qdpx",
    label: "REFI-QDA project (.qdpx)",
    hint: "for ATLAS.ti, MAXQDA, NVivo, QualCoder",
  },
  {
    key: "passages",
    path: "/api/v1/export/passages.csv",
    label: "Passages (CSV)",
    hint: "one row per coded passage",
  },
  {
    key: "articles",
    path: "/api/v1/export/articles.csv",
    label: "Articles (CSV)",
    hint: "one row per article and coder, a 0/1 column per code",
  },
] as const;

/**
 * The export query of a dashboard view: its article filters, and `coder` only when the page's
 * URL names one (otherwise every coder with public codings is exported).
 */
export function exportQuery(filters: Filters, namedCoder: string | null): string {
  const q = new URLSearchParams();
  if (filters.outlets.length) q.set("outlets", [...filters.outlets].sort().join(","));
  if (filters.genres.length) q.set("genres", filters.genres.join(","));
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  if (namedCoder) q.set("coder", namedCoder);
  const s = q.toString().replace(/%2C/g, ",");
  return s ? `?${s}` : "";
}

/**
 * Downloads of the current view's articles and codings: plain links rendered on the server, so
 * they work without JavaScript and follow every filter change (each is a new page render).
 */
export function ExportLinks({
  filters,
  namedCoder,
}: {
  filters: Filters;
  namedCoder: string | null;
}) {
  const query = exportQuery(filters, namedCoder);
  return (
    <nav className="export-links" aria-labelledby="export-title">
      <span id="export-title" className="export-title">
        Export
      </span>
      <ul>
        {EXPORTS.map((e) => (
          <li key={e.key}>
            <a href={`${e.path}${query}`} download data-export={e.key} title={e.hint}>
              {e.label}
            </a>
          </li>
        ))}
      </ul>
      <span className="export-scope">
        {namedCoder ? `coded by ${namedCoder}` : "every coder"}, public codings only
      </span>
    </nav>
  );
}
