import { methods, ok, route } from "@/app/lib/api";
import { unassignCoder } from "@/app/lib/coding/assignments";

type Params = { slug: string; coder: string };

/** Removes an assignment whose coder has coded nothing on the article (admin). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: route<Record<string, never>, Params>({ auth: "admin" }, async ({ actor, params }) =>
    ok(await unassignCoder(actor, params.slug, params.coder)),
  ),
});
