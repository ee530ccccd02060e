import type { Filters } from "@/app/lib/filter-query";
import type { TimelineArticle } from "./timeline-config";

/** Plain data the server hands to chart components (no functions: it crosses to the client). */
export interface OutletInfo {
  slug: string;
  name: string;
  shortName: string;
  n: { articles: number; passages: number };
  /** Fewer than SMALL_SAMPLE (app/lib/shares.ts) articles in view: marked as a small sample wherever it is drawn. */
  small: boolean;
}

export interface CodeInfo {
  key: string;
  label: string;
  colour: string;
  value?: number | null;
  /** For stance codes, from the codebook: which side of a diverging axis the code sits on. */
  side?: "against" | "for" | "none" | null;
}

export interface CountRow {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}

export interface ViewContext {
  filters: Filters;
  defaultCoder: string;
}

/**
 * What a chart carries besides its numbers, so that an exported PNG (and any
 * other copy of the chart) stands on its own.
 */
export interface ChartContext {
  /** The chart's question. */
  title: string;
  /** Its finding, computed from the numbers shown (app/lib/takeaways.ts). */
  takeaway: string;
  /** Articles and passages per outlet, e.g. "JoongAng · 2 articles (18 passages)". */
  n: string;
  /** The filters in one line (describeFilters). */
  filters: string;
  /** Who coded, and what is known of reliability. */
  coder: string;
  /** "Framescope · YYYY-MM-DD". */
  source: string;
  /** Short names of the outlets marked as small samples. */
  smallSample: string[];
}

/** What every chart of counts per outlet and code receives. */
export interface CountChartProps {
  /** The chart's registry key: download names. */
  id: string;
  /** The codebook dimension it counts: drill-down panel keys, CSV headers. */
  dimension: string;
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  view: ViewContext;
  /** Title, takeaway, n, filters, coder and source, carried into the PNG export. */
  context: ChartContext;
}

/** What a count chart's configuration is built from: its data, the open panel, the screen width. */
export interface CountChartInput {
  dimension: string;
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  /** The URL's `panel`: the mark it names is drawn highlighted. */
  panel: string | null;
  /** Phone width: outlet names go above their marks. */
  narrow: boolean;
  /** Called with the panel key of a clicked mark. */
  onPick: (panel: string) => void;
}

/** One dashboard chart's data for a filter (GET /api/v1/dashboard): what changes with the filter. */
export interface ChartData {
  /** The unit the chart counts in under the filter (chartUnit). */
  unit: "passages" | "articles";
  outlets: OutletInfo[];
  rows: CountRow[];
  /** The timeline's articles. */
  articles?: TimelineArticle[];
}

/** GET /api/v1/dashboard: every chart's data, by chart key (DASHBOARD_CHARTS). */
export interface DashboardCharts {
  articleTotal: number;
  charts: Record<string, ChartData>;
}
