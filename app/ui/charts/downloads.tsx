"use client";
import { stringify } from "csv-stringify/browser/esm/sync";
import type { RefObject } from "react";
import type { Chart } from "chart.js";
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

/** Saves the chart as drawn, as `<name>.png`. */
function downloadPng(chart: Chart | null | undefined, name: string) {
  if (chart) save(chart.toBase64Image("image/png", 1), `${name}.png`);
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
  context: _context,
}: {
  chart: RefObject<Chart | null | undefined>;
  name: string;
  csv: () => CsvTable;
  /** What the PNG carries besides the chart (title, takeaway, n, filters, coder, source). */
  context: ChartContext;
}) {
  return (
    <div className="chart-actions">
      <button type="button" onClick={() => downloadPng(chart.current, name)}>
        PNG
      </button>
      <button type="button" onClick={() => downloadCsv(csv(), name)}>
        CSV
      </button>
    </div>
  );
}
