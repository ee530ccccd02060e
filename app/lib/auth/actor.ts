import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import { getDb } from "../db";
import { createRateLimiter } from "../rate-limit";
import { getAuth } from "./server";
import { findApiToken } from "./tokens";

export type Role = "admin" | "coder";

/** Who is calling: a signed-in user (session cookie) or a script (personal API token). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The coder this account codes as; null for an account that does not code. */
  coderId: number | null;
  coderKey: string | null;
  via: "session" | "token";
}

export type ActorResult =
  | { kind: "anonymous" }
  | { kind: "refused"; status: 401 | 429; message: string; retryAfter?: number }
  | { kind: "actor"; actor: Actor };

const TOKEN_RATE_LIMIT = Math.max(600, Number(process.env.TOKEN_RATE_LIMIT ?? 600));
const tokenLimiter = createRateLimiter(TOKEN_RATE_LIMIT, 60_000);

function bearer(headers: Headers): string | null | undefined {
  const header = headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

function asRole(role: string | null | undefined): Role {
  return role === "admin" ? "admin" : "coder";
}

/**
 * Reads the caller from a request: a personal API token in `Authorization: Bearer`, else the
 * session cookie. A request with neither is anonymous; one whose credentials do not hold (unknown
 * or revoked token, expired or revoked session, deactivated account) is refused with 401.
 */
export async function getActor(headers: Headers): Promise<ActorResult> {
  const token = bearer(headers);
  if (token !== undefined) {
    if (token === null)
      return {
        kind: "refused",
        status: 401,
        message: "the Authorization header is not a Bearer token",
      };
    const row = await findApiToken(token);
    if (!row) return { kind: "refused", status: 401, message: "the API token is not valid" };
    const limited = tokenLimiter(String(row.id));
    if (!limited.ok)
      return {
        kind: "refused",
        status: 429,
        message: `too many requests with this token; try again in ${limited.retryAfter} s`,
        retryAfter: limited.retryAfter,
      };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
      await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    return {
      kind: "actor",
      actor: {
        userId: row.user.id,
        email: row.user.email,
        name: row.user.name,
        role: asRole(row.user.role),
        coderId: row.user.coderId,
        coderKey: row.user.coder?.key ?? null,
        via: "token",
      },
    };
  }
  if (!getSessionCookie(headers)) return { kind: "anonymous" };
  const session = await getAuth().api.getSession({ headers });
  if (!session)
    return { kind: "refused", status: 401, message: "your session has ended; sign in again" };
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    include: { coder: { select: { key: true } } },
  });
  if (!user || user.banned)
    return { kind: "refused", status: 401, message: "this account is deactivated" };
  return {
    kind: "actor",
    actor: {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: asRole(user.role),
      coderId: user.coderId,
      coderKey: user.coder?.key ?? null,
      via: "session",
    },
  };
}

/**
 * CSRF guard for cookie-authenticated writes: the Origin header must name the host the request
 * was sent to. Token requests carry no cookie and need no check.
 */
export function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host =
    headers.get("x-forwarded-host") && process.env.TRUST_PROXY === "1"
      ? headers.get("x-forwarded-host")
      : headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
