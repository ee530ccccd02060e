import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { type Actor, getActor } from "./actor";

/**
 * The signed-in user of a page request, or null for an anonymous visitor. Read once per request
 * (React cache), however many layouts and pages ask.
 */
export const getPageActor = cache(async (): Promise<Actor | null> => {
  const result = await getActor(await headers());
  return result.kind === "actor" ? result.actor : null;
});

/**
 * The signed-in user of a page that needs one; an anonymous visitor (or one whose session has
 * ended) is sent to the sign-in page, which returns them to `nextPath` afterwards.
 */
export async function requirePageActor(nextPath: string): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(nextPath)}`);
  return actor;
}
