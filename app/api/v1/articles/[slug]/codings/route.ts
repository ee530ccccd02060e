import { methods, ok, route } from "@/app/lib/api";
import { getCodings } from "@/app/lib/coding/reads";
import { coderQuery } from "@/app/lib/coding/schemas";

type Params = { slug: string };

/** One coder's coding of the article (`coder=me` or a key) with its version, under the blind rule. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ coder: string }, Params>(
    { auth: "user", query: coderQuery },
    async ({ actor, query, params }) => ok(await getCodings(actor, params.slug, query.coder)),
  ),
});
