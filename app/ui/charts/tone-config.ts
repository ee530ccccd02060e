import type { ChartData, ChartOptions, Scale } from "chart.js";
import { panelKey } from "@/app/lib/panel-key";
import { CHART_FONT, HIGHLIGHT, outletLabel, textOn } from "./chart-text";
import type { MarkLabel } from "./mark-labels";
import { pickHandlers } from "./pick";
import { toneMeans } from "./tone-means";
import type { CodeInfo, CountChartInput, CountRow } from "./types";

/** A dot: one tone in one outlet (y is the outlet's row). */
export interface ToneDot {
  x: number;
  y: number;
  row: CountRow;
}

/** An outlet's mean tone over its n articles, drawn just below its row of dots. */
export interface ToneMean {
  x: number;
  y: number;
  n: number;
}

/** How far below its row's dots an outlet's mean marker sits, in rows. */
const MEAN_OFFSET = 0.38;

const signed = (v: number, digits = 0) =>
  `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(digits)}`;

function dotsOf({ outlets, codes, rows }: CountChartInput): ToneDot[] {
  const value = new Map(codes.map((c) => [c.key, c.value ?? 0]));
  const row = new Map(outlets.map((o, i) => [o.slug, i]));
  return rows
    .filter((r) => r.count > 0 && row.has(r.outlet))
    .map((r) => ({ x: value.get(r.code) ?? 0, y: row.get(r.outlet) ?? 0, row: r }));
}

/** Means of outlets with more than one article: the mean of one article is that article. */
function meansOf({ outlets, codes, rows }: CountChartInput): ToneMean[] {
  const means = toneMeans(outlets, codes, rows);
  return outlets.flatMap((o, i) => {
    const m = means.get(o.slug);
    return m && m.n > 1 ? [{ x: m.mean, y: i + MEAN_OFFSET, n: m.n }] : [];
  });
}

function data(input: CountChartInput, dots: ToneDot[], means: ToneMean[]) {
  const colour = new Map(input.codes.map((c) => [c.key, c.colour]));
  const maxCount = Math.max(1, ...dots.map((d) => d.row.count));
  const radius = (d: ToneDot) => 8 + (input.narrow ? 4 : 6) * Math.sqrt(d.row.count / maxCount);
  const picked = dots.map(
    (d) => input.panel === panelKey(input.dimension, d.row.code, d.row.outlet),
  );
  return {
    datasets: [
      {
        label: "Articles with this tone (area ∝ count)",
        data: dots,
        pointRadius: dots.map(radius),
        pointHoverRadius: dots.map((d) => radius(d) + 2),
        backgroundColor: dots.map((d) => colour.get(d.row.code) ?? "#767676"),
        borderColor: picked.map((p) => (p ? HIGHLIGHT : "#ffffff")),
        borderWidth: picked.map((p) => (p ? 3 : 1)),
      },
      {
        label: "Outlet mean",
        data: means,
        pointStyle: "triangle",
        pointRadius: 6,
        pointHoverRadius: 7,
        borderColor: "#111111",
        backgroundColor: "#111111",
      },
    ],
  } satisfies ChartData<"scatter", (ToneDot | ToneMean)[]>;
}

/** Ticks exactly at the codes' values (−2 … +2), so labels and gridlines sit on whole steps. */
function codeTicks(codes: CodeInfo[]) {
  const values = codes.flatMap((c) => (typeof c.value === "number" ? [c.value] : []));
  return {
    ticks: values.map((value) => ({ value })),
    label: (v: number) => {
      const code = codes.find((c) => c.value === v);
      // One word a line, never rotated; odd steps sit a line lower, so that
      // neighbouring words never touch on a narrow plot.
      const words = code?.label.toLowerCase().split(" ") ?? [];
      return code ? [signed(v), ...(v % 2 ? [""] : []), ...words] : "";
    },
  };
}

/** Dots say their count; each mean marker says its value: the marks replace a legend. */
function markLabel(input: CountChartInput, dots: ToneDot[], means: ToneMean[]) {
  const colour = new Map(input.codes.map((c) => [c.key, c.colour]));
  return (d: number, i: number): MarkLabel | null =>
    d === 0
      ? {
          text: String(dots[i].row.count),
          colour: textOn(colour.get(dots[i].row.code) ?? "#767676"),
          place: "center",
        }
      : { text: `mean ${signed(means[i].x, 2)}`, colour: "#111111", place: "right" };
}

function options(input: CountChartInput, dots: ToneDot[], means: ToneMean[]) {
  const { outlets, codes, narrow } = input;
  const ticks = codeTicks(codes);
  return {
    maintainAspectRatio: false,
    scales: {
      x: {
        min: -2.45,
        max: 2.45,
        afterBuildTicks: (axis: Scale) => {
          axis.ticks = ticks.ticks;
        },
        ticks: {
          callback: (v: string | number) => ticks.label(Number(v)),
          font: CHART_FONT,
          maxRotation: 0,
          autoSkip: false,
        },
        title: {
          display: true,
          // Two short lines: a long title would be squeezed below 12 px on a phone.
          text: ["tone toward Seoul's handling", "▲ outlet mean (outlets with 2+ articles)"],
          font: CHART_FONT,
        },
      },
      y: {
        min: -0.5,
        max: outlets.length - 0.5,
        reverse: true,
        afterBuildTicks: (axis: Scale) => {
          axis.ticks = outlets.map((_, value) => ({ value }));
        },
        ticks: {
          display: !narrow,
          font: CHART_FONT,
          callback: (v: string | number) =>
            Number.isInteger(Number(v)) && outlets[Number(v)]
              ? outletLabel(outlets[Number(v)])
              : "",
        },
        grid: { display: false },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        titleFont: CHART_FONT,
        bodyFont: CHART_FONT,
        callbacks: { label: tooltipLabel(input) },
      },
      markLabels: {
        label: markLabel(input, dots, means),
        rows: narrow ? outlets.map(outletLabel) : null,
      },
    },
    ...pickHandlers((d, i) => {
      if (d === 0) input.onPick(panelKey(input.dimension, dots[i].row.code, dots[i].row.outlet));
    }),
  } satisfies ChartOptions<"scatter">;
}

function tooltipLabel({ outlets, codes }: CountChartInput) {
  return (ctx: { datasetIndex: number; raw: unknown }) => {
    if (ctx.datasetIndex === 1) {
      const m = ctx.raw as ToneMean;
      return `mean ${signed(m.x, 2)} over ${m.n} articles`;
    }
    const { row } = ctx.raw as ToneDot;
    const c = codes.find((x) => x.key === row.code);
    const n = outlets.find((x) => x.slug === row.outlet)?.n.articles ?? 0;
    return `${c?.label} (${signed(c?.value ?? 0)}): ${row.count} of ${n} articles`;
  };
}

/**
 * The tone chart's data and options: per outlet, a dot for each tone with its
 * number of articles (area grows with the count), and a marker for the mean.
 */
export function toneConfig(input: CountChartInput) {
  const dots = dotsOf(input);
  const means = meansOf(input);
  return { data: data(input, dots, means), options: options(input, dots, means) };
}
