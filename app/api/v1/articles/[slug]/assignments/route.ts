import { methods, route } from "@/app/lib/api";
import { assignCoder } from "@/app/lib/coding/assignments";
import { created } from "@/app/lib/coding/http";
import { assignmentInput } from "@/app/lib/coding/schemas";

type Params = { slug: string };

/** Assigns a coder to the article (admin: anyone; a coder: themselves, to an unassigned article). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<Record<string, never>, Params, { coder: string }>(
    { auth: "user", body: assignmentInput },
    async ({ actor, body, params }) => created(await assignCoder(actor, params.slug, body.coder)),
  ),
});
