import Link from "next/link";
import { Fragment } from "react";
import { DASHBOARD_CHARTS } from "@/app/lib/charts";
import { dayBefore } from "@/app/lib/periods";
import { describeFilters, type FilterIssue } from "@/app/lib/filters";
import type { DashboardData } from "@/app/lib/queries/dashboard";
import { ChartAgreement } from "../agreement/agreement-badge";
import { agreementHref } from "../agreement/format";
import { loadAgreement } from "../agreement/load";
import type { ViewContext } from "../charts/types";
import { FilterBar, type Preset } from "../filters/filter-bar";
import { ParamNotice } from "../notice";
import { ShareControls } from "../share-controls";
import { ArticleTable } from "./article-table";
import { ChartFigure } from "./chart-figure";
import { ExportLinks } from "./export-links";

/** "All dates", then "before" and "from" each event the events data marks as a preset. */
export function datePresets(events: DashboardData["events"]): Preset[] {
  const presets: Preset[] = [{ id: "all", label: "All dates", from: null, to: null }];
  for (const e of events.filter((x) => x.preset)) {
    presets.push({
      id: `before-${e.key}`,
      label: `Before: ${e.label} (${e.date})`,
      from: null,
      to: dayBefore(e.date),
    });
    presets.push({
      id: `after-${e.key}`,
      label: `From: ${e.label} (${e.date})`,
      from: e.date,
      to: null,
    });
  }
  return presets;
}

function Summary({ data, coder }: { data: DashboardData; coder: string }) {
  const outletCount = Object.keys(Object.values(data.counts)[0]?.n ?? {}).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <p className="summary" data-testid="summary">
      {data.articleTotal === 0
        ? "No articles match these filters."
        : `${plural(data.articleTotal, "article")} from ${plural(outletCount, "outlet")}, coded by ${coder}.`}{" "}
      Every number links to the passages behind it; see the{" "}
      <Link href="/codebook">codebook and method</Link>.
    </p>
  );
}

function EmptyState() {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>No articles match these filters</h2>
      <p>Widen the date range, or select more outlets or genres.</p>
      <p>
        <Link href="/">Show all articles</Link>
      </p>
    </section>
  );
}

export function Dashboard({
  data,
  view,
  issues,
  coders,
  namedCoder = null,
  panel,
  evidence,
  savedTitle,
}: {
  data: DashboardData;
  view: ViewContext;
  issues: FilterIssue[];
  coders: { key: string; name: string }[];
  /** The coder the URL names, if any: the exports then hold that coder's codings only. */
  namedCoder?: string | null;
  panel?: string;
  /** The open evidence panel and the dimension it belongs to. */
  evidence?: { dimension: string; node: React.ReactNode } | null;
  savedTitle?: string;
}) {
  const { filters } = view;
  // The panel opens next to the first chart of its dimension, where the reader clicked.
  const evidenceAfter = evidence
    ? DASHBOARD_CHARTS.find((c) => c.dimension === evidence.dimension)?.key
    : undefined;
  const base = {
    filters: describeFilters(filters),
    coder: `coded by ${filters.coder}`,
    source: `Framescope · ${new Date().toISOString().slice(0, 10)}`,
  };
  // Started here and awaited only inside each chart's badge, so no chart waits for agreement.
  const agreement = data.articleTotal > 0 ? loadAgreement(filters) : null;
  const dimensionLabel = (key: string) => data.codebook.find((d) => d.key === key)?.label ?? key;
  return (
    <>
      {/* The first paint waits until the filter bar is parsed whole (browsers that know
          rel="expect"): painted half-parsed, a fieldset would move when the rest arrives. */}
      <link rel="expect" href="#filters-end" {...{ blocking: "render" }} />
      <section className="intro">
        <h1>
          {savedTitle ?? "How outlets frame the Russia–North Korea ties and Seoul's arms debate"}
        </h1>
        <Summary data={data} coder={filters.coder} />
        <ShareControls filters={filters} defaultCoder={view.defaultCoder} panel={panel} />
        <ExportLinks filters={filters} namedCoder={namedCoder} />
      </section>
      <ParamNotice issues={issues} />
      <FilterBar
        filters={filters}
        defaultCoder={view.defaultCoder}
        outlets={data.outlets.map((o) => ({ slug: o.slug, name: o.name }))}
        coders={coders}
        presets={datePresets(data.events)}
        panel={panel}
      />
      <span id="filters-end" hidden />
      {data.articleTotal === 0 ? (
        <EmptyState />
      ) : (
        <>
          {evidence && !evidenceAfter && evidence.node}
          <div className="charts">
            {DASHBOARD_CHARTS.map((chart) => (
              <Fragment key={chart.key}>
                <ChartFigure
                  chart={chart}
                  data={data}
                  view={view}
                  panel={panel}
                  base={base}
                  agreement={
                    agreement && (
                      <ChartAgreement
                        outcome={agreement}
                        dimension={chart.dimension}
                        label={dimensionLabel(chart.dimension)}
                        href={agreementHref(filters, view.defaultCoder, chart.dimension)}
                      />
                    )
                  }
                />
                {chart.key === evidenceAfter && evidence?.node}
              </Fragment>
            ))}
          </div>
          <ArticleTable
            articles={data.articles}
            total={data.articleTotal}
            codebook={data.codebook}
          />
        </>
      )}
    </>
  );
}
