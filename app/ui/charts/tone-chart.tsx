"use client";
import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { ChartCanvas } from "./chart-canvas";
import type { CodeInfo, OutletInfo, ViewContext } from "./types";
import { panelKey, useDrillDown } from "./use-drill-down";

export interface ToneArticle {
  slug: string;
  outlet: string;
  headline: string;
  code: string;
  value: number;
}

/** Each article's tone toward Seoul's handling as a dot on −2…+2, one row per outlet, with the outlet mean. */
export function ToneChart({ outlets, codes, articles, view }: { outlets: OutletInfo[]; codes: CodeInfo[]; articles: ToneArticle[]; view: ViewContext }) {
  const drill = useDrillDown(view);
  const config = useMemo<ChartConfiguration>(() => {
    const row = new Map(outlets.map((o, i) => [o.slug, i]));
    // Dots with the same value in one outlet are spread vertically so none hides another.
    const seen = new Map<string, number>();
    const dots = articles.map((a) => {
      const k = `${a.outlet}\0${a.value}`;
      const i = seen.get(k) ?? 0;
      seen.set(k, i + 1);
      return { x: a.value, y: (row.get(a.outlet) ?? 0) + (i % 2 ? -1 : 1) * Math.ceil(i / 2) * 0.12, article: a };
    });
    const means = outlets.map((o, i) => {
      const vals = articles.filter((a) => a.outlet === o.slug).map((a) => a.value);
      return vals.length ? { x: vals.reduce((s, v) => s + v, 0) / vals.length, y: i, n: vals.length } : null;
    });
    const codeBy = new Map(codes.map((c) => [c.key, c]));
    return {
      type: "scatter",
      data: {
        datasets: [
          {
            label: "Article",
            data: dots,
            pointRadius: 7,
            pointHoverRadius: 9,
            backgroundColor: dots.map((d) => codeBy.get(d.article.code)?.colour ?? "#888"),
            borderColor: "#333",
            borderWidth: 1,
          },
          {
            label: "Outlet mean",
            data: means.filter((m) => m !== null),
            pointStyle: "line",
            pointRadius: 14,
            pointHoverRadius: 14,
            rotation: 90,
            borderColor: "#111",
            borderWidth: 3,
            backgroundColor: "#111",
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: {
            min: -2.4,
            max: 2.4,
            ticks: { stepSize: 1, callback: (v) => codes.find((c) => c.value === Number(v))?.label ?? "" },
            title: { display: true, text: "tone toward the Seoul government's handling (−2 critical … +2 supportive)" },
          },
          y: {
            min: -0.6,
            max: outlets.length - 0.4,
            reverse: true,
            ticks: { stepSize: 1, callback: (v) => (Number.isInteger(Number(v)) ? `${outlets[Number(v)]?.shortName ?? ""} (n=${outlets[Number(v)]?.n.articles ?? 0})` : "") },
            grid: { display: false },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                if (ctx.datasetIndex === 1) {
                  const m = ctx.raw as { x: number; n: number };
                  return `mean ${m.x.toFixed(2)} over ${m.n} article${m.n === 1 ? "" : "s"}`;
                }
                const a = (ctx.raw as { article: ToneArticle }).article;
                return `${a.headline}: ${codeBy.get(a.code)?.label} (${a.value > 0 ? "+" : ""}${a.value})`;
              },
            },
          },
        },
      },
    };
  }, [outlets, codes, articles]);

  return (
    <ChartCanvas
      config={config}
      label="Tone of each article toward the Seoul government's handling, from −2 critical to +2 supportive, per outlet, with outlet means. The table below has the values."
      height={Math.max(160, outlets.length * 60 + 100)}
      fileName="framescope-tone-by-outlet"
      csv={{ header: ["outlet", "article", "tone_gov", "value"], rows: articles.map((a) => [a.outlet, a.slug, a.code, a.value]) }}
      onPick={(datasetIndex, index) => {
        if (datasetIndex !== 0) return;
        const a = articles[index];
        drill(panelKey("tone_gov", a.code, a.outlet));
      }}
    />
  );
}
