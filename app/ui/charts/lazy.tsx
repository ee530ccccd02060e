"use client";
import dynamic from "next/dynamic";
import type { ComponentProps, ReactNode } from "react";
import type { ShareBars } from "./share-bars";
import { chartHeight } from "./sizes";
import type { TimelineChart } from "./timeline-chart";
import type { ToneChart } from "./tone-chart";
import type { WeaponsChart } from "./weapons-chart";

/*
 * The charts' code (react-chartjs-2, Chart.js and its plugins) loads in its
 * own chunk once the page is interactive: the numbers are already on the page
 * in the server-rendered tables, and each chart's exact height is reserved so
 * nothing moves when it arrives.
 */

// The PNG/CSV row under every canvas (fixed height in globals.css, .chart-actions).
const ACTIONS_ROW = 34;

function Reserve({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div className="chart-reserve" style={{ minHeight: height + ACTIONS_ROW }}>
      {children}
    </div>
  );
}

const ShareBarsChart = dynamic(() => import("./share-bars").then((m) => m.ShareBars), {
  ssr: false,
});
const WeaponsChartChart = dynamic(() => import("./weapons-chart").then((m) => m.WeaponsChart), {
  ssr: false,
});
const ToneChartChart = dynamic(() => import("./tone-chart").then((m) => m.ToneChart), {
  ssr: false,
});
const TimelineChartChart = dynamic(() => import("./timeline-chart").then((m) => m.TimelineChart), {
  ssr: false,
});

export function LazyShareBars(props: ComponentProps<typeof ShareBars>) {
  return (
    <Reserve height={chartHeight.shareBars(props.outlets.length, props.codes.length)}>
      <ShareBarsChart {...props} />
    </Reserve>
  );
}

export function LazyWeaponsChart(props: ComponentProps<typeof WeaponsChart>) {
  return (
    <Reserve height={chartHeight.weapons(props.outlets.length)}>
      <WeaponsChartChart {...props} />
    </Reserve>
  );
}

export function LazyToneChart(props: ComponentProps<typeof ToneChart>) {
  return (
    <Reserve height={chartHeight.tone(props.outlets.length)}>
      <ToneChartChart {...props} />
    </Reserve>
  );
}

export function LazyTimelineChart(props: ComponentProps<typeof TimelineChart>) {
  return (
    <Reserve height={chartHeight.timeline(props.outlets.length)}>
      <TimelineChartChart {...props} />
    </Reserve>
  );
}
