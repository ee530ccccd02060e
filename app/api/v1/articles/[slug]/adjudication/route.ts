import { z } from "zod";
import { methods, ok, route } from "@/app/lib/api";
import { getAdjudication } from "@/app/lib/agreement/adjudication";
import { coderKey } from "@/app/lib/auth/users";
import { one } from "@/app/lib/query-params";

type Params = { slug: string };
type Query = { a?: string; b?: string };

const pairQuery = z.strictObject({ a: one(coderKey), b: one(coderKey) });

/** An article's disagreement items between coders a and b with their decisions (admin only). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<Query, Params>({ auth: "admin", query: pairQuery }, async ({ query, params }) =>
    ok(await getAdjudication(params.slug, query.a, query.b)),
  ),
});
