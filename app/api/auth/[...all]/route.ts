import { toNextJsHandler } from "better-auth/next-js";
import type { NextRequest } from "next/server";
import { jsonError } from "@/app/lib/api";
import { getAuth } from "@/app/lib/auth/server";
import { getDb } from "@/app/lib/db";
import { createRateLimiter } from "@/app/lib/rate-limit";
import { readBodyText } from "@/app/lib/views";

/*
 * better-auth's HTTP endpoints, limited to what Framescope uses: sign in with email and password,
 * sign out, and read the session. Everything else (sign-up, password reset by mail, …) is 404:
 * accounts come from `npm run user` and invitations. Failed sign-ins are limited to 10 a minute
 * per account and address (429), and an unknown account gets the same answer as a wrong password.
 */

const ALLOWED = new Set(["POST /sign-in/email", "POST /sign-out", "GET /get-session"]);
const FAILURES_PER_MINUTE = Number(process.env.SIGN_IN_FAILURE_LIMIT ?? 10);
const failures = createRateLimiter(FAILURES_PER_MINUTE - 1, 60_000);
const blocked = new Map<string, number>();

function clientAddress(req: NextRequest): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
}

const SIGN_IN_REFUSED = "the email or password is wrong";

async function signIn(
  req: NextRequest,
  handler: (r: Request) => Promise<Response>,
): Promise<Response> {
  if (!/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? ""))
    return jsonError(415, "send the body as JSON (Content-Type: application/json)");
  // An email and a password fit in far less; a larger body is refused unread.
  const raw = await readBodyText(req, 64 * 1024);
  if (raw === null) return jsonError(413, "the body is larger than 65536 bytes");
  let email = "";
  try {
    const parsed = JSON.parse(raw) as { email?: unknown };
    if (typeof parsed.email === "string") email = parsed.email.trim().toLowerCase().slice(0, 254);
  } catch {
    return jsonError(400, "the body is not valid JSON", [
      { param: "body", message: "is not valid JSON" },
    ]);
  }
  const key = `${email}\u0000${clientAddress(req)}`;
  if (blocked.size > 10_000) for (const [k, t] of blocked) if (t <= Date.now()) blocked.delete(k);
  const until = blocked.get(key);
  if (until && until > Date.now()) {
    const res = jsonError(429, "too many failed sign-ins; wait a minute and try again");
    res.headers.set("Retry-After", String(Math.ceil((until - Date.now()) / 1000)));
    return res;
  }
  // An email with NUL is nobody's, and PostgreSQL text cannot hold it: no lookup.
  const user =
    !email.includes("\u0000") && email
      ? await getDb().user.findUnique({ where: { email }, select: { banned: true } })
      : null;
  const forward = new Request(req.url, { method: "POST", headers: req.headers, body: raw });
  const res = user?.banned ? null : await handler(forward);
  if (res?.ok) {
    blocked.delete(key);
    return withSecureCookies(req, res);
  }
  if (res && res.status !== 401 && res.status !== 400) return res;
  const limited = failures(key);
  if (!limited.ok) blocked.set(key, Date.now() + limited.retryAfter * 1000);
  return jsonError(401, SIGN_IN_REFUSED);
}

/** Over https (directly or, with TRUST_PROXY=1, behind a proxy), every auth cookie is Secure. */
function withSecureCookies(req: NextRequest, res: Response): Response {
  const https =
    req.nextUrl.protocol === "https:" ||
    (process.env.TRUST_PROXY === "1" && req.headers.get("x-forwarded-proto") === "https");
  if (!https) return res;
  const headers = new Headers(res.headers);
  headers.delete("set-cookie");
  for (const cookie of res.headers.getSetCookie())
    headers.append("set-cookie", /;\s*secure/i.test(cookie) ? cookie : `${cookie}; Secure`);
  return new Response(res.body, { status: res.status, headers });
}

async function dispatch(req: NextRequest): Promise<Response> {
  const path = req.nextUrl.pathname.replace(/^\/api\/auth/, "");
  if (!ALLOWED.has(`${req.method} ${path}`)) return jsonError(404, "no such endpoint");
  const handlers = toNextJsHandler(getAuth());
  if (path === "/sign-in/email") return signIn(req, handlers.POST);
  const res = await (req.method === "GET" ? handlers.GET(req) : handlers.POST(req));
  return withSecureCookies(req, res);
}

export const GET = dispatch;
export const POST = dispatch;
