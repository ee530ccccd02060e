import type { ReactNode } from "react";

/**
 * One chart: its question, its finding, what it counts, its n per outlet, who
 * coded it and how reliably (the agreement badge), the chart, and the same numbers as a table.
 */
export function Figure({
  id,
  title,
  takeaway,
  counts,
  n,
  coder,
  agreement,
  controls,
  chart,
  table,
}: {
  id: string;
  title: string;
  /** The finding, computed from the numbers shown. */
  takeaway: string;
  counts: string;
  n: string;
  /** Who coded: "coded by FS-1". */
  coder: string;
  /** The agreement badge (streamed in; its line is reserved). */
  agreement?: ReactNode;
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="chart" data-chart={id} id={id} aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="chart-takeaway" data-testid="takeaway">
          {takeaway}
        </p>
        <p className="chart-meta">
          <span data-testid="counts">{counts}</span> · <span data-testid="n">{n}</span> ·{" "}
          <span data-testid="coder">{coder}</span>
        </p>
        {agreement}
        {controls}
      </figcaption>
      {chart}
      <details className="chart-table">
        <summary>Table</summary>
        {table}
      </details>
    </figure>
  );
}
