import { methods, ok, route } from "@/app/lib/api";
import { idParam, readOptionalBody } from "@/app/lib/coding/http";
import { deletePassage, updatePassage } from "@/app/lib/coding/passages";
import { doneInput, type PassagePatch, passagePatch, versionQuery } from "@/app/lib/coding/schemas";
import { rejectIssues } from "@/app/lib/coding/transaction";

type Params = { id: string };

/** PATCH changes one of the actor's passages; DELETE removes it (`baseVersion` in the body or query). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  PATCH: route<Record<string, never>, Params, PassagePatch>(
    { auth: "user", body: passagePatch },
    async ({ actor, body, params }) => ok(await updatePassage(actor, idParam(params.id), body)),
  ),
  DELETE: route<{ baseVersion?: number }, Params>(
    { auth: "user", query: versionQuery },
    async ({ req, actor, query, params }) => {
      const id = idParam(params.id);
      const read = await readOptionalBody(req, doneInput);
      if (read instanceof Response) return read;
      const baseVersion = read.body.baseVersion ?? query.baseVersion;
      if (baseVersion === undefined)
        rejectIssues([
          { param: "baseVersion", message: "is required (in the JSON body or ?baseVersion=)" },
        ]);
      return ok(await deletePassage(actor, id, baseVersion));
    },
  ),
});
