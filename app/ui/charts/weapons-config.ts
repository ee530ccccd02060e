import type { ChartData, ChartOptions, ScriptableScaleContext } from "chart.js";
import { panelKey } from "@/app/lib/panel-key";
import { CHART_FONT, HIGHLIGHT, outletLabel, textOn } from "./chart-text";
import type { MarkLabel } from "./mark-labels";
import { pickHandlers } from "./pick";
import type { CodeInfo, CountChartInput, CountRow, OutletInfo } from "./types";

/** The diverging stance axis, and the separate strip for articles that take no stance. */
export const STANCE_AXIS = "x";
export const NO_STANCE_AXIS = "xNone";

/**
 * Where a code is drawn, from the codebook's `side`: against left of zero and
 * for right of zero on the diverging axis; no stance in its own strip beside
 * it, so those articles never read as support.
 */
function placement(code: CodeInfo): { axis: string; sign: 1 | -1 } {
  if (code.side === "against") return { axis: STANCE_AXIS, sign: -1 };
  if (code.side === "for") return { axis: STANCE_AXIS, sign: 1 };
  return { axis: NO_STANCE_AXIS, sign: 1 };
}

/** Short enough for a phone: a longer axis title would be squeezed below 12 px. */
const AXIS_TITLE = "← against · articles · for →";

/** Per outlet, how far its bars reach on each axis (in articles). */
function reach(input: CountChartInput, count: (outlet: string, code: string) => number) {
  const total = (o: OutletInfo, keep: (c: CodeInfo) => boolean) =>
    input.codes.filter(keep).reduce((s, c) => s + count(o.slug, c.key), 0);
  const max = (keep: (c: CodeInfo) => boolean) =>
    Math.max(1, ...input.outlets.map((o) => total(o, keep)));
  return {
    stance: Math.max(
      max((c) => c.side === "against"),
      max((c) => c.side === "for"),
    ),
    none: max((c) => placement(c).axis === NO_STANCE_AXIS),
  };
}

function zeroLine(ctx: ScriptableScaleContext) {
  return ctx.tick.value === 0 ? "#3a3a40" : "#e4e4e8";
}

function data(input: CountChartInput, count: (outlet: string, code: string) => number) {
  const { outlets, codes, panel, dimension } = input;
  return {
    labels: outlets.map(outletLabel),
    datasets: codes.map((c) => {
      const { axis, sign } = placement(c);
      const picked = outlets.map((o) => panel === panelKey(dimension, c.key, o.slug));
      return {
        label: c.label,
        xAxisID: axis,
        // One bar per outlet: the two axes stack apart, but share the outlet's slot.
        stack: "outlet",
        backgroundColor: c.colour,
        borderColor: picked.map((p) => (p ? HIGHLIGHT : "#ffffff")),
        borderWidth: picked.map((p) => (p ? 3 : 1)),
        barPercentage: input.narrow ? 0.6 : 0.8,
        data: outlets.map((o) => count(o.slug, c.key) * sign || 0),
      };
    }),
  } satisfies ChartData<"bar">;
}

function options(
  input: CountChartInput,
  span: { stance: number; none: number },
  datasets: { data: number[] }[],
) {
  const { outlets, codes, narrow } = input;
  const drawnCodes = new Set(datasets.flatMap((d, i) => (d.data.some((v) => v !== 0) ? [i] : [])));
  // Both areas share one length per article: each gets width in proportion to its range.
  const stanceMax = span.stance + 0.5;
  const noneMax = span.none + 0.5;
  const wholeTicks = (from: number, to: number) => (axis: { ticks: { value: number }[] }) => {
    axis.ticks = Array.from({ length: to - from + 1 }, (_, i) => ({ value: from + i }));
  };
  const integer = (v: string | number) => Math.abs(Number(v)).toString();
  return {
    indexAxis: "y",
    maintainAspectRatio: false,
    // Room for the first outlet name when names sit above the bars.
    layout: { padding: { top: narrow ? 6 : 0 } },
    scales: {
      [STANCE_AXIS]: {
        type: "linear",
        stacked: true,
        stack: "weapons",
        stackWeight: 2 * stanceMax,
        min: -stanceMax,
        max: stanceMax,
        afterBuildTicks: wholeTicks(-span.stance, span.stance),
        ticks: { stepSize: 1, callback: integer, font: CHART_FONT },
        grid: { color: zeroLine },
        title: { display: true, text: AXIS_TITLE, font: CHART_FONT },
      },
      [NO_STANCE_AXIS]: {
        type: "linear",
        stacked: true,
        stack: "weapons",
        stackWeight: noneMax,
        position: "bottom",
        min: 0,
        max: noneMax,
        afterBuildTicks: wholeTicks(0, span.none),
        ticks: { stepSize: 1, callback: integer, font: CHART_FONT },
        grid: { color: zeroLine },
        title: { display: true, text: "No stance", font: CHART_FONT },
      },
      y: { stacked: true, ticks: { display: !narrow, font: CHART_FONT }, grid: { display: false } },
    },
    plugins: {
      // Segments name their stance where it fits; short ones carry only a count, so the
      // legend stays, listing only the stances drawn.
      legend: {
        position: "bottom",
        labels: {
          font: CHART_FONT,
          boxWidth: 12,
          filter: (item: { datasetIndex?: number }) => drawnCodes.has(item.datasetIndex ?? -1),
        },
      },
      tooltip: {
        titleFont: CHART_FONT,
        bodyFont: CHART_FONT,
        callbacks: {
          label: (ctx) =>
            `${ctx.dataset.label}: ${Math.abs(Number(ctx.parsed.x))} of ${outlets[ctx.dataIndex].n.articles} articles`,
        },
      },
      markLabels: {
        label: markLabel(input, datasets),
        rows: narrow ? outlets.map(outletLabel) : null,
      },
    },
    ...pickHandlers((d, i) =>
      input.onPick(panelKey(input.dimension, codes[d].key, outlets[i].slug)),
    ),
  } satisfies ChartOptions<"bar">;
}

/** Each segment says its count and, where it fits, its stance. */
function markLabel(input: CountChartInput, counts: { data: number[] }[]) {
  return (d: number, i: number): MarkLabel | null => {
    const n = Math.abs(counts[d].data[i]);
    if (!n) return null;
    const code = input.codes[d];
    return {
      text: `${n} ${code.label}`,
      short: String(n),
      colour: textOn(code.colour),
      place: "center",
    };
  };
}

function countOf(rows: CountRow[]) {
  const count = new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r.count]));
  return (outlet: string, code: string) => count.get(`${outlet}\0${code}`) ?? 0;
}

/**
 * The stance chart's data and options: diverging bars of article stances per
 * outlet, with articles taking no stance in a separate strip to the right.
 */
export function weaponsConfig(input: CountChartInput) {
  const count = countOf(input.rows);
  const drawn = data(input, count);
  return { data: drawn, options: options(input, reach(input, count), drawn.datasets) };
}
