import type { NextRequest } from "next/server";
import { badRequest, handle, jsonError, ok } from "@/app/lib/api";
import { unexpectedParams } from "@/app/lib/params";
import { getArticle } from "@/app/lib/queries/article";
import { getVocabulary } from "@/app/lib/queries/vocabulary";

export async function GET(req: NextRequest, ctx: RouteContext<"/api/v1/articles/[slug]">) {
  return handle(async () => {
    const { slug } = await ctx.params;
    const params = req.nextUrl.searchParams;
    const issues = unexpectedParams(params, ["coder"]);
    const coder = params.get("coder") || undefined;
    if (coder !== undefined && !(await getVocabulary()).coders.includes(coder)) {
      issues.push({ param: "coder", message: `unknown coder ${JSON.stringify(coder.slice(0, 40))}` });
    }
    if (issues.length) return badRequest(issues);
    const article = slug.length <= 200 ? await getArticle(slug, coder) : null;
    if (!article) return jsonError(404, `no article with slug ${JSON.stringify(slug.slice(0, 80))}`);
    return ok({ ...article, passages: article.passages.map(({ id: _id, ...p }) => p) });
  });
}
