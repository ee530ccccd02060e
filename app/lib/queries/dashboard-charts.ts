import "server-only";
import { chartUnit, DASHBOARD_CHARTS } from "../charts";
import type { Filters } from "../filters";
import { isSmallSample } from "../shares";
import type { ChartData, DashboardCharts } from "@/app/ui/charts/types";
import { getDashboard } from "./dashboard";

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
    const outlets = data.outlets
      .filter((o) => counts.n[o.slug])
      .map((o) => ({
        slug: o.slug,
        name: o.name,
        shortName: o.shortName,
        n: counts.n[o.slug],
        small: isSmallSample(counts.n[o.slug].articles),
      }));
    charts[chart.key] = {
      unit,
      outlets,
      rows: counts.rows,
      ...(chart.kind === "timeline" && {
        articles: data.articles.map((a) => ({
          slug: a.slug,
          outlet: a.outlet.slug,
          headline: a.headline,
          publishedAt: a.publishedAt,
          datePrecision: a.datePrecision,
          dateReason: a.dateReason,
          stance: (a.codes[chart.dimension] as string) ?? null,
        })),
      }),
    };
  }
  return { articleTotal: data.articleTotal, charts };
}
