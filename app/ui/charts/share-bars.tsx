"use client";
import { useMemo, useRef } from "react";
import type { Chart, ChartData, ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { pickHandlers } from "./pick";
import { chartHeight } from "./sizes";
import type { CodeInfo, CountRow, OutletInfo, ViewContext, ChartContext } from "./types";
import { panelKey, useDrillDown } from "./use-drill-down";

export interface ShareBarsProps {
  id: string;
  dimension: string;
  title: string;
  unit: "passages" | "articles";
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  view: ViewContext;
  /** Title, takeaway, n, filters, coder and source, carried into the PNG export. */
  context: ChartContext;
  /** "stacked": 100 % stacked bars per outlet; "grouped": one bar per code within each outlet. */
  layout: "stacked" | "grouped";
}

function outletLabel(o: OutletInfo, unit: "passages" | "articles"): string {
  return unit === "passages"
    ? `${o.shortName} (n=${o.n.passages} passages, ${o.n.articles} art.)`
    : `${o.shortName} (n=${o.n.articles} articles)`;
}

/** Shares of each code per outlet, as 100 % stacked or grouped horizontal bars; a click opens the evidence. */
export function ShareBars({
  id,
  dimension,
  title,
  unit,
  outlets,
  codes,
  rows,
  view,
  layout,
  context,
}: ShareBarsProps) {
  const chart = useRef<Chart<"bar"> | null>(null);
  const drill = useDrillDown(view);
  const byKey = useMemo(() => new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r])), [rows]);
  const stacked = layout === "stacked";

  const data = useMemo<ChartData<"bar">>(
    () => ({
      labels: outlets.map((o) => outletLabel(o, unit)),
      datasets: codes.map((c) => ({
        label: c.label,
        backgroundColor: c.colour,
        borderColor: "#fff",
        borderWidth: stacked ? 1 : 0,
        data: outlets.map((o) => {
          const share = byKey.get(`${o.slug}\0${c.key}`)?.share;
          return share == null ? 0 : Math.round(share * 1000) / 10;
        }),
      })),
    }),
    [outlets, codes, byKey, unit, stacked],
  );

  const options = useMemo<ChartOptions<"bar">>(
    () => ({
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: {
        x: {
          stacked,
          min: 0,
          max: stacked ? 100 : undefined,
          suggestedMax: 100,
          title: { display: true, text: `% of ${unit}` },
        },
        y: { stacked },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const o = outlets[ctx.dataIndex];
              const r = byKey.get(`${o.slug}\0${codes[ctx.datasetIndex].key}`);
              const n = unit === "passages" ? o.n.passages : o.n.articles;
              return `${ctx.dataset.label}: ${r?.count ?? 0} of ${n} ${unit} (${ctx.parsed.x}%)`;
            },
          },
        },
      },
      ...pickHandlers((datasetIndex, index) =>
        drill(panelKey(dimension, codes[datasetIndex].key, outlets[index].slug)),
      ),
    }),
    [outlets, codes, byKey, unit, stacked, dimension, drill],
  );

  return (
    <>
      <div
        className="chart-canvas"
        style={{ height: chartHeight.shareBars(outlets.length, codes.length, layout) }}
      >
        <Bar
          ref={chart}
          data={data}
          options={options}
          updateMode="none"
          aria-label={`${title}: shares of ${unit} per outlet. The table below has the numbers.`}
        />
      </div>
      <ChartDownloads
        chart={chart}
        context={context}
        name={`framescope-${id}`}
        csv={() => ({
          header: ["outlet", "code", "count", "n", "share", "unit"],
          rows: rows.map((r) => {
            const o = outlets.find((x) => x.slug === r.outlet);
            return [
              r.outlet,
              r.code,
              r.count,
              unit === "passages" ? (o?.n.passages ?? 0) : (o?.n.articles ?? 0),
              r.share,
              unit,
            ];
          }),
        })}
      />
    </>
  );
}
