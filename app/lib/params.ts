import { safeName, type FilterIssue } from "./filters";

/** Issues for every parameter a request has that the endpoint does not take. */
export function unexpectedParams(params: URLSearchParams, allowed: readonly string[]): FilterIssue[] {
  return [...new Set(params.keys())]
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ param: safeName(k), message: "is not a known parameter" }));
}

export const MAX_SLUG_LENGTH = 200;

/** Whether a string can be an article slug at all (lower-case words joined by hyphens, as the seeder requires). */
export function isPossibleSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug);
}
