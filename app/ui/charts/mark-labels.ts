import { type Chart, type ChartType, defaults, type Plugin } from "chart.js";
import { CHART_FONT } from "./chart-text";

/** A text drawn on (or beside) one mark of a chart. */
export interface MarkLabel {
  text: string;
  /** Drawn instead when `text` is wider than its bar. */
  short?: string;
  colour: string;
  /** Centred on the mark, or just right of it. */
  place: "center" | "right";
}

export interface MarkLabelOptions {
  /** The label of mark `index` in dataset `datasetIndex`, or null for none. */
  label?: (datasetIndex: number, index: number) => MarkLabel | null;
  /** Titles drawn above each row of the y scale (outlet names on narrow screens), or none. */
  rows?: string[] | null;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    markLabels?: MarkLabelOptions;
  }
}

type Geometry = { x: number; y: number; base?: number; options?: { radius?: number } };

function drawMarks(chart: Chart, label: NonNullable<MarkLabelOptions["label"]>) {
  const { ctx } = chart;
  chart.data.datasets.forEach((_dataset, d) => {
    if (!chart.isDatasetVisible(d)) return;
    chart.getDatasetMeta(d).data.forEach((element, i) => {
      const mark = label(d, i);
      if (!mark) return;
      const g = element as unknown as Geometry;
      const room = g.base === undefined ? Number.POSITIVE_INFINITY : Math.abs(g.x - g.base) - 4;
      // A bar too short even for its number leaves it to the tooltip and the table.
      const text = [mark.text, mark.short].find((t) => t && ctx.measureText(t).width <= room);
      if (!text) return;
      const centre = g.base !== undefined ? (g.x + g.base) / 2 : g.x;
      ctx.fillStyle = mark.colour;
      ctx.textAlign = mark.place === "center" ? "center" : "left";
      const x = mark.place === "center" ? centre : g.x + (g.options?.radius ?? 6) + 4;
      ctx.fillText(text, x, g.y);
    });
  });
}

function drawRows(chart: Chart, rows: string[]) {
  const { ctx, chartArea } = chart;
  const y = chart.scales.y;
  const step =
    rows.length > 1
      ? Math.abs(y.getPixelForValue(1) - y.getPixelForValue(0))
      : chartArea.bottom - chartArea.top;
  ctx.fillStyle = "#3a3a40";
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  rows.forEach((text, i) => {
    ctx.fillText(text, chartArea.left, y.getPixelForValue(i) - step / 2 + 2);
  });
}

/**
 * Draws counts and meanings on the marks themselves (so no legend is needed),
 * and, on narrow screens, the outlet names above their rows instead of
 * beside them, where they would be clipped.
 */
export const markLabels: Plugin<ChartType, MarkLabelOptions> = {
  id: "markLabels",
  afterDatasetsDraw(chart, _args, options) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = `${CHART_FONT.size}px ${defaults.font.family}`;
    ctx.textBaseline = "middle";
    if (options.label) drawMarks(chart, options.label);
    if (options.rows) drawRows(chart, options.rows);
    ctx.restore();
  },
};
