/**
 * The dashboard's charts, in the order they appear. This list is the one
 * place a chart is declared: the dashboard page and its query, the compare
 * page, the link-preview image, the benchmarks and the end-to-end specs all
 * read it. Plain data, safe to import anywhere (server, client, scripts).
 */
import type { Unit } from "./filter-query";

/** How a chart draws its numbers; each kind has one chart component. */
export type ChartKind = "share-bars" | "weapons" | "tone" | "timeline";

export interface ChartSpec {
  /** Stable id: the figure's id and data-chart, the download file names. */
  key: string;
  /** The codebook dimension it counts. */
  dimension: string;
  /**
   * The units it can count, the first being its own: a chart follows the
   * filter's unit when it offers it, and otherwise counts in its first unit.
   */
  units: readonly Unit[];
  kind: ChartKind;
  /** The question the chart answers, its title. */
  question: string;
  /** What one mark counts, per unit it offers. */
  counts: Partial<Record<Unit, string>>;
  /** Share bars: 100 % stacked per outlet in these units; grouped bars otherwise. */
  stackedIn?: readonly Unit[];
}

export const DASHBOARD_CHARTS: readonly ChartSpec[] = [
  {
    key: "ties-by-outlet",
    dimension: "ties",
    units: ["passages", "articles"],
    kind: "share-bars",
    question: "How is the Russia–North Korea relationship framed?",
    counts: {
      passages: "Share of coded passages per outlet (100 % stacked)",
      articles: "Share of articles with each framing (an article can have several)",
    },
    stackedIn: ["passages"],
  },
  {
    key: "weapons-by-outlet",
    dimension: "weapons",
    units: ["articles"],
    kind: "weapons",
    question: "Should Seoul send weapons to Ukraine?",
    counts: { articles: "Articles by stance (one stance per article, in the article's own voice)" },
  },
  {
    key: "remedy-by-outlet",
    dimension: "remedy",
    units: ["passages", "articles"],
    kind: "share-bars",
    question: "What should Seoul do?",
    counts: {
      passages: "Share of remedy passages per outlet",
      articles: "Share of articles proposing each remedy",
    },
  },
  {
    key: "blame-by-outlet",
    dimension: "blame",
    units: ["passages", "articles"],
    kind: "share-bars",
    question: "Who is held responsible for the rising tension?",
    counts: {
      passages: "Share of blame passages per outlet",
      articles: "Share of articles blaming each party",
    },
  },
  {
    key: "tone-by-outlet",
    dimension: "tone_gov",
    units: ["articles"],
    kind: "tone",
    question: "How do outlets judge Seoul's handling?",
    counts: {
      articles:
        "Articles: each one's tone, −2 critical … +2 supportive; the bar marks the outlet mean",
    },
  },
  {
    key: "generic-by-outlet",
    dimension: "generic",
    units: ["articles"],
    kind: "share-bars",
    question: "Which generic news frames do outlets use?",
    counts: { articles: "Share of articles in which each frame is present (Semetko & Valkenburg)" },
  },
  {
    key: "timeline",
    dimension: "weapons",
    units: ["articles"],
    kind: "timeline",
    question: "When did each outlet publish, and where did it stand?",
    counts: {
      articles:
        "Articles by publication date, coloured by stance on arms for Ukraine; hollow diamonds are inferred dates",
    },
  },
];

/** The unit a chart counts in under a filter's unit. */
export function chartUnit(chart: ChartSpec, unit: Unit): Unit {
  return chart.units.includes(unit) ? unit : chart.units[0];
}
