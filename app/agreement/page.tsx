import type { Metadata } from "next";
import Link from "next/link";
import { getDisagreements } from "../lib/agreement/disagreements";
import { toQueryString, type FilterIssue } from "../lib/filters";
import { loadPageState, type SearchParams } from "../lib/page-params";
import { getAgreement, getPairwiseAgreement } from "../lib/queries/agreement";
import { getCodebook } from "../lib/queries/codebook";
import { describeScope } from "../lib/filter-query";
import { agreementFilters } from "../ui/agreement/format";
import { AgreementEmpty } from "../ui/agreement/agreement-empty";
import { type AgreementRow, DimensionAgreementSection } from "../ui/agreement/dimension-agreement";
import { DisagreementList } from "../ui/agreement/disagreement-list";
import { pairName, parsePair, type PairReport } from "../ui/agreement/pair";
import { PairSelector } from "../ui/agreement/pair-selector";
import { withDatabase } from "../ui/database-unavailable";
import { ParamNotice } from "../ui/notice";
import { SiteHeader } from "../ui/site-header";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Agreement between coders",
  description:
    "Krippendorff's alpha for every framing dimension and code, per pair of coders, with the disagreements side by side.",
};

/** Articles listed with their disagreements; the count says how many there are in all. */
const DISAGREEMENT_ARTICLES = 20;

type Props = { searchParams: Promise<SearchParams> };

export default async function AgreementPage({ searchParams }: Props) {
  const params = await searchParams;
  return withDatabase(() => renderAgreement(params));
}

async function renderAgreement(params: SearchParams) {
  const state = await loadPageState(params, ["pair"]);
  const filters = agreementFilters(state.filters, state.vocab.defaultCoder);
  const [codebook, all, pairs] = await Promise.all([
    getCodebook(),
    getAgreement(filters),
    getPairwiseAgreement(filters),
  ]);
  const { pair, issue } = parsePair(params.pair, pairs);
  const issues: FilterIssue[] = [...state.issues, ...(issue ? [issue] : [])];
  // The disagreements of the chosen pair, or of the first pair when none is chosen.
  const shown = pair ?? pairs[0] ?? null;
  const disagreements = shown
    ? await getDisagreements(filters, shown.a, shown.b, { limit: DISAGREEMENT_ARTICLES })
    : null;

  const query = (extra: Record<string, string | undefined> = {}) =>
    toQueryString(filters, state.vocab, extra);
  const hrefFor = (p: PairReport | null) =>
    `/agreement${query({ pair: p ? `${p.a},${p.b}` : undefined })}`;
  const sameCoders = (p: PairReport) =>
    all.coders.length === 2 && all.coders.includes(p.a) && all.coders.includes(p.b);
  const groups: { name: string; coders: string[]; report: PairReport["report"] }[] = pair
    ? [{ name: pairName(pair.a, pair.b), coders: [pair.a, pair.b], report: pair.report }]
    : [
        {
          name: `All coders (${all.coders.join(", ") || "none"})`,
          coders: all.coders,
          report: all,
        },
        ...pairs
          .filter((p) => !sameCoders(p))
          .map((p) => ({ name: pairName(p.a, p.b), coders: [p.a, p.b], report: p.report })),
      ];
  const rowsOf = (dimension: string): AgreementRow[] =>
    groups.map((g) => ({
      name: g.name,
      coders: g.coders.join(","),
      agreement: g.report.dimensions.find((d) => d.key === dimension),
    }));
  const labels = Object.fromEntries(codebook.map((d) => [d.key, d.label]));

  return (
    <>
      <SiteHeader current="agreement" />
      <main id="main" className="agreement">
        <section className="intro">
          <h1>Agreement between coders</h1>
          <p className="summary" data-testid="agreement-summary">
            Krippendorff's alpha for {describeScope(filters)}, computed from the coders' own codings
            of the articles they completed: 0.800 or above is reliable, 0.667 to 0.800 supports
            tentative conclusions only, below 0.667 the coding is not reliable. The{" "}
            <Link href="/codebook#agreement">codebook</Link> says what is computed;{" "}
            <Link href={`/${query()}`}>back to the dashboard</Link>.
          </p>
        </section>
        <ParamNotice issues={issues} />
        {pairs.length === 0 ? (
          <AgreementEmpty report={all} />
        ) : (
          <PairSelector pairs={pairs} selected={pair} hrefFor={hrefFor} />
        )}
        <nav className="agreement-toc" aria-label="Dimensions on this page">
          <ul>
            {codebook.map((d) => (
              <li key={d.key}>
                <a href={`#${d.key}`}>{d.label}</a>
              </li>
            ))}
            {disagreements && (
              <li>
                <a href="#disagreements">Disagreements</a>
              </li>
            )}
          </ul>
        </nav>
        {codebook.map((d) => (
          <DimensionAgreementSection key={d.key} dimension={d} rows={rowsOf(d.key)} />
        ))}
        {shown && disagreements && (
          <DisagreementList
            a={shown.a}
            b={shown.b}
            total={disagreements.total}
            articles={disagreements.articles}
            labels={labels}
          />
        )}
      </main>
    </>
  );
}
