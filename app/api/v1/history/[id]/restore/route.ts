import { methods, route } from "@/app/lib/api";
import { created, idParam } from "@/app/lib/coding/http";
import { restorePassage } from "@/app/lib/coding/passages";
import { versionInput } from "@/app/lib/coding/schemas";

type Params = { id: string };

/** Restores the passage a history entry deleted: 201 `{ version, passage }`. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<Record<string, never>, Params, { baseVersion: number }>(
    { auth: "user", body: versionInput },
    async ({ actor, body, params }) =>
      created(
        await restorePassage(
          actor,
          idParam(params.id, "id", Number.MAX_SAFE_INTEGER),
          body.baseVersion,
        ),
      ),
  ),
});
