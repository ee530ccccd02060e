import "server-only";
import { parseFilters, type FilterIssue, type Filters, type Vocabulary } from "./filters";
import { getVocabulary } from "./queries/vocabulary";

export type SearchParams = Record<string, string | string[] | undefined>;

export interface PageState {
  filters: Filters;
  vocab: Vocabulary & { dimensions: string[] };
  /** Parameters that were ignored, shown to the user as a notice. */
  issues: FilterIssue[];
}

/** Parses a page's query once: bad parameters are dropped (defaults used) and reported, never an error page. */
export async function loadPageState(
  searchParams: SearchParams,
  extra: readonly string[] = [],
): Promise<PageState> {
  const vocab = await getVocabulary();
  const { filters, issues } = parseFilters(searchParams, vocab, extra);
  return { filters, vocab, issues };
}

/** One value of an extra (non-filter) page parameter, or undefined when absent or repeated. */
export function singleParam(searchParams: SearchParams, name: string): string | undefined {
  const v = searchParams[name];
  return typeof v === "string" ? v : undefined;
}
