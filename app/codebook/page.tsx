import type { Metadata } from "next";
import { withDatabase } from "@/app/ui/database-unavailable";
import Link from "next/link";
import { safeName, type FilterIssue } from "../lib/filters";
import { loadMethod } from "../lib/method";
import type { SearchParams } from "../lib/page-params";
import { getCodebook } from "../lib/queries/codebook";
import { getCodeExamples } from "../lib/queries/code-examples";
import { getCoders } from "../lib/queries/coders";
import { AgreementMethod } from "../ui/codebook/agreement-method";
import { CoderList } from "../ui/codebook/coder-list";
import { CodebookToc } from "../ui/codebook/codebook-toc";
import { DimensionSection } from "../ui/codebook/dimension-section";
import { MethodSection } from "../ui/codebook/method-section";
import { ParamNotice } from "../ui/notice";
import { SiteHeader } from "../ui/site-header";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Codebook & method",
  description:
    "The framing dimensions and codes Framescope uses, with definitions, indicators, examples from the corpus, the method and the coders.",
};

type Props = { searchParams: Promise<SearchParams> };

export default async function CodebookPage({ searchParams }: Props) {
  const query = await searchParams;
  // The page takes no parameters: any in the link is named in a notice rather than silently dropped.
  const issues: FilterIssue[] = Object.keys(query).map((k) => ({
    param: safeName(k),
    message: "is not a parameter of this page",
  }));
  return withDatabase(() => renderCodebook(issues));
}

async function renderCodebook(issues: FilterIssue[]) {
  const [dimensions, examples, coders, method] = await Promise.all([
    getCodebook(),
    getCodeExamples(2),
    getCoders(),
    loadMethod(),
  ]);
  const codeCount = dimensions.reduce((n, d) => n + d.codes.length, 0);
  return (
    <>
      <SiteHeader current="codebook" />
      <main id="main" className="codebook">
        <section className="intro">
          <h1>Codebook &amp; method</h1>
          <p className="summary" data-testid="codebook-summary">
            {dimensions.length} dimensions with {codeCount} codes. Each code has its definition, the
            indicators coders look for, and up to two passages from the corpus that carry it; every
            number on the <Link href="/">dashboard</Link> counts these codes.
          </p>
        </section>
        <ParamNotice issues={issues} />
        <CodebookToc dimensions={dimensions} />
        <MethodSection result={method} />
        <AgreementMethod />
        {dimensions.map((d) => (
          <DimensionSection key={d.key} dimension={d} examples={examples} />
        ))}
        <CoderList coders={coders} />
      </main>
    </>
  );
}
