import { methods, ok, route } from "@/app/lib/api";
import { filtersQuery } from "@/app/lib/filters";
import { getAgreement } from "@/app/lib/queries/agreement";
import { listOf } from "@/app/lib/query-params";

/**
 * GET /api/v1/agreement?…filters&coders=A,B: Krippendorff's alpha per dimension for the articles
 * the filters cover (`coder` and `unit` do not change it). `coders` names person coders; an
 * unknown key, the reference coding REF or an automatic coder is a 400 naming `coders`.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    { query: (vocab) => filtersQuery(vocab, { coders: listOf(vocab.coders, "coder") }) },
    async ({ query }) =>
      ok(await getAgreement(query.filters, query.coders?.length ? { coders: query.coders } : {})),
  ),
});
