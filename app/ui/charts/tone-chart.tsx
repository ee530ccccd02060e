"use client";
import type { Chart } from "chart.js";
import { useRef } from "react";
import { Scatter } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { markLabels } from "./mark-labels";
import { ChartCanvas } from "./chart-canvas";
import { chartHeight } from "./sizes";
import { type ToneDot, type ToneMean, toneConfig } from "./tone-config";
import type { CountChartProps } from "./types";
import { useCountChartConfig } from "./use-count-chart-config";

const PLUGINS = [markLabels];

/** Tone toward Seoul's handling on −2…+2: a dot per tone and outlet, and the outlet mean. */
export function ToneChart(props: CountChartProps) {
  const { id, dimension, outlets, codes, rows, context } = props;
  const chart = useRef<Chart<"scatter", (ToneDot | ToneMean)[]> | null>(null);
  const { data, options } = useCountChartConfig(toneConfig, props);

  return (
    <>
      <ChartCanvas chart={chart} height={chartHeight.tone(outlets.length)}>
        <Scatter
          ref={chart}
          data={data}
          options={options}
          plugins={PLUGINS}
          updateMode="none"
          aria-label="Tone of the articles toward the Seoul government's handling, from −2 critical to +2 supportive, per outlet, each dot labelled with its number of articles, with a triangle at the outlet mean. The table below has the numbers."
        />
      </ChartCanvas>
      <ChartDownloads
        chart={chart}
        context={context}
        name={`framescope-${id}`}
        csv={() => ({
          header: ["outlet", dimension, "value", "articles", "n_articles"],
          rows: rows.map((r) => [
            r.outlet,
            r.code,
            codes.find((c) => c.key === r.code)?.value ?? null,
            r.count,
            outlets.find((o) => o.slug === r.outlet)?.n.articles ?? 0,
          ]),
        })}
      />
    </>
  );
}
