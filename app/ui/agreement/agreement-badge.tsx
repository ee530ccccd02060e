import Link from "next/link";
import { Suspense } from "react";
import type { DimensionAgreement } from "@/app/lib/agreement/types";
import { type AgreementOutcome, badgeText, verdictClass } from "./format";

/**
 * One chart's agreement line: "α = 0.84 [0.71, 0.95] · 30 units · 5 articles · reliable", or the
 * reason there is no alpha, and a link to the details on /agreement. Server HTML, so readers
 * without JavaScript get it too. `data-alpha` holds the unrounded alpha (empty when undefined).
 */
export function AgreementBadge({
  agreement,
  dimension,
  label,
  href,
  error,
}: {
  agreement: DimensionAgreement | undefined;
  dimension: string;
  /** The dimension's name, for the link's accessible name. */
  label: string;
  href: string;
  error?: string;
}) {
  const alpha = agreement?.alpha ?? null;
  const text = agreement ? badgeText(agreement) : `α: ${error ?? "not computed"}`;
  return (
    <p
      className="agreement-line"
      data-testid="agreement-badge"
      data-dimension={dimension}
      data-alpha={alpha === null ? "" : String(alpha)}
      data-units={agreement?.units ?? ""}
      data-articles={agreement?.articles ?? ""}
    >
      <span className={`agreement-badge ${verdictClass(alpha)}`}>{text}</span>{" "}
      <Link href={href} className="agreement-details" prefetch={false}>
        details<span className="sr-only"> of agreement on {label}</span>
      </Link>
    </p>
  );
}

/**
 * The line's place while agreement is computed: the same box, so nothing moves when it arrives.
 * Its link is there already, for readers whose browser does not run the script that swaps the
 * streamed badge in.
 */
export function AgreementBadgePending({ label, href }: { label: string; href: string }) {
  return (
    <p className="agreement-line" data-testid="agreement-badge-pending">
      <span className="agreement-badge verdict-pending">α: computing…</span>{" "}
      <Link href={href} className="agreement-details" prefetch={false}>
        details<span className="sr-only"> of agreement on {label}</span>
      </Link>
    </p>
  );
}

async function StreamedBadge({
  outcome,
  dimension,
  label,
  href,
}: {
  outcome: Promise<AgreementOutcome>;
  dimension: string;
  label: string;
  href: string;
}) {
  const result = await outcome;
  const agreement = result.ok
    ? result.report.dimensions.find((d) => d.key === dimension)
    : undefined;
  return (
    <AgreementBadge
      agreement={agreement}
      dimension={dimension}
      label={label}
      href={href}
      error={result.ok ? "not computed for this dimension" : result.error}
    />
  );
}

/**
 * A chart's badge, streamed after the chart: the figure renders at once with the line reserved,
 * and the badge replaces the placeholder when the (shared, cached) agreement report is ready.
 */
export function ChartAgreement(props: {
  outcome: Promise<AgreementOutcome>;
  dimension: string;
  label: string;
  href: string;
}) {
  return (
    <Suspense fallback={<AgreementBadgePending label={props.label} href={props.href} />}>
      <StreamedBadge {...props} />
    </Suspense>
  );
}
