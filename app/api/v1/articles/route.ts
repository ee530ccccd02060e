import type { NextRequest } from "next/server";
import { badRequest, handle, ok } from "@/app/lib/api";
import { parseFilters } from "@/app/lib/filters";
import { getArticles } from "@/app/lib/queries/articles";
import { getVocabulary } from "@/app/lib/queries/vocabulary";

export async function GET(req: NextRequest) {
  return handle(async () => {
    const { filters, issues } = parseFilters(req.nextUrl.searchParams, await getVocabulary());
    if (issues.length) return badRequest(issues);
    return ok(await getArticles(filters));
  });
}
