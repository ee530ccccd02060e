import { methods, ok, route } from "@/app/lib/api";
import { getHistory } from "@/app/lib/coding/reads";
import { coderQuery } from "@/app/lib/coding/schemas";

type Params = { slug: string };

/** The writes to one coder's coding of the article, newest first, under the blind rule. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ coder: string }, Params>(
    { auth: "user", query: coderQuery },
    async ({ actor, query, params }) => ok(await getHistory(actor, params.slug, query.coder)),
  ),
});
