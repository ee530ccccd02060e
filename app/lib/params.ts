import { safeName, type FilterIssue } from "./filters";

/** Issues for every parameter a request has that the endpoint does not take. */
export function unexpectedParams(params: URLSearchParams, allowed: readonly string[]): FilterIssue[] {
  return [...new Set(params.keys())]
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ param: safeName(k), message: "is not a known parameter" }));
}
