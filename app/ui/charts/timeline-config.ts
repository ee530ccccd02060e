import type { Chart, ChartData, ChartOptions, LegendItem, PointStyle } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { CHART_FONT } from "./chart-text";
import { pickHandlers } from "./pick";
import type { CodeInfo, OutletInfo } from "./types";

export interface TimelineArticle {
  slug: string;
  outlet: string;
  headline: string;
  publishedAt: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  /** The article's code in the chart's dimension (its stance), or null. */
  stance: string | null;
}

export interface TimelineEvent {
  key: string;
  date: string;
  label: string;
}

/** An article placed on the chart: x its date, y its outlet's row. */
export interface ArticlePoint {
  x: number;
  y: number;
  article: TimelineArticle;
}

export interface TimelineInput {
  /** The stance dimension colouring the marks: its key and label. */
  dimension: { key: string; label: string };
  outlets: OutletInfo[];
  stances: CodeInfo[];
  articles: TimelineArticle[];
  events: TimelineEvent[];
  /** Phone width: outlet names go above the rows, and the plot is narrow. */
  narrow: boolean;
  /** Called with the slug of a clicked article. */
  onOpen: (slug: string) => void;
}

/** Event lines are dark and dashed; gridlines are pale and solid. */
export const EVENT_LINE = { colour: "#3a3a40", dash: [6, 4], width: 1.5 } as const;
const GRID = "#ececf0";
const UNCODED = { key: "", label: "not coded", colour: "#767676" };

/** Plot width assumed when deciding whether event names fit side by side. */
const PLOT_WIDTH = { wide: 900, narrow: 300 };
/** Rough width of a 12 px character, and a label's padding. */
const CHAR_PX = 7;
const LABEL_PAD = 14;

/** The time axis spans the articles; events outside it stay in the table. */
export function timeSpan(articles: TimelineArticle[]) {
  const times = articles.map((a) => Date.parse(a.publishedAt));
  return { min: Math.min(...times) - 45 * 864e5, max: Math.max(...times) + 30 * 864e5 };
}

/**
 * How the events in range are labelled: by name when the names fit side by
 * side, otherwise by number, with the names in the legend as a key. Each
 * label gets a row (0 = top) so that no two labels in one row overlap.
 */
export function eventLabels(
  events: TimelineEvent[],
  span: { min: number; max: number },
  plotWidth: number,
) {
  const shown = events
    .filter((e) => Date.parse(e.date) >= span.min && Date.parse(e.date) <= span.max)
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const px = (e: TimelineEvent) =>
    ((Date.parse(e.date) - span.min) / (span.max - span.min)) * plotWidth;
  const rows = (text: (e: TimelineEvent, i: number) => string) => {
    const ends: number[] = [];
    return shown.map((e, i) => {
      // A label is centred on its line.
      const half = (text(e, i).length * CHAR_PX + LABEL_PAD) / 2;
      const row = ends.findIndex((end) => end < px(e) - half);
      const at = row < 0 ? ends.length : row;
      ends[at] = px(e) + half;
      return at;
    });
  };
  const named = rows((e) => e.label);
  const numbered = named.some((r) => r > 0);
  const text = (e: TimelineEvent, i: number) => (numbered ? String(i + 1) : e.label);
  return { shown, numbered, text: shown.map(text), row: numbered ? rows(text) : named };
}

function data({ outlets, stances, articles }: TimelineInput) {
  const row = new Map(outlets.map((o, i) => [o.slug, i]));
  const groups = [...stances, UNCODED]
    .map((s) => ({
      stance: s,
      points: articles
        .filter((a) => (a.stance ?? "") === s.key)
        .map((a) => ({ x: Date.parse(a.publishedAt), y: row.get(a.outlet) ?? 0, article: a })),
    }))
    .filter((g) => g.points.length);
  return {
    datasets: groups.map(({ stance, points }) => ({
      label: stance.label,
      data: points,
      pointRadius: 8,
      pointHoverRadius: 10,
      pointStyle: points.map(
        (p): PointStyle => (p.article.datePrecision === "exact" ? "circle" : "rectRot"),
      ),
      backgroundColor: points.map((p) =>
        p.article.datePrecision === "exact" ? stance.colour : "#ffffff",
      ),
      borderColor: stance.colour,
      borderWidth: points.map((p) => (p.article.datePrecision === "exact" ? 1 : 3)),
    })),
  } satisfies ChartData<"scatter", ArticlePoint[]>;
}

function annotations(labels: ReturnType<typeof eventLabels>) {
  return Object.fromEntries(
    labels.shown.map((e, i): [string, AnnotationOptions] => [
      e.key,
      {
        type: "line",
        scaleID: "x",
        value: Date.parse(e.date),
        borderColor: EVENT_LINE.colour,
        borderWidth: EVENT_LINE.width,
        borderDash: [...EVENT_LINE.dash],
        label: {
          display: true,
          content: labels.text[i],
          position: "start",
          yAdjust: labels.row[i] * 22,
          font: { ...CHART_FONT, weight: "bold" },
          backgroundColor: "rgba(255,255,255,0.92)",
          color: EVENT_LINE.colour,
          padding: 3,
        },
      },
    ]),
  );
}

