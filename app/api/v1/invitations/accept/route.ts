import { NextResponse } from "next/server";
import { jsonError, methods, type RouteHandler, route } from "@/app/lib/api";
import { acceptInput, acceptInvitation } from "@/app/lib/auth/invitations";
import { clientAddress, createRateLimiter } from "@/app/lib/rate-limit";

const limiter = createRateLimiter(Number(process.env.INVITATION_RATE_LIMIT ?? 30), 60_000);

const accept = route({ body: acceptInput }, async ({ body }) => {
  const account = await acceptInvitation(body);
  return NextResponse.json(account, {
    status: 201,
    headers: { Location: "/sign-in", "Cache-Control": "no-store" },
  });
});

/**
 * Accepts an invitation: `{ token, name, password }` → 201 `{ email, role, coderKey }`, then the
 * new user signs in. Anonymous (whoever holds the link), so limited per client like saved views.
 */
const limited: RouteHandler = async (req, ctx) => {
  const verdict = limiter(clientAddress(req.headers));
  if (!verdict.ok) {
    const res = jsonError(429, `too many attempts; try again in ${verdict.retryAfter} s`);
    res.headers.set("Retry-After", String(verdict.retryAfter));
    return res;
  }
  return accept(req, ctx);
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ POST: limited });
