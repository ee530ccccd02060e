import { z } from "zod";
import { methods, ok, route } from "@/app/lib/api";
import { buildReference, getAdjudication, pairInput } from "@/app/lib/agreement/adjudication";
import { coderKey } from "@/app/lib/auth/users";
import { one } from "@/app/lib/query-params";

type Params = { slug: string };
type Query = { a?: string; b?: string };

const pairQuery = z.strictObject({ a: one(coderKey), b: one(coderKey) });

/**
 * GET: an article's disagreement items between coders a and b with their decisions. PUT `{ a, b }`:
 * (re)builds REF from the decisions once none is open (e.g. coders who agree on everything).
 * Admin only.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<Query, Params>({ auth: "admin", query: pairQuery }, async ({ query, params }) =>
    ok(await getAdjudication(params.slug, query.a, query.b)),
  ),
  PUT: route<Record<string, never>, Params, z.infer<typeof pairInput>>(
    { auth: "admin", body: pairInput },
    async ({ actor, body, params }) => ok(await buildReference(actor, params.slug, body)),
  ),
});
