import {
  type AgreementReport,
  type DimensionAgreement,
  VERDICT_TEXT,
  verdictOf,
} from "@/app/lib/agreement/types";
import { type Filters, toQueryString } from "@/app/lib/filter-query";
import { plural } from "@/app/lib/shares";

/** What a badge or a table shows when agreement could not be read at all (not the same as null). */
export type AgreementOutcome = { ok: true; report: AgreementReport } | { ok: false; error: string };

/** An alpha with two decimals and a true minus sign: "0.84", "−0.12"; "–" when undefined. */
export function formatAlpha(alpha: number | null): string {
  if (alpha === null || Number.isNaN(alpha)) return "–";
  const text = (Math.round(alpha * 100) / 100).toFixed(2);
  return text === "-0.00" ? "0.00" : text.replace("-", "\u2212");
}

/** "[0.71, 0.95]", or "" when there is no interval. */
export function formatInterval(ci: [number, number] | null): string {
  return ci ? `[${formatAlpha(ci[0])}, ${formatAlpha(ci[1])}]` : "";
}

/** The verdict in words, or null when alpha is undefined. */
export function verdictText(alpha: number | null): string | null {
  const v = verdictOf(alpha);
  return v ? VERDICT_TEXT[v] : null;
}

/** The class that colours a verdict; the words always come with it. */
export function verdictClass(alpha: number | null): string {
  return `verdict-${verdictOf(alpha) ?? "none"}`;
}

/**
 * A badge's text: "α = 0.84 [0.71, 0.95] · 30 units · 5 articles · reliable", or the reason
 * alpha could not be computed.
 */
export function badgeText(d: DimensionAgreement): string {
  if (d.alpha === null) return `α: ${d.reason ?? "not computed"}`;
  const ci = d.ci ? ` ${formatInterval(d.ci)}` : "";
  return [
    `α = ${formatAlpha(d.alpha)}${ci}`,
    plural(d.units, "unit"),
    plural(d.articles, "article"),
    verdictText(d.alpha),
  ].join(" · ");
}

/**
 * The filters agreement depends on (outlets, genres, dates): the coder and the unit of a chart
 * do not change it, so they are left out of links to /agreement.
 */
export function agreementFilters(filters: Filters, defaultCoder: string): Filters {
  return { ...filters, coder: defaultCoder, unit: "passages" };
}

/** The link from a chart to its dimension on /agreement, keeping the filters. */
export function agreementHref(
  filters: Filters,
  defaultCoder: string,
  dimension: string,
  extra: Record<string, string | null | undefined> = {},
): string {
  const query = toQueryString(agreementFilters(filters, defaultCoder), { defaultCoder }, extra);
  return `/agreement${query}#${dimension}`;
}
