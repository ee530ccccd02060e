"use client";
import type { Chart } from "chart.js";
import { useRef } from "react";
import { Bar } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { markLabels } from "./mark-labels";
import { ChartCanvas } from "./chart-canvas";
import { chartHeight } from "./sizes";
import type { CountChartProps } from "./types";
import { useCountChartConfig } from "./use-count-chart-config";
import { weaponsConfig } from "./weapons-config";

const PLUGINS = [markLabels];

/** Diverging bars of article stances on arms for Ukraine, in article counts. */
export function WeaponsChart(props: CountChartProps) {
  const { id, outlets, rows, context } = props;
  const chart = useRef<Chart<"bar"> | null>(null);
  const { data, options } = useCountChartConfig(weaponsConfig, props);

  return (
    <>
      <ChartCanvas chart={chart} height={chartHeight.weapons(outlets.length)}>
        <Bar
          ref={chart}
          data={data}
          options={options}
          plugins={PLUGINS}
          updateMode="none"
          aria-label="Stance on Seoul supplying weapons to Ukraine, articles per outlet: oppose to the left of zero, conditional and support to the right, articles with no stance in a separate strip. The table below has the numbers."
        />
      </ChartCanvas>
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
