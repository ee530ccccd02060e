import type { ActiveElement, ChartEvent } from "chart.js";

/**
 * Chart.js `onHover` and `onClick` options that make a chart's bars or dots
 * lead somewhere: a pointer cursor over one, and `onPick(datasetIndex, index)`
 * when it is clicked. Chart.js finds the element with the chart's own
 * interaction mode, as for its tooltip.
 */
export function pickHandlers(onPick: (datasetIndex: number, index: number) => void) {
  return {
    onHover: (event: ChartEvent, elements: ActiveElement[]) => {
      const target = event.native?.target as HTMLElement | undefined;
      if (target) target.style.cursor = elements.length ? "pointer" : "default";
    },
    onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
      if (elements.length) onPick(elements[0].datasetIndex, elements[0].index);
    },
  };
}
