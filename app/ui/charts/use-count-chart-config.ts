"use client";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { CountChartInput, CountChartProps } from "./types";
import { useDrillDown } from "./use-drill-down";
import { useNarrow } from "./use-narrow";

/**
 * A count chart's Chart.js data and options from its pure config builder,
 * rebuilt when the data, the URL's open panel or the screen width change;
 * a click on a mark opens its evidence.
 */
export function useCountChartConfig<C>(
  build: (input: CountChartInput) => C,
  { dimension, outlets, codes, rows, view }: CountChartProps,
): C {
  const onPick = useDrillDown(view);
  const panel = useSearchParams().get("panel");
  const narrow = useNarrow();
  return useMemo(
    () => build({ dimension, outlets, codes, rows, panel, narrow, onPick }),
    [build, dimension, outlets, codes, rows, panel, narrow, onPick],
  );
}
