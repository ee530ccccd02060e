import Link from "next/link";
import { formatShare, plural } from "@/app/lib/shares";
import { toQueryString } from "@/app/lib/filters";
import type { CodeInfo, CountRow, OutletInfo, ViewContext } from "../charts/types";
import { panelKey } from "@/app/lib/panel-key";

/**
 * The numbers behind a chart: outlets × codes, each cell "count (share)",
 * linking to the passages behind it. Always in the HTML, for screen readers
 * and for copying.
 */
export function CountTable({
  dimension,
  unit,
  outlets,
  codes,
  rows,
  view,
  extra,
  panel,
}: {
  /** One more column after the codes, e.g. the mean tone per outlet. */
  extra?: { header: string; values: Record<string, string> };
  /** The open evidence panel's key: its cell is marked as the current one. */
  panel?: string;
  dimension: string;
  unit: "passages" | "articles";
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  view: ViewContext;
}) {
  const byKey = new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r]));
  return (
    <div className="table-scroll">
      <table data-unit={unit}>
        <caption className="sr-only">
          {dimension}: count and share of {unit} per outlet
        </caption>
        <thead>
          <tr>
            <th scope="col">Outlet</th>
            <th scope="col">n</th>
            {codes.map((c) => (
              <th scope="col" key={c.key} data-code={c.key}>
                <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                {c.label}
              </th>
            ))}
            {extra && <th scope="col">{extra.header}</th>}
          </tr>
        </thead>
        <tbody>
          {outlets.map((o) => (
            <tr key={o.slug} data-outlet={o.slug}>
              <th scope="row">
                <span className="outlet-name">{o.name}</span>
                {o.small && (
                  <span className="small-sample" data-testid="small-sample">
                    {" "}
                    small sample
                  </span>
                )}
              </th>
              <td data-n>
                {unit === "passages"
                  ? `${plural(o.n.articles, "article")} (${plural(o.n.passages, "passage")})`
                  : plural(o.n.articles, "article")}
              </td>
              {codes.map((c) => {
                const r = byKey.get(`${o.slug}\0${c.key}`);
                const count = r?.count ?? 0;
                return (
                  <td
                    key={c.key}
                    data-code={c.key}
                    data-count={count}
                    data-share={r?.share ?? ""}
                    aria-current={panel === panelKey(dimension, c.key, o.slug) ? "true" : undefined}
                  >
                    {count > 0 ? (
                      <Link
                        href={`/${toQueryString(view.filters, view, { panel: panelKey(dimension, c.key, o.slug) })}#evidence`}
                        scroll={false}
                      >
                        {count}{" "}
                        <span className="pct">({formatShare(r?.share ?? null, o.n.articles)})</span>
                      </Link>
                    ) : (
                      <>
                        0{" "}
                        <span className="pct">({formatShare(r?.share ?? null, o.n.articles)})</span>
                      </>
                    )}
                  </td>
                );
              })}
              {extra && <td data-extra>{extra.values[o.slug]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
