"use client";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  TimeScale,
  Tooltip,
  type Plugin,
} from "chart.js";
import annotationPlugin from "chartjs-plugin-annotation";
import "chartjs-adapter-date-fns";

/**
 * Counts each canvas's draws in its `data-drawn` attribute (1 after the first
 * draw, one more on every redraw): end-to-end tests and benchmarks watch it to
 * know that a chart has been drawn, or redrawn after a filter change.
 */
const drawnCount: Plugin = {
  id: "drawnCount",
  afterRender(chart) {
    const canvas = chart.canvas;
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
  },
};

// Register only what the dashboard draws, once, so the bundle stays small.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  ScatterController,
  PointElement,
  TimeScale,
  Tooltip,
  Legend,
  annotationPlugin,
  drawnCount,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 12; // no chart text below 12 px
Chart.defaults.color = "#3a3a40";
Chart.defaults.animation = false;

export { Chart };
