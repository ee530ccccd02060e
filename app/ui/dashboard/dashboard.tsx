import Link from "next/link";
import type { FilterIssue } from "@/app/lib/filters";
import type { DashboardData } from "@/app/lib/queries/dashboard";
import type { FrameCounts } from "@/app/lib/queries/frames";
import { LazyShareBars as ShareBars, LazyTimelineChart as TimelineChart, LazyToneChart as ToneChart, LazyWeaponsChart as WeaponsChart } from "../charts/lazy";
import { toneMeans } from "../charts/tone-means";
import type { CodeInfo, OutletInfo, ViewContext } from "../charts/types";
import { FilterBar, type Preset } from "../filters/filter-bar";
import { ParamNotice } from "../notice";
import { ShareControls } from "../share-controls";
import { ArticleTable } from "./article-table";
import { CountTable } from "./count-table";
import { Figure } from "./figure";
import { toQueryString } from "@/app/lib/filters";

function outletInfos(data: DashboardData, frames: FrameCounts): OutletInfo[] {
  return data.outlets
    .filter((o) => frames.n[o.slug])
    .map((o) => ({ slug: o.slug, name: o.name, shortName: o.shortName, n: frames.n[o.slug] }));
}

function codesOf(data: DashboardData, dimension: string): CodeInfo[] {
  return (data.codebook.find((d) => d.key === dimension)?.codes ?? []).map((c) => ({ key: c.key, label: c.label, colour: c.colour, value: c.value }));
}

function nText(outlets: OutletInfo[], unit: "passages" | "articles"): string {
  return "n: " + outlets.map((o) => (unit === "passages" ? `${o.shortName} ${o.n.passages} passages in ${o.n.articles} articles` : `${o.shortName} ${o.n.articles} articles`)).join("; ");
}

/** Date presets around the events that matter most for this story. */
export function datePresets(events: DashboardData["events"]): Preset[] {
  const presets: Preset[] = [{ id: "all", label: "All dates", from: null, to: null }];
  const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 864e5).toISOString().slice(0, 10);
  for (const key of ["vostochny-summit", "pyongyang-treaty"]) {
    const e = events.find((x) => x.key === key);
    if (!e) continue;
    presets.push({ id: `before-${key}`, label: `Before: ${e.label} (${e.date})`, from: null, to: dayBefore(e.date) });
    presets.push({ id: `after-${key}`, label: `From: ${e.label} (${e.date})`, from: e.date, to: null });
  }
  return presets;
}

