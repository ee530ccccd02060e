/**
 * What intercoder agreement reports, for one filter: the shape of GET /api/v1/agreement, the
 * chart badges and /agreement. Plain data, safe to import anywhere.
 */

/** Krippendorff's verdict bands: ≥ .800 reliable, .667–.800 tentative, below .667 not reliable. */
export type Verdict = "reliable" | "tentative" | "unreliable";

export const RELIABLE_FROM = 0.8;
export const TENTATIVE_FROM = 0.667;

export function verdictOf(alpha: number | null): Verdict | null {
  if (alpha === null || Number.isNaN(alpha)) return null;
  if (alpha >= RELIABLE_FROM) return "reliable";
  if (alpha >= TENTATIVE_FROM) return "tentative";
  return "unreliable";
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  reliable: "reliable",
  tentative: "tentative conclusions only",
  unreliable: "not reliable",
};

/** Per code: category agreement (article level) or a category's uα (passage level). */
export interface CategoryAlpha {
  code: string;
  alpha: number | null;
  /** Why alpha is null (e.g. "the code never occurs": no variation). */
  reason?: string;
}

export interface UnitizingAgreement {
  /** Krippendorff's uα over the articles every coder of the report completed. */
  alpha: number | null;
  reason?: string;
  /** Articles on the continuum and their total length in characters. */
  articles: number;
  length: number;
  categories: CategoryAlpha[];
}

export interface DimensionAgreement {
  key: string;
  metric: "nominal" | "ordinal";
  /** Unrounded; null with a reason when it cannot be computed. */
  alpha: number | null;
  reason?: string;
  /** Bootstrap 95 % interval (seeded); null when alpha is null. */
  ci: [number, number] | null;
  /** Pairable units (coded by at least two coders) and the values in them. */
  units: number;
  pairable: number;
  /** Articles completed by at least two of the coders. */
  articles: number;
  /** The coders whose values take part, by key. */
  coders: string[];
  /** Category agreement per code (many-valued dimensions); [] for weapons and tone_gov. */
  categories: CategoryAlpha[];
  /** Passage-level uα (many-valued dimensions); null for article-level dimensions. */
  unitizing: UnitizingAgreement | null;
}

export interface AgreementReport {
  /** The coders considered (all person coders who completed an article, or those named). */
  coders: string[];
  dimensions: DimensionAgreement[];
}
