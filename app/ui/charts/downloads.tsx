"use client";
import { stringify } from "csv-stringify/browser/esm/sync";
import type { RefObject } from "react";
import type { Chart } from "chart.js";
import { pngLayout } from "./export-png";
import type { ChartContext } from "./types";

/** The rows behind a chart, as its CSV download writes them. */
export interface CsvTable {
  header: string[];
  rows: (string | number | null)[][];
}

function save(href: string, fileName: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const font = (size: number, bold: boolean) => `${bold ? "bold " : ""}${size}px ${FONT}`;

/**
 * The chart as drawn on an opaque white image, with its title, takeaway and n
 * above it and the small-sample mark, filters, coder and source below, so the
 * file stands on its own on any background. Drawn at the canvas's pixel ratio.
 */
function composePng(chart: Chart, context: ChartContext): string {
  const ratio = chart.canvas.width / chart.width;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) return chart.toBase64Image("image/png", 1);
  const measure = (text: string, size: number, bold: boolean) => {
    ctx.font = font(size, bold);
    return ctx.measureText(text).width;
  };
  const layout = pngLayout(context, { width: chart.width, height: chart.height }, measure);
  canvas.width = Math.ceil(layout.width * ratio);
  canvas.height = Math.ceil(layout.height * ratio);
  // Every pixel opaque, the rounded-up edge included.
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(ratio, ratio);
  for (const line of layout.lines) {
    ctx.font = font(line.size, line.bold);
    ctx.fillStyle = line.colour;
    ctx.fillText(line.text, line.x, line.y);
  }
  const { x, y, width, height } = layout.chart;
  ctx.drawImage(chart.canvas, x, y, width, height);
  return canvas.toDataURL("image/png");
}

/** Saves the chart with its context, as `<name>.png`. */
function downloadPng(chart: Chart | null | undefined, context: ChartContext, name: string) {
  if (chart) save(composePng(chart, context), `${name}.png`);
}

/** Saves the header and rows as `<name>.csv`. */
function downloadCsv(table: CsvTable, name: string) {
  const text = stringify([table.header, ...table.rows]);
  save(URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), `${name}.csv`);
}

/**
 * The PNG and CSV buttons under a chart. `name` is the file name without its
 * extension; the CSV rows are built only when asked for.
 */
export function ChartDownloads({
  chart,
  name,
  csv,
  context,
}: {
  chart: RefObject<Chart | null | undefined>;
  name: string;
  csv: () => CsvTable;
  /** What the PNG carries besides the chart (title, takeaway, n, filters, coder, source, small samples). */
  context: ChartContext;
}) {
  return (
    <div className="chart-actions">
      <button type="button" onClick={() => downloadPng(chart.current, context, name)}>
        PNG
      </button>
      <button type="button" onClick={() => downloadCsv(csv(), name)}>
        CSV
      </button>
    </div>
  );
}
