"use client";
import type { Chart } from "chart.js";
import { type ReactNode, type RefObject, useLayoutEffect } from "react";

/**
 * The box a chart's canvas fills, `height` pixels tall. When a new filter changes the height
 * (more or fewer outlets), the chart is fitted to the new box in the same commit, before its own
 * update draws the new data: otherwise it would draw at the old size and again a frame or more
 * later, when its resize observer noticed the change.
 */
export function ChartCanvas({
  chart,
  height,
  children,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: any chart type; only resize() is called
  chart: RefObject<Chart<any, any> | null>;
  height: number;
  children: ReactNode;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the height changes
  useLayoutEffect(() => {
    // The first render has no chart yet (it is made in an effect); later renders resize it.
    chart.current?.resize();
  }, [chart, height]);
  return (
    <div className="chart-canvas" style={{ height }}>
      {children}
    </div>
  );
}
