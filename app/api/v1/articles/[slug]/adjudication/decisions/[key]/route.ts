import { methods, ok, route } from "@/app/lib/api";
import { type DecisionInput, decide, decisionInput } from "@/app/lib/agreement/adjudication";

type Params = { slug: string; key: string };

/** Saves the decision on one disagreement item; REF is rebuilt once every item is decided. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  PUT: route<Record<string, never>, Params, DecisionInput>(
    { auth: "admin", body: decisionInput },
    async ({ actor, body, params }) =>
      ok(await decide(actor, params.slug, decodeKey(params.key), body)),
  ),
});

/** The item key as sent (encodeURIComponent of e.g. "ties:12-40"). */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}
