"use client";
import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { ChartCanvas } from "./chart-canvas";
import { chartHeight } from "./sizes";
import type { CodeInfo, CountRow, OutletInfo, ViewContext } from "./types";
import { panelKey, useDrillDown } from "./use-drill-down";

// Left of zero: against supplying arms. Right: for supplying, outright or as a card to play.
// Articles with no stance get a separate bar, so they neither inflate nor hide either side.
const SIDE: Record<string, { stack: "stance" | "none"; sign: 1 | -1 }> = {
  oppose: { stack: "stance", sign: -1 },
  conditional: { stack: "stance", sign: 1 },
  support: { stack: "stance", sign: 1 },
  reported_only: { stack: "none", sign: 1 },
  not_addressed: { stack: "none", sign: 1 },
};

/** Diverging bars of article stances on arms for Ukraine, in article counts. */
export function WeaponsChart({ outlets, codes, rows, view }: { outlets: OutletInfo[]; codes: CodeInfo[]; rows: CountRow[]; view: ViewContext }) {
  const drill = useDrillDown(view);
  const count = useMemo(() => new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r.count])), [rows]);
  const max = Math.max(1, ...outlets.map((o) => o.n.articles));

  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: outlets.map((o) => `${o.shortName} (n=${o.n.articles} articles)`),
        datasets: codes.map((c) => ({
          label: c.label + (SIDE[c.key]?.stack === "none" ? " (no stance)" : ""),
          stack: SIDE[c.key]?.stack ?? "none",
          backgroundColor: c.colour,
          borderColor: "#fff",
          borderWidth: 1,
          data: outlets.map((o) => (count.get(`${o.slug}\0${c.key}`) ?? 0) * (SIDE[c.key]?.sign ?? 1)),
        })),
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: {
          x: {
            stacked: true,
            min: -max,
            max,
            ticks: { stepSize: 1, callback: (v) => Math.abs(Number(v)).toString() },
            title: { display: true, text: "← oppose · articles · conditional / support →" },
          },
          y: { stacked: true },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.dataset.label}: ${Math.abs(Number(ctx.parsed.x))} of ${outlets[ctx.dataIndex].n.articles} articles`,
            },
          },
        },
      },
    }),
    [outlets, codes, count, max],
  );

  return (
    <ChartCanvas
      config={config}
      label="Stance on Seoul supplying weapons to Ukraine, articles per outlet: oppose to the left, conditional and support to the right, no stance apart. The table below has the numbers."
      height={chartHeight.weapons(outlets.length)}
      fileName="framescope-weapons-by-outlet"
      csv={{ header: ["outlet", "stance", "articles", "n_articles"], rows: rows.map((r) => [r.outlet, r.code, r.count, outlets.find((o) => o.slug === r.outlet)?.n.articles ?? 0]) }}
      onPick={(datasetIndex, index) => drill(panelKey("weapons", codes[datasetIndex].key, outlets[index].slug))}
    />
  );
}
