import Link from "next/link";
import { chartUnit, type ChartSpec } from "@/app/lib/charts";
import { toQueryString, type Unit } from "@/app/lib/filters";
import type { DashboardData } from "@/app/lib/queries/dashboard";
import type { FrameCounts } from "@/app/lib/queries/frames";
import { LazyShareBars, LazyTimelineChart, LazyToneChart, LazyWeaponsChart } from "../charts/lazy";
import { toneMeans } from "../charts/tone-means";
import type { CodeInfo, OutletInfo, ViewContext } from "../charts/types";
import { CountTable } from "./count-table";
import { Figure } from "./figure";
import { TimelineTable } from "./timeline-table";

function outletInfos(data: DashboardData, counts: FrameCounts): OutletInfo[] {
  return data.outlets
    .filter((o) => counts.n[o.slug])
    .map((o) => ({ slug: o.slug, name: o.name, shortName: o.shortName, n: counts.n[o.slug] }));
}

function codesOf(data: DashboardData, dimension: string): CodeInfo[] {
  return (data.codebook.find((d) => d.key === dimension)?.codes ?? []).map((c) => ({
    key: c.key,
    label: c.label,
    colour: c.colour,
    value: c.value,
    side: c.side,
  }));
}

function nText(outlets: OutletInfo[], unit: Unit): string {
  const per = (o: OutletInfo) =>
    unit === "passages"
      ? `${o.shortName} ${o.n.passages} passages in ${o.n.articles} articles`
      : `${o.shortName} ${o.n.articles} articles`;
  return `n: ${outlets.map(per).join("; ")}`;
}

function timelineN(data: DashboardData): string {
  const listed = data.articles.length;
  const articles =
    listed < data.articleTotal
      ? `the ${listed} most recent of ${data.articleTotal} articles`
      : `${data.articleTotal} articles`;
  return `n: ${articles}; ${data.events.length} events`;
}

/** Count by passages or articles, for charts that offer both: links, so the choice is part of the URL. */
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
function chartAndTable(chart: ChartSpec, data: DashboardData, view: ViewContext, unit: Unit) {
  const counts = data.counts[chart.key];
  const outlets = outletInfos(data, counts);
  const codes = codesOf(data, chart.dimension);
  const rows = counts.rows;
  const tableProps = { dimension: chart.dimension, unit, outlets, codes, rows, view };
  const table = <CountTable {...tableProps} />;
  switch (chart.kind) {
    case "share-bars": {
      const layout = chart.stackedIn?.includes(unit) ? "stacked" : "grouped";
      const props = {
        id: chart.key,
        dimension: chart.dimension,
        title: chart.question,
        unit,
        layout,
        outlets,
        codes,
        rows,
        view,
      } as const;
      return { outlets, chart: <LazyShareBars {...props} />, table };
    }
    case "weapons":
      return {
        outlets,
        chart: (
          <LazyWeaponsChart
            id={chart.key}
            dimension={chart.dimension}
            outlets={outlets}
            codes={codes}
            rows={rows}
            view={view}
          />
        ),
        table,
      };
    case "tone": {
      const means = toneMeans(outlets, codes, rows);
      const values = Object.fromEntries(
        outlets.map((o) => [o.slug, means.get(o.slug)?.mean.toFixed(2) ?? "–"]),
      );
      return {
        outlets,
        chart: (
          <LazyToneChart
            id={chart.key}
            dimension={chart.dimension}
            outlets={outlets}
            codes={codes}
            rows={rows}
            view={view}
          />
        ),
        table: <CountTable {...tableProps} extra={{ header: "Mean tone", values }} />,
      };
    }
    case "timeline": {
      const articles = data.articles.map((a) => ({
        slug: a.slug,
        outlet: a.outlet.slug,
        headline: a.headline,
        publishedAt: a.publishedAt,
        datePrecision: a.datePrecision,
        dateReason: a.dateReason,
        stance: (a.codes[chart.dimension] as string) ?? null,
      }));
      const events = data.events.map((e) => ({ key: e.key, date: e.date, label: e.label }));
      const dimensionLabel =
        data.codebook.find((d) => d.key === chart.dimension)?.label ?? chart.dimension;
      return {
        outlets,
        chart: (
          <LazyTimelineChart
            id={chart.key}
            dimension={{ key: chart.dimension, label: dimensionLabel }}
            outlets={outlets}
            stances={codes}
            articles={articles}
            events={events}
          />
        ),
        table: <TimelineTable data={data} dimension={chart.dimension} />,
      };
    }
  }
}

/** One dashboard chart, read from its registry entry: question, what it counts, n, chart and table. */
export function ChartFigure({
  chart,
  data,
  view,
  panel,
}: {
  chart: ChartSpec;
  data: DashboardData;
  view: ViewContext;
  panel?: string;
}) {
  const unit = chartUnit(chart, view.filters.unit);
  const drawn = chartAndTable(chart, data, view, unit);
  return (
    <Figure
      id={chart.key}
      title={chart.question}
      counts={chart.counts[unit] ?? ""}
      n={chart.kind === "timeline" ? timelineN(data) : nText(drawn.outlets, unit)}
      controls={
        chart.units.length > 1 ? <UnitToggle chart={chart} view={view} panel={panel} /> : undefined
      }
      chart={drawn.chart}
      table={drawn.table}
    />
  );
}
