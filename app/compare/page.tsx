import type { Metadata } from "next";
import { withDatabase } from "@/app/ui/database-unavailable";
import Link from "next/link";
import { PREVIEW_SIZE, previewUrl } from "../og/preview-url";
import { resolvePair } from "../lib/compare";
import { toQueryString, type FilterIssue } from "../lib/filters";
import { loadPageState, type SearchParams } from "../lib/page-params";
import { panelKey } from "../lib/panel-key";
import { getCoders } from "../lib/queries/coders";
import { getComparison, type N } from "../lib/queries/compare";
import { getOutlets, type OutletRow } from "../lib/queries/outlets";
import { ChartAgreement } from "../ui/agreement/agreement-badge";
import { agreementHref } from "../ui/agreement/format";
import { loadAgreement } from "../ui/agreement/load";
import { CharacteristicQuotes } from "../ui/compare/characteristic-quotes";
import { CompareForm } from "../ui/compare/compare-form";
import { CompareSummary, type SideInfo } from "../ui/compare/compare-summary";
import { CompareTable } from "../ui/compare/compare-table";
import { ParamNotice } from "../ui/notice";
import { SiteHeader } from "../ui/site-header";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

const description =
  "Two outlets side by side on every framing dimension: shares, differences in percentage points, and the quotes behind them.";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const image = previewUrl("/og/compare", await searchParams);
  return {
    title: "Compare outlets",
    description,
    openGraph: { title: "Compare outlets", description, images: [{ url: image, ...PREVIEW_SIZE }] },
  };
}

function sideInfo(outlets: OutletRow[], slug: string, n: N): SideInfo {
  const o = outlets.find((x) => x.slug === slug);
  return {
    slug,
    name: o?.name ?? slug,
    shortName: o?.shortName ?? slug,
    orientation: o?.orientation ?? null,
    orientationSource: o?.orientationSource ?? null,
    n,
  };
}

export default async function ComparePage(props: Props) {
  return withDatabase(() => renderCompare(props));
}

async function renderCompare({ searchParams }: Props) {
  // The dashboard's `outlets` filter does not apply here: the pair is chosen with a and b.
  const { outlets: outletsParam, ...params } = await searchParams;
  const state = await loadPageState(params, ["a", "b"]);
  const pair = resolvePair(params, state.vocab.outlets);
  const issues: FilterIssue[] = [...state.issues, ...pair.issues];
  if (outletsParam !== undefined)
    issues.push({
      param: "outlets",
      message: "does not apply on this page; choose the two outlets with a and b",
    });

  const [outlets, coders] = await Promise.all([getOutlets(), getCoders()]);
  const { a, b } = pair;

  if (!a || !b) {
    return (
      <>
        <SiteHeader current="compare" />
        <main id="main" className="compare">
          <h1>Compare outlets</h1>
          <ParamNotice issues={issues} />
          <p data-testid="too-few-outlets">
            Comparing needs at least two outlets; the corpus has {outlets.length}.
          </p>
        </main>
      </>
    );
  }

  const filters = state.filters;
  const dashboardFilters = { ...filters, outlets: [a, b].sort() };
  // Agreement on the two outlets' articles, started before the comparison and awaited only in
  // each dimension's badge.
  const agreement = loadAgreement(dashboardFilters);
  const data = await getComparison(filters, a, b);
  const sideA = sideInfo(outlets, a, data.n.a);
  const sideB = sideInfo(outlets, b, data.n.b);
  const rest = { ...filters, outlets: [] };
  const evidenceHref = (dimension: string, code: string, outlet: string) =>
    `/${toQueryString(dashboardFilters, state.vocab, { panel: panelKey(dimension, code, outlet) })}#evidence`;

  return (
    <>
      <SiteHeader current="compare" />
      <main id="main" className="compare">
        <section className="intro">
          <h1>
            Compare outlets: <span data-testid="name-a">{sideA.name}</span> and{" "}
            <span data-testid="name-b">{sideB.name}</span>
          </h1>
          <p className="summary">
            Every dimension of the <Link href="/codebook">codebook</Link>, side by side: each code’s
            share in A and in B and the difference A − B in percentage points. Each n leads with
            articles, because an article’s passages are not independent observations. Counts link to
            the passages behind them on the{" "}
            <Link href={`/${toQueryString(dashboardFilters, state.vocab)}`}>dashboard</Link>.
          </p>
        </section>
        <ParamNotice issues={issues} />
        <CompareForm
          a={a}
          b={b}
          filters={filters}
          defaultCoder={state.vocab.defaultCoder}
          outlets={outlets
            .map((o) => ({ slug: o.slug, name: o.name }))
            .sort((x, y) => x.slug.localeCompare(y.slug))}
          coders={coders}
          swapHref={`/compare${toQueryString(rest, state.vocab, { a: b, b: a })}`}
        />
        <CompareSummary a={sideA} b={sideB} coder={data.coder} />
        <nav className="compare-toc" aria-label="Dimensions on this page">
          <ul>
            {data.dimensions.map((d) => (
              <li key={d.key}>
                <a href={`#cmp-${d.key}`}>{d.label}</a>
              </li>
            ))}
            <li>
              <a href="#characteristic">Characteristic quotes</a>
            </li>
          </ul>
        </nav>
        {data.dimensions.map((d) => (
          <CompareTable
            key={d.key}
            dimension={d}
            a={sideA}
            b={sideB}
            evidenceHref={evidenceHref}
            agreement={
              <ChartAgreement
                outcome={agreement}
                dimension={d.key}
                label={d.label}
                href={agreementHref(dashboardFilters, state.vocab.defaultCoder, d.key)}
              />
            }
          />
        ))}
        <CharacteristicQuotes a={sideA} b={sideB} items={data.characteristic} />
      </main>
    </>
  );
}
