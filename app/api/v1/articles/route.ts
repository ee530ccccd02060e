import { NextResponse } from "next/server";
import { methods, ok, route } from "@/app/lib/api";
import { filtersQuery } from "@/app/lib/filters";
import { importArticle } from "@/app/lib/import/import";
import { readUpload } from "@/app/lib/import/read-upload";
import { DEFAULT_ARTICLE_LIMIT, getArticles, MAX_ARTICLE_LIMIT } from "@/app/lib/queries/articles";
import { one, wholeNumber } from "@/app/lib/query-params";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      query: (vocab) =>
        filtersQuery(vocab, {
          limit: one(wholeNumber(1, MAX_ARTICLE_LIMIT)),
          offset: one(wholeNumber(0, 100_000_000)),
        }),
    },
    async ({ query }) =>
      ok(
        await getArticles(query.filters, {
          limit: query.limit ?? DEFAULT_ARTICLE_LIMIT,
          offset: query.offset ?? 0,
        }),
      ),
  ),
  // Imports a page: JSON with `source`, or multipart/form-data with the page as `file`.
  POST: route({ auth: "admin" }, async ({ req, actor }) => {
    const { slug } = await importArticle(actor, await readUpload(req));
    return NextResponse.json({ slug }, { status: 201, headers: { "Cache-Control": "no-store" } });
  }),
});
