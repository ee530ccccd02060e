import type { Filters } from "@/app/lib/filter-query";

/** Plain data the server hands to chart components (no functions: it crosses to the client). */
export interface OutletInfo {
  slug: string;
  name: string;
  shortName: string;
  n: { articles: number; passages: number };
}

export interface CodeInfo {
  key: string;
  label: string;
  colour: string;
  value?: number | null;
  /** For stance codes, from the codebook: which side of a diverging axis the code sits on. */
  side?: "against" | "for" | "none" | null;
}

export interface CountRow {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}

export interface ViewContext {
  filters: Filters;
  defaultCoder: string;
}
