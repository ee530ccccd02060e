import "server-only";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import type { Tx } from "./transaction";

/** The coder a read names: `me` (the actor's own) or a coder key. */
export async function resolveCoder(
  db: Pick<Tx, "coder">,
  actor: Actor,
  coder: string,
): Promise<{ id: number; key: string }> {
  if (coder === "me") {
    if (actor.coderId === null || actor.coderKey === null)
      throw new ApiError(400, "your account has no coder key", [
        { param: "coder", message: "your account has no coder key; name a coder instead of me" },
      ]);
    return { id: actor.coderId, key: actor.coderKey };
  }
  const row = await db.coder.findUnique({ where: { key: coder }, select: { id: true, key: true } });
  if (!row)
    throw new ApiError(404, `no coder ${JSON.stringify(coder)}`, [
      { param: "coder", message: "is not a known coder key" },
    ]);
  return row;
}

/**
 * The blind rule: a coder reads their own coding, and another coder's only once the article's
 * codings are public (every coder assigned to it is done); an admin reads every coding.
 */
export function assertMayRead(
  actor: Actor,
  coder: { id: number; key: string },
  article: { slug: string; codingsPublic: boolean },
): void {
  if (actor.role === "admin" || coder.id === actor.coderId || article.codingsPublic) return;
  throw new ApiError(
    403,
    `${coder.key}'s coding of ${article.slug} is hidden until every coder assigned to it is done ` +
      "(blind coding)",
  );
}
