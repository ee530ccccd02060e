import type { NextRequest } from "next/server";
import { badRequest, handle, jsonError, ok, otherMethods } from "@/app/lib/api";
import { isPossibleSlug, unexpectedParams } from "@/app/lib/params";
import { getArticle } from "@/app/lib/queries/article";
import { getVocabulary } from "@/app/lib/queries/vocabulary";

export async function GET(req: NextRequest, ctx: { params: Promise<{ slug: string }> }) {
  return handle(async () => {
    const { slug } = await ctx.params;
    const params = req.nextUrl.searchParams;
    const issues = unexpectedParams(params, ["coder"]);
    const coders = params.getAll("coder");
    const coder = coders.length === 1 ? coders[0] || undefined : undefined;
    if (coders.length > 1) issues.push({ param: "coder", message: "was given more than once" });
    if (coder !== undefined && !(await getVocabulary()).coders.includes(coder)) {
      issues.push({ param: "coder", message: `unknown coder ${JSON.stringify(coder.slice(0, 40))}` });
    }
    if (issues.length) return badRequest(issues);
    // A slug that cannot exist (too long, control characters such as NUL that PostgreSQL rejects) never reaches the database.
    const article = isPossibleSlug(slug) ? await getArticle(slug, coder) : null;
    if (!article) return jsonError(404, `no article with slug ${JSON.stringify(slug.slice(0, 80).replace(/[\u0000-\u001F\u007F-\u009F]/g, "?"))}`);
    return ok({ ...article, passages: article.passages.map(({ id: _id, ...p }) => p) });
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
