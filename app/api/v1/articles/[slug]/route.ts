import { z } from "zod";
import { jsonError, methods, ok, route } from "@/app/lib/api";
import { isPossibleSlug } from "@/app/lib/params";
import { getArticle } from "@/app/lib/queries/article";
import { one, oneOf } from "@/app/lib/query-params";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    { query: (vocab) => z.strictObject({ coder: one(oneOf(vocab.coders, "coder")) }) },
    async ({ query, params }: { query: { coder?: string }; params: { slug: string } }) => {
      // A slug that cannot exist (too long, control characters such as NUL that PostgreSQL rejects)
      // never reaches the database.
      const article = isPossibleSlug(params.slug)
        ? await getArticle(params.slug, query.coder)
        : null;
      if (!article) {
        const shown = params.slug.slice(0, 80).replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
        return jsonError(404, `no article with slug ${JSON.stringify(shown)}`);
      }
      return ok({ ...article, passages: article.passages.map(({ id: _id, ...p }) => p) });
    },
  ),
});
