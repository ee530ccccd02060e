"use client";
import type { Chart as ChartJs, Plugin } from "chart.js";
import { useSearchParams } from "next/navigation";
import { useMemo, useRef } from "react";
import { Bar } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { pickHandlers } from "./pick";
import { HIGHLIGHT, type SplitRow, splitData, splitOptions, splitRows } from "./share-config";
import { ChartCanvas } from "./chart-canvas";
import { chartHeight } from "./sizes";
import type { CountChartProps } from "./types";
import { useDrillDown } from "./use-drill-down";

export interface ShareBarsProps extends CountChartProps {
  title: string;
  unit: "passages" | "articles";
  /**
   * "stacked": the codes' shares make one whole per outlet (each passage has one code), so they
   * are rounded to add up to exactly 100; "grouped": they overlap (an article can have several).
   */
  layout: "stacked" | "grouped";
}

const TEXT = "#1f1f24";

/**
 * Writes the code headings, the outlet names above their bars (so no name is
 * ever clipped, on a phone or in a narrow card) and each mark's value at its end.
 * Small samples get a dot at their share instead of a bar, outlined when picked.
 */
function directLabels(rows: SplitRow[], panel: string | null): Plugin<"bar"> {
  return {
    id: "directLabels",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const family = String(chart.options.font?.family ?? "sans-serif");
      ctx.save();
      ctx.fillStyle = TEXT;
      rows.forEach((row, i) => {
        const y = scales.y.getPixelForValue(i);
        if (row.kind === "heading") {
          ctx.font = `bold 13px ${family}`;
          ctx.textBaseline = "middle";
          ctx.fillText(row.text, chartArea.left, y);
          return;
        }
        ctx.font = `12px ${family}`;
        ctx.textBaseline = "bottom";
        ctx.fillText(row.text, chartArea.left, y - 6);
        const x = scales.x.getPixelForValue(row.percent);
        if (row.dot) {
          ctx.beginPath();
          ctx.arc(x, y, 6, 0, 2 * Math.PI);
          ctx.fillStyle = row.code.colour;
          ctx.fill();
          ctx.lineWidth = row.panel === panel ? 3 : 1.5;
          ctx.strokeStyle = row.panel === panel ? HIGHLIGHT : "#ffffff";
          ctx.stroke();
          ctx.fillStyle = TEXT;
        }
        ctx.font = `${row.dot ? "bold " : ""}12px ${family}`;
        ctx.textBaseline = "middle";
        ctx.fillText(row.value, x + (row.dot ? 11 : 5), y);
      });
      ctx.restore();
    },
  };
}

/** Shares of each code per outlet as split bars with direct labels; a click opens the evidence. */
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
  const chart = useRef<ChartJs<"bar"> | null>(null);
  const drill = useDrillDown(view);
  const panel = useSearchParams().get("panel");
  const split = useMemo(
    () => splitRows({ dimension, unit, outlets, codes, rows, whole: layout === "stacked" }),
    [dimension, unit, outlets, codes, rows, layout],
  );
  const data = useMemo(() => splitData(split, panel), [split, panel]);
  const plugins = useMemo(() => [directLabels(split, panel)], [split, panel]);

  const options = useMemo(() => {
    const base = splitOptions(split, unit);
    return {
      ...base,
      plugins: {
        ...base.plugins,
        tooltip: {
          callbacks: {
            title: () => "",
            label: (ctx: { dataIndex: number }) => {
              const row = split[ctx.dataIndex];
              if (row?.kind !== "mark") return "";
              const n = unit === "passages" ? row.outlet.n.passages : row.outlet.n.articles;
              return `${row.outlet.shortName} · ${row.code.label}: ${row.count} of ${n} ${unit} (${row.percent} %)`;
            },
          },
        },
      },
      ...pickHandlers((_dataset, index) => {
        const row = split[index];
        if (row?.kind === "mark") drill(row.panel);
      }),
    };
  }, [split, unit, drill]);

  return (
    <>
      <ChartCanvas chart={chart} height={chartHeight.shareBars(outlets.length, codes.length)}>
        <Bar
          ref={chart}
          data={data}
          options={options}
          plugins={plugins}
          updateMode="none"
          aria-label={`${title}: share of ${unit} per outlet for each code, labelled on the chart. The table below has the numbers.`}
        />
      </ChartCanvas>
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