/** The legend: one entry per stance drawn, the hollow diamond, and the event key when numbered. */
function legendItems(
  datasets: { label: string; borderColor: string }[],
  labels: ReturnType<typeof eventLabels>,
  narrow: boolean,
) {
  // A phone's legend line holds about 44 characters.
  const shorten = (text: string) => (narrow && text.length > 44 ? `${text.slice(0, 43)}…` : text);
  return (chart: Pick<Chart, "isDatasetVisible">): LegendItem[] => [
    ...datasets.map((d, i) => ({
      text: d.label,
      datasetIndex: i,
      hidden: !chart.isDatasetVisible(i),
      fillStyle: d.borderColor,
      strokeStyle: d.borderColor,
      pointStyle: "circle" as const,
      lineWidth: 1,
    })),
    {
      text: "date inferred (hollow)",
      fillStyle: "#ffffff",
      strokeStyle: "#3a3a40",
      pointStyle: "rectRot",
      lineWidth: 2,
    },
    ...(labels.numbered
      ? labels.shown.map((e, i) => ({
          text: shorten(`${i + 1} ${e.label}`),
          fillStyle: EVENT_LINE.colour,
          strokeStyle: EVENT_LINE.colour,
          pointStyle: "line" as const,
          lineWidth: 2,
          lineDash: [...EVENT_LINE.dash],
        }))
      : []),
  ];
}

function outletTick(outlets: OutletInfo[]) {
  return (v: string | number) =>
    Number.isInteger(Number(v)) && outlets[Number(v)] ? outletName(outlets[Number(v)]) : "";
}

function outletName(o: OutletInfo) {
  return o.small ? `${o.shortName} · small sample` : o.shortName;
}

function tooltipLabel(dimension: string, stances: CodeInfo[]) {
  const label = new Map(stances.map((s) => [s.key, s.label]));
  return (ctx: { raw: unknown }) => {
    const a = (ctx.raw as ArticlePoint).article;
    const stance = `${dimension}: ${label.get(a.stance ?? "") ?? "not coded"}`;
    return a.datePrecision === "exact"
      ? [`${a.publishedAt} (stated on the page)`, stance]
      : [`${a.publishedAt} (inferred)`, stance, ...(a.dateReason ? wrap(a.dateReason, 70) : [])];
  };
}

function options(input: TimelineInput, drawn: ReturnType<typeof data>) {
  const { outlets, events, narrow } = input;
  const span = timeSpan(input.articles);
  const labels = eventLabels(events, span, narrow ? PLOT_WIDTH.narrow : PLOT_WIDTH.wide);
  const rowsOfLabels = Math.max(0, ...labels.row) + 1;
  return {
    maintainAspectRatio: false,
    layout: { padding: { top: 4 } },
    scales: {
      x: {
        type: "time",
        min: span.min,
        max: span.max,
        time: { unit: "month", tooltipFormat: "d MMM yyyy" },
        ticks: { font: CHART_FONT, maxRotation: 0, autoSkipPadding: 12 },
        grid: { color: GRID },
        title: {
          display: true,
          text: `publication date · ${labels.shown.length} of ${events.length} events in range (dashed lines)`,
          font: CHART_FONT,
        },
      },
      y: {
        // Room above the first row for the event labels.
        min: -0.6 - (narrow ? 0.6 : 0.3) * rowsOfLabels,
        max: outlets.length - 0.4,
        reverse: true,
        afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
          axis.ticks = outlets.map((_, value) => ({ value }));
        },
        ticks: { display: !narrow, font: CHART_FONT, callback: outletTick(outlets) },
        grid: { display: false },
      },
    },
    plugins: {
      annotation: { annotations: annotations(labels) },
      legend: {
        position: "bottom",
        labels: {
          font: CHART_FONT,
          usePointStyle: true,
          boxWidth: 12,
          generateLabels: legendItems(drawn.datasets, labels, narrow),
        },
        // Only stance entries toggle their articles; the key entries are not switches.
        onClick: (_e, item, legend) => {
          if (item.datasetIndex === undefined) return;
          const chart = legend.chart;
          chart.setDatasetVisibility(item.datasetIndex, !chart.isDatasetVisible(item.datasetIndex));
          chart.update();
        },
      },
      tooltip: {
        titleFont: CHART_FONT,
        bodyFont: CHART_FONT,
        callbacks: {
          title: (items) => (items[0].raw as ArticlePoint).article.headline,
          label: tooltipLabel(input.dimension.label, input.stances),
        },
      },
      markLabels: { rows: narrow ? outlets.map(outletName) : null },
    },
    ...pickHandlers((d, i) => input.onOpen(drawn.datasets[d].data[i].article.slug)),
  } satisfies ChartOptions<"scatter">;
}

/**
 * The timeline's data and options: articles on a time axis, one row per
 * outlet, one dataset per stance; inferred dates as hollow diamonds; events
 * as dashed lines, named or numbered with a key.
 */
export function timelineConfig(input: TimelineInput) {
  const drawn = data(input);
  return { data: drawn, options: options(input, drawn) };
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (`${line} ${word}`.trim().length > width) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  if (line) lines.push(line);
  return lines;
}
