"use client";
import { useMemo, useRef } from "react";
import type { Chart, ChartData, ChartOptions } from "chart.js";
import { Scatter } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { pickHandlers } from "./pick";
import { chartHeight } from "./sizes";
import type { CodeInfo, CountRow, OutletInfo, ViewContext, ChartContext } from "./types";
import { panelKey, useDrillDown } from "./use-drill-down";
import { toneMeans } from "./tone-means";

/** A dot: one tone in one outlet (y is the outlet's row). */
interface ToneDot {
  x: number;
  y: number;
  row: CountRow;
}

/** An outlet's mean tone over its n articles. */
interface ToneMean {
  x: number;
  y: number;
  n: number;
}

/**
 * Tone toward Seoul's handling on −2…+2: per outlet, a dot for each tone with
 * its number of articles (area grows with the count), and the outlet mean.
 */
export function ToneChart({
  id,
  dimension,
  outlets,
  codes,
  rows,
  view,
  context,
}: {
  id: string;
  dimension: string;
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  view: ViewContext;
  /** Title, takeaway, n, filters, coder and source, carried into the PNG export. */
  context: ChartContext;
}) {
  const chart = useRef<Chart<"scatter", (ToneDot | ToneMean)[]> | null>(null);
  const drill = useDrillDown(view);
  const codeBy = useMemo(() => new Map(codes.map((c) => [c.key, c])), [codes]);
  const dots = useMemo<ToneDot[]>(() => {
    const row = new Map(outlets.map((o, i) => [o.slug, i]));
    return rows
      .filter((r) => r.count > 0 && row.has(r.outlet))
      .map((r) => ({ x: codeBy.get(r.code)?.value ?? 0, y: row.get(r.outlet)!, row: r }));
  }, [outlets, codeBy, rows]);

  const data = useMemo<ChartData<"scatter", (ToneDot | ToneMean)[]>>(() => {
    const maxCount = Math.max(1, ...dots.map((d) => d.row.count));
    const means = toneMeans(outlets, codes, rows);
    return {
      datasets: [
        {
          label: "Articles with this tone (area ∝ count)",
          data: dots,
          pointRadius: dots.map((d) => 6 + 12 * Math.sqrt(d.row.count / maxCount)),
          pointHoverRadius: dots.map((d) => 8 + 12 * Math.sqrt(d.row.count / maxCount)),
          backgroundColor: dots.map((d) => codeBy.get(d.row.code)?.colour ?? "#888"),
          borderColor: "#333",
          borderWidth: 1,
        },
        {
          label: "Outlet mean",
          data: outlets.flatMap((o, i) => {
            const m = means.get(o.slug);
            return m ? [{ x: m.mean, y: i, n: m.n }] : [];
          }),
          pointStyle: "line",
          pointRadius: 16,
          pointHoverRadius: 16,
          rotation: 90,
          borderColor: "#111",
          borderWidth: 3,
          backgroundColor: "#111",
        },
      ],
    };
  }, [outlets, codes, codeBy, rows, dots]);

  const options = useMemo<ChartOptions<"scatter">>(
    () => ({
      maintainAspectRatio: false,
      scales: {
        x: {
          min: -2.5,
          max: 2.5,
          ticks: {
            stepSize: 1,
            callback: (v) => codes.find((c) => c.value === Number(v))?.label ?? "",
          },
          title: {
            display: true,
            text: "tone toward the Seoul government's handling (−2 critical … +2 supportive)",
          },
        },
        y: {
          min: -0.6,
          max: outlets.length - 0.4,
          reverse: true,
          ticks: {
            stepSize: 1,
            callback: (v) =>
              Number.isInteger(Number(v))
                ? `${outlets[Number(v)]?.shortName ?? ""} (n=${outlets[Number(v)]?.n.articles ?? 0})`
                : "",
          },
          grid: { display: false },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              if (ctx.datasetIndex === 1) {
                const m = ctx.raw as ToneMean;
                return `mean ${m.x.toFixed(2)} over ${m.n} article${m.n === 1 ? "" : "s"}`;
              }
              const { row } = ctx.raw as ToneDot;
              const o = outlets.find((x) => x.slug === row.outlet);
              const c = codeBy.get(row.code);
              return `${c?.label} (${(c?.value ?? 0) > 0 ? "+" : ""}${c?.value}): ${row.count} of ${o?.n.articles ?? 0} articles`;
            },
          },
        },
      },
      ...pickHandlers((datasetIndex, index) => {
        if (datasetIndex !== 0) return;
        const { row } = dots[index];
        drill(panelKey(dimension, row.code, row.outlet));
      }),
    }),
    [outlets, codes, codeBy, dots, drill, dimension],
  );

  return (
    <>
      <div className="chart-canvas" style={{ height: chartHeight.tone(outlets.length) }}>
        <Scatter
          ref={chart}
          data={data}
          options={options}
          updateMode="none"
          aria-label="Tone of the articles toward the Seoul government's handling, from −2 critical to +2 supportive, per outlet, with outlet means. The table below has the numbers."
        />
      </div>
      <ChartDownloads
        chart={chart}
        context={context}
        name={`framescope-${id}`}
        csv={() => ({
          header: ["outlet", dimension, "value", "articles", "n_articles"],
          rows: rows.map((r) => [
            r.outlet,
            r.code,
            codeBy.get(r.code)?.value ?? null,
            r.count,
            outlets.find((o) => o.slug === r.outlet)?.n.articles ?? 0,
          ]),
        })}
      />
    </>
  );
}