export function Dashboard({
  data,
  view,
  issues,
  coders,
  panel,
  evidence,
  savedTitle,
}: {
  data: DashboardData;
  view: ViewContext;
  issues: FilterIssue[];
  coders: { key: string; name: string }[];
  panel?: string;
  evidence?: React.ReactNode;
  savedTitle?: string;
}) {
  const { filters } = view;
  const unit = filters.unit;
  const tiesOutlets = outletInfos(data, data.ties);
  const weaponsOutlets = outletInfos(data, data.weapons);
  const remedyOutlets = outletInfos(data, data.remedy);
  const blameOutlets = outletInfos(data, data.blame);
  const genericOutlets = outletInfos(data, data.generic);
  const toneCodes = codesOf(data, "tone_gov");
  const toneOutlets = outletInfos(data, data.tone);
  const means = toneMeans(toneOutlets, toneCodes, data.tone.rows);
  const unitHref = (u: "passages" | "articles") => `/${toQueryString({ ...filters, unit: u }, view, { panel })}`;
  const empty = data.articleTotal === 0;
  const outletCount = Object.keys(data.weapons.n).length;

  const unitToggle = (
    <div className="unit-toggle" role="group" aria-label="Count by">
      Count:
      {(["passages", "articles"] as const).map((u) => (
        <Link key={u} href={unitHref(u)} scroll={false} aria-current={unit === u ? "true" : undefined} data-unit={u}>
          {u}
        </Link>
      ))}
    </div>
  );

  return (
    <>
      <section className="intro">
        <h1>{savedTitle ?? "How outlets frame the Russia–North Korea ties and Seoul's arms debate"}</h1>
        <p className="summary" data-testid="summary">
          {empty
            ? "No articles match these filters."
            : `${data.articleTotal} article${data.articleTotal === 1 ? "" : "s"} from ${outletCount} outlet${outletCount === 1 ? "" : "s"}, coded by ${filters.coder}.`}{" "}
          Every number links to the passages behind it; see the <Link href="/codebook">codebook and method</Link>.
        </p>
        <ShareControls filters={filters} defaultCoder={view.defaultCoder} panel={panel} />
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
      {empty ? (
        <section className="empty-state" data-testid="empty-state">
          <h2>No articles match these filters</h2>
          <p>Widen the date range, or select more outlets or genres.</p>
          <p>
            <Link href="/">Show all articles</Link>
          </p>
        </section>
      ) : (
        <>
          {evidence}
          <div className="charts">
            <Figure
              id="ties-by-outlet"
              title="How is the Russia–North Korea relationship framed?"
              counts={unit === "passages" ? "Share of coded passages per outlet (100 % stacked)" : "Share of articles with each framing (an article can have several)"}
              n={nText(tiesOutlets, unit)}
              controls={unitToggle}
              chart={<ShareBars id="ties-by-outlet" dimension="ties" title="Framing of the ties" unit={unit} layout={unit === "passages" ? "stacked" : "grouped"} outlets={tiesOutlets} codes={codesOf(data, "ties")} rows={data.ties.rows} view={view} />}
              table={<CountTable dimension="ties" unit={unit} outlets={tiesOutlets} codes={codesOf(data, "ties")} rows={data.ties.rows} view={view} />}
            />
            <Figure
              id="weapons-by-outlet"
              title="Should Seoul send weapons to Ukraine?"
              counts="Articles by stance (one stance per article, in the article's own voice)"
              n={nText(weaponsOutlets, "articles")}
              chart={<WeaponsChart outlets={weaponsOutlets} codes={codesOf(data, "weapons")} rows={data.weapons.rows} view={view} />}
              table={<CountTable dimension="weapons" unit="articles" outlets={weaponsOutlets} codes={codesOf(data, "weapons")} rows={data.weapons.rows} view={view} />}
            />
            <Figure
              id="remedy-by-outlet"
              title="What should Seoul do?"
              counts={unit === "passages" ? "Share of remedy passages per outlet" : "Share of articles proposing each remedy"}
              n={nText(remedyOutlets, unit)}
              chart={<ShareBars id="remedy-by-outlet" dimension="remedy" title="Remedies" unit={unit} layout="grouped" outlets={remedyOutlets} codes={codesOf(data, "remedy")} rows={data.remedy.rows} view={view} />}
              table={<CountTable dimension="remedy" unit={unit} outlets={remedyOutlets} codes={codesOf(data, "remedy")} rows={data.remedy.rows} view={view} />}
            />
            <Figure
              id="blame-by-outlet"
              title="Who is held responsible for the rising tension?"
              counts={unit === "passages" ? "Share of blame passages per outlet" : "Share of articles blaming each party"}
              n={nText(blameOutlets, unit)}
              chart={<ShareBars id="blame-by-outlet" dimension="blame" title="Responsibility" unit={unit} layout="grouped" outlets={blameOutlets} codes={codesOf(data, "blame")} rows={data.blame.rows} view={view} />}
              table={<CountTable dimension="blame" unit={unit} outlets={blameOutlets} codes={codesOf(data, "blame")} rows={data.blame.rows} view={view} />}
            />
            <Figure
              id="tone-by-outlet"
              title="How do outlets judge Seoul's handling?"
              counts="Articles: each one's tone, −2 critical … +2 supportive; the bar marks the outlet mean"
              n={nText(toneOutlets, "articles")}
              chart={<ToneChart outlets={toneOutlets} codes={toneCodes} rows={data.tone.rows} view={view} />}
              table={
                <CountTable
                  dimension="tone_gov"
                  unit="articles"
                  outlets={toneOutlets}
                  codes={toneCodes}
                  rows={data.tone.rows}
                  view={view}
                  extra={{ header: "Mean tone", values: Object.fromEntries(toneOutlets.map((o) => [o.slug, means.get(o.slug)?.mean.toFixed(2) ?? "–"])) }}
                />
              }
            />
            <Figure
              id="generic-by-outlet"
              title="Which generic news frames do outlets use?"
              counts="Share of articles in which each frame is present (Semetko & Valkenburg)"
              n={nText(genericOutlets, "articles")}
              chart={<ShareBars id="generic-by-outlet" dimension="generic" title="Generic frames" unit="articles" layout="grouped" outlets={genericOutlets} codes={codesOf(data, "generic")} rows={data.generic.rows} view={view} />}
              table={<CountTable dimension="generic" unit="articles" outlets={genericOutlets} codes={codesOf(data, "generic")} rows={data.generic.rows} view={view} />}
            />
            <Figure
              id="timeline"
              title="When did each outlet publish, and where did it stand?"
              counts="Articles by publication date, coloured by stance on arms for Ukraine; hollow diamonds are inferred dates"
              n={`n: ${data.articles.length < data.articleTotal ? `the ${data.articles.length} most recent of ${data.articleTotal} articles` : `${data.articleTotal} articles`}; ${data.events.length} events`}
              chart={
                <TimelineChart
                  outlets={weaponsOutlets}
                  stances={codesOf(data, "weapons")}
                  articles={data.articles.map((a) => ({ slug: a.slug, outlet: a.outlet.slug, headline: a.headline, publishedAt: a.publishedAt, datePrecision: a.datePrecision, dateReason: a.dateReason, weapons: (a.codes.weapons as string) ?? null }))}
                  events={data.events.map((e) => ({ key: e.key, date: e.date, label: e.label }))}
                />
              }
              table={<TimelineTable data={data} />}
            />
          </div>
          <ArticleTable articles={data.articles} total={data.articleTotal} codebook={data.codebook} />
        </>
      )}
    </>
  );
}

function TimelineTable({ data }: { data: DashboardData }) {
  const items = [
    ...data.articles.map((a) => ({ date: a.publishedAt, kind: "article" as const, a })),
    ...data.events.map((e) => ({ date: e.date, kind: "event" as const, e })),
  ].sort((x, y) => x.date.localeCompare(y.date));
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) =>
            it.kind === "article" ? (
              <tr key={`a-${it.a.slug}`} data-article={it.a.slug}>
                <td>
                  {it.date}
                  {it.a.datePrecision === "inferred" && <abbr title={it.a.dateReason ?? ""}> (inferred)</abbr>}
                </td>
                <td>
                  <Link href={`/articles/${it.a.slug}`}>{it.a.headline}</Link> — {it.a.outlet.name}
                </td>
                <td>weapons: {String(it.a.codes.weapons)}</td>
              </tr>
            ) : (
              <tr key={`e-${it.e.key}`} data-event={it.e.key}>
                <td>{it.date}</td>
                <td>Event: {it.e.label}</td>
                <td>stated in {it.e.articles.length} article{it.e.articles.length === 1 ? "" : "s"}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
