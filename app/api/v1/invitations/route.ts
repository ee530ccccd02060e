import { NextResponse } from "next/server";
import { methods, ok, route } from "@/app/lib/api";
import {
  createInvitation,
  invitationInput,
  invitationUrl,
  listInvitations,
} from "@/app/lib/auth/invitations";

/**
 * Invitations (admin). POST `{ email, role, coderKey? }` → 201 `{ url, expiresAt }`: the one-time
 * link, shown once (only its hash is kept). GET lists the invitations not yet accepted.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: "admin" }, async () => ok({ invitations: await listInvitations() })),
  POST: route({ auth: "admin", body: invitationInput }, async ({ req, actor, body }) => {
    const { token, expiresAt, invitation } = await createInvitation(body, actor.userId);
    return NextResponse.json(
      { url: invitationUrl(token, req.nextUrl.origin), expiresAt, invitation },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  }),
});
