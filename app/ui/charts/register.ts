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
} from "chart.js";
import annotationPlugin from "chartjs-plugin-annotation";
import "chartjs-adapter-date-fns";

// Register only what the dashboard draws, once, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, ScatterController, PointElement, TimeScale, Tooltip, Legend, annotationPlugin);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = "#3a3a40";
Chart.defaults.animation = false;

export { Chart };
