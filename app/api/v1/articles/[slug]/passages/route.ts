import { methods, route } from "@/app/lib/api";
import { created } from "@/app/lib/coding/http";
import { addPassage } from "@/app/lib/coding/passages";
import { type PassageInput, passageInput } from "@/app/lib/coding/schemas";

type Params = { slug: string };

/** Codes a span of the article: 201 `{ version, passage }`. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<Record<string, never>, Params, PassageInput>(
    { auth: "user", body: passageInput },
    async ({ actor, body, params }) => created(await addPassage(actor, params.slug, body)),
  ),
});
