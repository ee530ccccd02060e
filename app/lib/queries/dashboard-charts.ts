import "server-only";
import { chartUnit, DASHBOARD_CHARTS } from "../charts";
import type { Filters } from "../filters";
import { isSmallSample } from "../shares";
import type { ChartData, DashboardCharts, OutletInfo } from "@/app/ui/charts/types";
import { type DashboardData, getDashboard } from "./dashboard";
import type { FrameCounts } from "./frames";

/**
 * What each dashboard chart draws for one filter, in the shape the chart
 * components take (outlets with their n, count rows; the timeline's articles),
 * by chart key. The codebook and the events do not depend on the filter, so
 * they are left out. Read from getDashboard, so it shares its queries and cache.
 */
export async function getDashboardCharts(filters: Filters): Promise<DashboardCharts> {
  const data = await getDashboard(filters);
  const charts: Record<string, ChartData> = {};
  for (const chart of DASHBOARD_CHARTS) {
    const counts = data.counts[chart.key];
    const unit = chartUnit(chart, filters.unit);
    const outlets = outletInfos(data, counts);
    charts[chart.key] = {
      unit,
      outlets,
      rows: counts.rows,
      ...(chart.kind === "timeline" && { articles: timelineArticles(data, chart.dimension) }),
    };
  }
  return { articleTotal: data.articleTotal, charts };
}

/**
 * The outlets a chart draws, with their n: the page's charts and this endpoint's take the same,
 * so a redraw from the endpoint and the page's render that follows it agree.
 */
export function outletInfos(data: DashboardData, counts: FrameCounts): OutletInfo[] {
  return data.outlets
    .filter((o) => counts.n[o.slug])
    .map((o) => {
      const n = counts.n[o.slug];
      return {
        slug: o.slug,
        name: o.name,
        shortName: o.shortName,
        n,
        small: isSmallSample(n.articles),
      };
    });
}

/** The timeline's articles, each with its code in the chart's dimension (null: none). */
export function timelineArticles(data: DashboardData, dimension: string) {
  return data.articles.map((a) => ({
    slug: a.slug,
    outlet: a.outlet.slug,
    headline: a.headline,
    publishedAt: a.publishedAt,
    datePrecision: a.datePrecision,
    dateReason: a.dateReason,
    stance: (a.codes[dimension] as string) ?? null,
  }));
}
