"use client";
import { stringify } from "csv-stringify/browser/esm/sync";
import { useEffect, useRef } from "react";
import type { ChartConfiguration, ChartEvent, ActiveElement } from "chart.js";
import { Chart } from "./register";

export interface ChartCanvasProps {
  config: ChartConfiguration;
  /** Accessible description of what the chart shows; the table beside it has the numbers. */
  label: string;
  height: number;
  /** File name without extension for the PNG and CSV downloads. */
  fileName: string;
  csv: { header: string[]; rows: (string | number | null)[][] };
  onPick?: (datasetIndex: number, index: number) => void;
}

function download(href: string, name: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Owns one Chart.js instance: created once, updated in place when the config changes, destroyed on unmount. */
export function ChartCanvas({ config, label, height, fileName, csv, onPick }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // Chart.js options plus the hover and click handlers every chart shares.
  const withHandlers = (c: ChartConfiguration): ChartConfiguration["options"] => ({
    ...c.options,
    onHover: (event: ChartEvent, elements: ActiveElement[]) => {
      const target = event.native?.target as HTMLElement | undefined;
      if (target) target.style.cursor = elements.length && pick.current ? "pointer" : "default";
    },
    onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
      if (elements.length && pick.current) pick.current(elements[0].datasetIndex, elements[0].index);
    },
  });

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, { ...config, options: withHandlers(config) });
    // User Timing marks let benchmarks measure time to first chart and filter-change latency.
    performance.mark(`framescope:chart-drawn:${fileName}`);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once; later configs are applied in place by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const drawnConfig = useRef(config);
  useEffect(() => {
    const c = chart.current;
    if (!c || drawnConfig.current === config) return;
    drawnConfig.current = config;
    c.data = config.data;
    c.options = withHandlers(config)!;
    c.update("none");
    performance.mark(`framescope:chart-drawn:${fileName}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config, fileName]);

  return (
    <div className="chart-body">
      <div className="chart-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <div className="chart-actions">
        <button
          type="button"
          onClick={() => chart.current && download(chart.current.toBase64Image("image/png", 1), `${fileName}.png`)}
        >
          PNG
        </button>
        <button
          type="button"
          onClick={() => {
            const text = stringify([csv.header, ...csv.rows]);
            download(URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), `${fileName}.csv`);
          }}
        >
          CSV
        </button>
      </div>
    </div>
  );
}
