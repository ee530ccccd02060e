import type { ReactNode } from "react";

/** One chart: its question, what it counts, its n per outlet, the chart, and the same numbers as a table. */
export function Figure({
  id,
  title,
  counts,
  n,
  controls,
  chart,
  table,
}: {
  id: string;
  title: string;
  counts: string;
  n: string;
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="chart" data-chart={id} id={id} aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="chart-meta">
          <span data-testid="counts">{counts}</span> · <span data-testid="n">{n}</span>
        </p>
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
