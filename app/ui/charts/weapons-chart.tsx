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

/**
 * Where a stance sits on the diverging axis, from the codebook's `side`:
 * against supplying arms left of zero, for it (outright or as a card to play)
 * right of zero. Articles with no stance get a bar of their own, so they
 * neither inflate nor hide either side.
 */
function placement(code: CodeInfo): { stack: "stance" | "none"; sign: 1 | -1 } {
  if (code.side === "against") return { stack: "stance", sign: -1 };
  if (code.side === "for") return { stack: "stance", sign: 1 };
  return { stack: "none", sign: 1 };
}

/** "← oppose · articles · conditional / support →", from the codes on each side. */
function axisTitle(codes: CodeInfo[]): string {
  const side = (s: CodeInfo["side"]) =>
    codes
      .filter((c) => c.side === s)
      .map((c) => c.label.toLowerCase())
      .join(" / ");
  return `← ${side("against")} · articles · ${side("for")} →`;
}

/** Diverging bars of article stances on arms for Ukraine, in article counts. */
export function WeaponsChart({
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
  const chart = useRef<Chart<"bar"> | null>(null);
  const drill = useDrillDown(view);
  const count = useMemo(
    () => new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r.count])),
    [rows],
  );
  const max = Math.max(1, ...outlets.map((o) => o.n.articles));

  const data = useMemo<ChartData<"bar">>(
    () => ({
      labels: outlets.map((o) => `${o.shortName} (n=${o.n.articles} articles)`),
      datasets: codes.map((c) => {
        const { stack, sign } = placement(c);
        return {
          label: c.label + (stack === "none" ? " (no stance)" : ""),
          stack,
          backgroundColor: c.colour,
          borderColor: "#fff",
          borderWidth: 1,
          data: outlets.map((o) => (count.get(`${o.slug}\0${c.key}`) ?? 0) * sign),
        };
      }),
    }),
    [outlets, codes, count],
  );

  const options = useMemo<ChartOptions<"bar">>(
    () => ({
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: {
        x: {
          stacked: true,
          min: -max,
          max,
          ticks: { stepSize: 1, callback: (v) => Math.abs(Number(v)).toString() },
          title: { display: true, text: axisTitle(codes) },
        },
        y: { stacked: true },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              `${ctx.dataset.label}: ${Math.abs(Number(ctx.parsed.x))} of ${outlets[ctx.dataIndex].n.articles} articles`,
          },
        },
      },
      ...pickHandlers((datasetIndex, index) =>
        drill(panelKey(dimension, codes[datasetIndex].key, outlets[index].slug)),
      ),
    }),
    [outlets, codes, max, drill, dimension],
  );

  return (
    <>
      <div className="chart-canvas" style={{ height: chartHeight.weapons(outlets.length) }}>
        <Bar
          ref={chart}
          data={data}
          options={options}
          updateMode="none"
          aria-label="Stance on Seoul supplying weapons to Ukraine, articles per outlet: oppose to the left, conditional and support to the right, no stance apart. The table below has the numbers."
        />
      </div>
      <ChartDownloads
        chart={chart}
        context={context}
        name={`framescope-${id}`}
        csv={() => ({
          header: ["outlet", "stance", "articles", "n_articles"],
          rows: rows.map((r) => [
            r.outlet,
            r.code,
            r.count,
            outlets.find((o) => o.slug === r.outlet)?.n.articles ?? 0,
          ]),
        })}
      />
    </>
  );
}
