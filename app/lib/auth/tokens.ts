import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "../db";

/*
 * Personal API tokens for scripts (`Authorization: Bearer <token>`). A token is shown once; only
 * its SHA-256 hash is stored (a token is 256 random bits, so a fast hash is enough: there is
 * nothing to brute-force). Tokens last until revoked; deactivating a user revokes them all.
 */

const PREFIX = "fst_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a token for a user; returns the token itself, which is never stored. */
export async function createApiToken(userId: string, name: string): Promise<string> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  await getDb().apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) },
  });
  return token;
}

/** The live token with this value, or null (unknown, revoked, or its user deactivated). */
export async function findApiToken(token: string) {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { coder: { select: { key: true } } } } },
  });
  if (!row || row.revokedAt || row.user.banned) return null;
  return row;
}

export async function revokeApiTokens(userId: string): Promise<number> {
  const { count } = await getDb().apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}
