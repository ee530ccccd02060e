"use client";
import type { Chart } from "chart.js";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { Scatter } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { markLabels } from "./mark-labels";
import { ChartCanvas } from "./chart-canvas";
import { chartHeight } from "./sizes";
import {
  type ArticlePoint,
  type TimelineArticle,
  type TimelineEvent,
  timelineConfig,
} from "./timeline-config";
import type { ChartContext, CodeInfo, OutletInfo } from "./types";
import { useNarrow } from "./use-narrow";

const PLUGINS = [markLabels];

/** Articles on a time axis, one row per outlet, coloured by stance; events as dashed lines. */
export function TimelineChart({
  id,
  dimension,
  outlets,
  stances,
  articles,
  events,
  context,
}: {
  id: string;
  /** The stance dimension colouring the marks: its key and label. */
  dimension: { key: string; label: string };
  outlets: OutletInfo[];
  stances: CodeInfo[];
  articles: TimelineArticle[];
  events: TimelineEvent[];
  /** Title, takeaway, n, filters, coder and source, carried into the PNG export. */
  context: ChartContext;
}) {
  const chart = useRef<Chart<"scatter", ArticlePoint[]> | null>(null);
  const router = useRouter();
  const narrow = useNarrow();
  const onOpen = useCallback((slug: string) => router.push(`/articles/${slug}`), [router]);
  const { data, options } = useMemo(
    () => timelineConfig({ dimension, outlets, stances, articles, events, narrow, onOpen }),
    [dimension, outlets, stances, articles, events, narrow, onOpen],
  );

  return (
    <>
      <ChartCanvas chart={chart} height={chartHeight.timeline(outlets.length)}>
        <Scatter
          ref={chart}
          data={data}
          options={options}
          plugins={PLUGINS}
          updateMode="none"
          aria-label="Articles on a time axis per outlet, coloured by their stance on arms for Ukraine; hollow diamonds are inferred dates; dashed lines mark events. The table below lists them."
        />
      </ChartCanvas>
      <ChartDownloads
        chart={chart}
        context={context}
        name={`framescope-${id}`}
        csv={() => ({
          header: ["date", "date_precision", "date_reason", "outlet", "article", dimension.key],
          rows: articles.map((a) => [
            a.publishedAt,
            a.datePrecision,
            a.dateReason,
            a.outlet,
            a.slug,
            a.stance,
          ]),
        })}
      />
    </>
  );
}
