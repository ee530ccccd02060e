import Link from "next/link";
import type { ReactNode } from "react";
import { chartUnit, type ChartSpec } from "@/app/lib/charts";
import { toQueryString, type Unit } from "@/app/lib/filters";
import type { DashboardData } from "@/app/lib/queries/dashboard";
import { outletInfos, timelineArticles } from "@/app/lib/queries/dashboard-charts";
import { plural } from "@/app/lib/shares";
import { meanTakeaway, shareTakeaway, stanceTakeaway, timelineTakeaway } from "@/app/lib/takeaways";
import { LazyShareBars, LazyTimelineChart, LazyToneChart, LazyWeaponsChart } from "../charts/lazy";
import { toneMeans } from "../charts/tone-means";
import type { ChartContext, CodeInfo, OutletInfo, ViewContext } from "../charts/types";
import { CountTable } from "./count-table";
import { Figure } from "./figure";
import { TimelineTable } from "./timeline-table";

function codesOf(data: DashboardData, dimension: string): CodeInfo[] {
  return (data.codebook.find((d) => d.key === dimension)?.codes ?? []).map((c) => ({
    key: c.key,
    label: c.label,
    colour: c.colour,
    value: c.value,
    side: c.side,
  }));
}

/**
 * "JoongAng · 2 articles (18 passages)": articles first, since passages are not
 * independent observations.
 */
function nText(outlets: OutletInfo[], unit: Unit): string {
  const per = (o: OutletInfo) => {
    const passages = unit === "passages" ? ` (${plural(o.n.passages, "passage")})` : "";
    return `${o.shortName} · ${plural(o.n.articles, "article")}${passages}${o.small ? " — small sample" : ""}`;
  };
  return `n: ${outlets.map(per).join("; ")}`;
}

function timelineN(data: DashboardData): string {
  const listed = data.articles.length;
  const articles =
    listed < data.articleTotal
      ? `the ${listed} most recent of ${plural(data.articleTotal, "article")}`
      : plural(data.articleTotal, "article");
  return `n: ${articles}; ${plural(data.events.length, "event")}`;
}

/** Count by passages or articles, for charts that offer both: links, so the URL holds the choice. */
function UnitToggle({
  chart,
  view,
  panel,
}: {
  chart: ChartSpec;
  view: ViewContext;
  panel?: string;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of links, not form controls, so no fieldset
    <div className="unit-toggle" role="group" aria-label="Count by">
      Count:
      {chart.units.map((u) => (
        <Link
          key={u}
          href={`/${toQueryString({ ...view.filters, unit: u }, view, { panel })}`}
          scroll={false}
          aria-current={view.filters.unit === u ? "true" : undefined}
          data-unit={u}
        >
          {u}
        </Link>
      ))}
    </div>
  );
}

/** The chart and its table for one registry entry, by the entry's kind. */
function chartAndTable(
  chart: ChartSpec,
  data: DashboardData,
  view: ViewContext,
  unit: Unit,
  base: FigureBase,
  panel: string | undefined,
) {
  const counts = data.counts[chart.key];
  const outlets = outletInfos(data, counts);
  const codes = codesOf(data, chart.dimension);
  const rows = counts.rows;
  const n = chart.kind === "timeline" ? timelineN(data) : nText(outlets, unit);
  const contextWith = (takeaway: string): ChartContext => ({
    ...base,
    title: chart.question,
    takeaway,
    n,
    smallSample: outlets.filter((o) => o.small).map((o) => o.shortName),
  });
  const tableProps = { dimension: chart.dimension, unit, outlets, codes, rows, view, panel };
  const table = <CountTable {...tableProps} />;
  const common = { id: chart.key, dimension: chart.dimension, outlets, codes, rows, view };
  switch (chart.kind) {
    case "share-bars": {
      const takeaway = shareTakeaway({ outlets, codes, rows }, unit);
      const layout = chart.stackedIn?.includes(unit) ? "stacked" : "grouped";
      const props = {
        ...common,
        title: chart.question,
        unit,
        layout,
        context: contextWith(takeaway),
      } as const;
      return { n, takeaway, chart: <LazyShareBars {...props} />, table };
    }
    case "weapons": {
      const takeaway = stanceTakeaway({ outlets, codes, rows });
      return {
        n,
        takeaway,
        chart: <LazyWeaponsChart {...common} context={contextWith(takeaway)} />,
        table,
      };
    }
    case "tone": {
      const takeaway = meanTakeaway({ outlets, codes, rows });
      const means = toneMeans(outlets, codes, rows);
      const values = Object.fromEntries(
        outlets.map((o) => [o.slug, means.get(o.slug)?.mean.toFixed(2) ?? "–"]),
      );
      return {
        n,
        takeaway,
        chart: <LazyToneChart {...common} context={contextWith(takeaway)} />,
        table: <CountTable {...tableProps} extra={{ header: "Mean tone", values }} />,
      };
    }
    case "timeline": {
      const articles = timelineArticles(data, chart.dimension);
      const events = data.events.map((e) => ({ key: e.key, date: e.date, label: e.label }));
      const takeaway = timelineTakeaway(articles, events);
      const dimensionLabel =
        data.codebook.find((d) => d.key === chart.dimension)?.label ?? chart.dimension;
      return {
        n,
        takeaway,
        chart: (
          <LazyTimelineChart
            id={chart.key}
            dimension={{ key: chart.dimension, label: dimensionLabel }}
            outlets={outlets}
            stances={codes}
            articles={articles}
            events={events}
            context={contextWith(takeaway)}
          />
        ),
        table: <TimelineTable data={data} dimension={chart.dimension} />,
      };
    }
  }
}

/** What every chart's context shares: the filters, the coder and the source line. */
type FigureBase = Pick<ChartContext, "filters" | "coder" | "source">;

/** One dashboard chart from its registry entry: question, what it counts, n, chart and table. */
export function ChartFigure({
  chart,
  data,
  view,
  panel,
  base,
  agreement,
}: {
  chart: ChartSpec;
  data: DashboardData;
  view: ViewContext;
  panel?: string;
  base: FigureBase;
  /** The chart's agreement badge. */
  agreement?: ReactNode;
}) {
  const unit = chartUnit(chart, view.filters.unit);
  const drawn = chartAndTable(chart, data, view, unit, base, panel);
  return (
    <Figure
      id={chart.key}
      title={chart.question}
      takeaway={drawn.takeaway}
      counts={chart.counts[unit] ?? ""}
      n={drawn.n}
      coder={base.coder}
      agreement={agreement}
      controls={
        chart.units.length > 1 ? <UnitToggle chart={chart} view={view} panel={panel} /> : undefined
      }
      chart={drawn.chart}
      table={drawn.table}
    />
  );
}
