import { methods, ok, route } from "@/app/lib/api";
import { filtersQuery } from "@/app/lib/filters";
import { cachedFrameCounts } from "@/app/lib/queries/dashboard";
import { one, oneOf, required } from "@/app/lib/query-params";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      query: (vocab) =>
        filtersQuery(vocab, {
          dimension: required(
            one(oneOf(vocab.dimensions)),
            `one of ${vocab.dimensions.join(", ")}`,
          ),
        }),
    },
    async ({ query }) => ok(await cachedFrameCounts(query.filters, query.dimension)),
  ),
});
