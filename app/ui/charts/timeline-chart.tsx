"use client";
import { useMemo, useRef } from "react";
import { useRouter } from "next/navigation";
import type { Chart, ChartData, ChartOptions, PointStyle } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { Scatter } from "react-chartjs-2";
import "./register";
import { ChartDownloads } from "./downloads";
import { pickHandlers } from "./pick";
import { chartHeight } from "./sizes";
import type { CodeInfo, OutletInfo, ChartContext } from "./types";

export interface TimelineArticle {
  slug: string;
  outlet: string;
  headline: string;
  publishedAt: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  /** The article's code in the chart's dimension (its stance), or null. */
  stance: string | null;
}

export interface TimelineEvent {
  key: string;
  date: string;
  label: string;
}

/** An article placed on the chart: x its date, y its outlet's row. */
interface ArticlePoint {
  x: number;
  y: number;
  article: TimelineArticle;
}

/**
 * Articles on a time axis, one row per outlet, coloured by their stance.
 * An inferred date is drawn as a hollow dashed marker, with its reason in the
 * tooltip; events stand as labelled vertical lines.
 */
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
  // The axis spans the articles; events outside that span stay in the table, not on the chart.
  const span = useMemo(() => {
    const times = articles.map((a) => Date.parse(a.publishedAt));
    return { min: Math.min(...times) - 45 * 864e5, max: Math.max(...times) + 30 * 864e5 };
  }, [articles]);

  const data = useMemo<ChartData<"scatter", ArticlePoint[]>>(() => {
    const row = new Map(outlets.map((o, i) => [o.slug, i]));
    const colour = new Map(stances.map((s) => [s.key, s.colour]));
    const points = articles.map((a) => ({
      x: Date.parse(a.publishedAt),
      y: row.get(a.outlet) ?? 0,
      article: a,
    }));
    return {
      datasets: [
        {
          label: "Article (filled: date stated; hollow: date inferred)",
          data: points,
          pointRadius: 8,
          pointHoverRadius: 10,
          pointStyle: points.map(
            (p): PointStyle => (p.article.datePrecision === "exact" ? "circle" : "rectRot"),
          ),
          backgroundColor: points.map((p) =>
            p.article.datePrecision === "exact"
              ? (colour.get(p.article.stance ?? "") ?? "#888")
              : "#fff",
          ),
          borderColor: points.map((p) => colour.get(p.article.stance ?? "") ?? "#888"),
          borderWidth: points.map((p) => (p.article.datePrecision === "exact" ? 1 : 3)),
        },
      ],
    };
  }, [outlets, stances, articles]);

  const options = useMemo<ChartOptions<"scatter">>(() => {
    const label = new Map(stances.map((s) => [s.key, s.label]));
    const annotations: Record<string, AnnotationOptions> = {};
    events
      .filter((e) => Date.parse(e.date) >= span.min && Date.parse(e.date) <= span.max)
      .forEach((e, i) => {
        annotations[e.key] = {
          type: "line",
          scaleID: "x",
          value: Date.parse(e.date),
          borderColor: "rgba(60,60,70,0.45)",
          borderWidth: 1,
          borderDash: [4, 4],
          label: {
            display: true,
            content: e.label.length > 34 ? `${e.label.slice(0, 32)}…` : e.label,
            position: i % 2 ? "end" : "start",
            font: { size: 10 },
            backgroundColor: "rgba(255,255,255,0.9)",
            color: "#333",
            rotation: 0,
          },
        };
      });
    return {
      maintainAspectRatio: false,
      scales: {
        x: {
          type: "time",
          min: span.min,
          max: span.max,
          time: { unit: "month", tooltipFormat: "d MMM yyyy" },
          title: { display: true, text: "publication date" },
        },
        y: {
          min: -0.7,
          max: outlets.length - 0.3,
          reverse: true,
          ticks: {
            stepSize: 1,
            callback: (v) =>
              Number.isInteger(Number(v)) ? (outlets[Number(v)]?.shortName ?? "") : "",
          },
          grid: { display: false },
        },
      },
      plugins: {
        annotation: { annotations },
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => (items[0].raw as ArticlePoint).article.headline,
            label: (ctx) => {
              const a = (ctx.raw as ArticlePoint).article;
              const stance = `${dimension.label}: ${label.get(a.stance ?? "") ?? "not coded"}`;
              return a.datePrecision === "exact"
                ? [`${a.publishedAt} (stated on the page)`, stance]
                : [
                    `${a.publishedAt} (inferred)`,
                    stance,
                    ...(a.dateReason ? wrap(a.dateReason, 70) : []),
                  ];
            },
          },
        },
      },
      ...pickHandlers((_datasetIndex, index) => router.push(`/articles/${articles[index].slug}`)),
    };
  }, [outlets, stances, articles, events, span, router, dimension.label]);

  return (
    <>
      <div className="chart-canvas" style={{ height: chartHeight.timeline(outlets.length) }}>
        <Scatter
          ref={chart}
          data={data}
          options={options}
          updateMode="none"
          aria-label="Articles on a time axis per outlet, coloured by their stance on arms for Ukraine; hollow diamonds are inferred dates; dashed lines mark events. The table below lists them."
        />
      </div>
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

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (`${line} ${word}`.trim().length > width) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  if (line) lines.push(line);
  return lines;
}
