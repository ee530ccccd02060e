import { methods, ok, route } from "@/app/lib/api";
import { setArticleCodes } from "@/app/lib/coding/article-codes";
import { type ArticleCodesInput, articleCodesInput } from "@/app/lib/coding/schemas";

type Params = { slug: string };

/** Sets the article-level codes given (weapons, tone_gov): `{ version, articleCodes }`. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  PUT: route<Record<string, never>, Params, ArticleCodesInput>(
    { auth: "user", body: articleCodesInput },
    async ({ actor, body, params }) => ok(await setArticleCodes(actor, params.slug, body)),
  ),
});
