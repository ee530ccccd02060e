import { methods, ok, route } from "@/app/lib/api";
import { markDone, reopen } from "@/app/lib/coding/done";
import { readOptionalBody } from "@/app/lib/coding/http";
import { doneInput, versionQuery } from "@/app/lib/coding/schemas";

type Params = { slug: string };
type Query = { baseVersion?: number };

/** POST marks the actor's coding done; DELETE reopens it. `baseVersion` is optional on both. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<Query, Params>(
    { auth: "user", query: versionQuery },
    async ({ req, actor, query, params }) => {
      const read = await readOptionalBody(req, doneInput);
      if (read instanceof Response) return read;
      return ok(await markDone(actor, params.slug, read.body.baseVersion ?? query.baseVersion));
    },
  ),
  DELETE: route<Query, Params>(
    { auth: "user", query: versionQuery },
    async ({ req, actor, query, params }) => {
      const read = await readOptionalBody(req, doneInput);
      if (read instanceof Response) return read;
      return ok(await reopen(actor, params.slug, read.body.baseVersion ?? query.baseVersion));
    },
  ),
});
