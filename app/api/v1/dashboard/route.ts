import { methods, ok, route } from "@/app/lib/api";
import { filtersQuery } from "@/app/lib/filters";
import { getDashboardCharts } from "@/app/lib/queries/dashboard-charts";

/**
 * Every dashboard chart's data for one filter (the dashboard's filter
 * parameters), compactly: what the page's charts redraw from when a filter
 * changes, before the page itself follows.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ query: (vocab) => filtersQuery(vocab) }, async ({ query }) =>
    ok(await getDashboardCharts(query.filters)),
  ),
});
