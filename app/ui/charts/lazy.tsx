"use client";
import dynamic from "next/dynamic";
import type { ComponentProps, ReactNode } from "react";
import { DASHBOARD_CHARTS } from "@/app/lib/charts";
import { useChartData, useSameProps } from "./chart-store";
import type { ShareBars } from "./share-bars";
import { chartHeight } from "./sizes";
import type { TimelineChart } from "./timeline-chart";
import type { OutletInfo } from "./types";
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

/** `outlets`: the outlets the chart draws (data-outlets, for tests). */
function Reserve({
  height,
  outlets,
  children,
}: {
  height: number;
  outlets: OutletInfo[];
  children: ReactNode;
}) {
  return (
    <div
      className="chart-reserve"
      style={{ minHeight: height + ACTIONS_ROW }}
      data-outlets={outlets.map((o) => o.slug).join(" ")}
    >
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

/**
 * A chart's props, with the data fetched for a newer filter in their place
 * while the page's own render for it is on its way (chart-store.ts).
 */
function useLatest<P extends { id: string; outlets: OutletInfo[] }>(given: P): P {
  const fetched = useChartData(given.id);
  let props = given;
  if (fetched) {
    const { unit, outlets, rows, articles } = fetched.data;
    const stacked = DASHBOARD_CHARTS.find((c) => c.key === given.id)?.stackedIn?.includes(unit);
    props = { ...given, outlets };
    if ("view" in given) Object.assign(props, { view: fetched.view, rows });
    if ("unit" in given) Object.assign(props, { unit, layout: stacked ? "stacked" : "grouped" });
    if ("articles" in given && articles) Object.assign(props, { articles });
  }
  return useSameProps(props);
}

export function LazyShareBars(given: ComponentProps<typeof ShareBars>) {
  const props = useLatest(given);
  return (
    <Reserve
      height={chartHeight.shareBars(props.outlets.length, props.codes.length)}
      outlets={props.outlets}
    >
      <ShareBarsChart {...props} />
    </Reserve>
  );
}

export function LazyWeaponsChart(given: ComponentProps<typeof WeaponsChart>) {
  const props = useLatest(given);
  return (
    <Reserve height={chartHeight.weapons(props.outlets.length)} outlets={props.outlets}>
      <WeaponsChartChart {...props} />
    </Reserve>
  );
}

export function LazyToneChart(given: ComponentProps<typeof ToneChart>) {
  const props = useLatest(given);
  return (
    <Reserve height={chartHeight.tone(props.outlets.length)} outlets={props.outlets}>
      <ToneChartChart {...props} />
    </Reserve>
  );
}

export function LazyTimelineChart(given: ComponentProps<typeof TimelineChart>) {
  const props = useLatest(given);
  return (
    <Reserve height={chartHeight.timeline(props.outlets.length)} outlets={props.outlets}>
      <TimelineChartChart {...props} />
    </Reserve>
  );
}
