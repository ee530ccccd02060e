import type { NextRequest } from "next/server";
import { badRequest, handle, ok, otherMethods } from "@/app/lib/api";
import { parseFilters, type FilterIssue } from "@/app/lib/filters";
import { DEFAULT_ARTICLE_LIMIT, getArticles, MAX_ARTICLE_LIMIT } from "@/app/lib/queries/articles";
import { getVocabulary } from "@/app/lib/queries/vocabulary";

/** A whole number in [min, max] from one query parameter, or an issue naming it. */
function intParam(params: URLSearchParams, name: string, min: number, max: number, fallback: number, issues: FilterIssue[]): number {
  const values = params.getAll(name);
  if (values.length === 0 || values[0] === "") return fallback;
  if (values.length > 1) {
    issues.push({ param: name, message: "was given more than once" });
    return fallback;
  }
  if (!/^\d{1,9}$/.test(values[0]) || Number(values[0]) < min || Number(values[0]) > max) {
    issues.push({ param: name, message: `must be a whole number from ${min} to ${max}` });
    return fallback;
  }
  return Number(values[0]);
}

export async function GET(req: NextRequest) {
  return handle(async () => {
    const params = req.nextUrl.searchParams;
    const { filters, issues } = parseFilters(params, await getVocabulary(), ["limit", "offset"]);
    const limit = intParam(params, "limit", 1, MAX_ARTICLE_LIMIT, DEFAULT_ARTICLE_LIMIT, issues);
    const offset = intParam(params, "offset", 0, 100_000_000, 0, issues);
    if (issues.length) return badRequest(issues);
    return ok(await getArticles(filters, { limit, offset }));
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
