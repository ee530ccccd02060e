import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api";
import { getDb } from "../db";
import type { Role } from "./actor";
import { hashToken } from "./tokens";
import { coderKey, createUser, emailSchema, passwordSchema, roleSchema } from "./users";

/*
 * Invitations, for a team without a mail server: an admin makes a one-time link
 * `/invite/<secret>` and passes it on; whoever opens it chooses a name and password, and the
 * account is made with the role and coder key the admin chose. Only the secret's SHA-256 hash is
 * stored (it is 256 random bits, like an API token); a link works once and for seven days.
 */

export const INVITATION_DAYS = 7;

export const invitationInput = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  // An empty field in the form means "no coder key".
  coderKey: z.preprocess((v) => (v === "" || v === null ? undefined : v), coderKey.optional()),
});

export const acceptInput = z.strictObject({
  token: z.string().min(1, "is required").max(200, "is not an invitation token"),
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .refine((n) => !/[\u0000-\u001F\u007F-\u009F]/.test(n), "must not contain control characters"),
  password: passwordSchema,
});

export type InvitationStatus = "open" | "used" | "expired";

export interface InvitationView {
  id: number;
  email: string;
  role: Role;
  coderKey: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  status: InvitationStatus;
}

function statusOf(row: { usedAt: Date | null; expiresAt: Date }, now = new Date()) {
  if (row.usedAt) return "used" as const;
  return row.expiresAt <= now ? ("expired" as const) : ("open" as const);
}

function toView(row: {
  id: number;
  email: string;
  role: string;
  coderKey: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role === "admin" ? "admin" : "coder",
    coderKey: row.coderKey,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    status: statusOf(row),
  };
}

/** Refuses an invitation that could never be accepted: the email or coder key is already taken. */
async function checkInvitable(email: string, key: string | undefined): Promise<void> {
  const db = getDb();
  if (await db.user.findUnique({ where: { email }, select: { id: true } }))
    throw new ApiError(409, `an account for ${email} already exists`, [
      { param: "email", message: "is taken" },
    ]);
  if (!key) return;
  const coder = await db.coder.findUnique({ where: { key }, select: { origin: true } });
  const reserved = await db.invitation.findFirst({
    where: { coderKey: key, usedAt: null, expiresAt: { gt: new Date() } },
    select: { email: true },
  });
  if (coder || reserved)
    throw new ApiError(
      409,
      coder?.origin === "seed"
        ? `coder key ${key} belongs to the seed coding; choose another`
        : coder
          ? `coder key ${key} is already in use`
          : `coder key ${key} is reserved by an open invitation for ${reserved?.email}`,
      [{ param: "coderKey", message: "is taken" }],
    );
}

/**
 * Makes a one-time invitation; returns its secret (never stored) and when it expires. The
 * caller turns the secret into the link with `invitationUrl`.
 */
export async function createInvitation(
  input: z.infer<typeof invitationInput>,
  createdBy: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; invitation: InvitationView }> {
  await checkInvitable(input.email, input.coderKey);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
  const row = await getDb().invitation.create({
    data: {
      tokenHash: hashToken(token),
      email: input.email,
      role: input.role,
      coderKey: input.coderKey ?? null,
      createdBy,
      createdAt: now,
      expiresAt,
    },
  });
  return { token, expiresAt, invitation: toView(row) };
}

/**
 * The link to hand on: on PUBLIC_URL when set (behind a proxy the request's own origin may be an
 * internal one), else on the origin the admin's request came to.
 */
export function invitationUrl(token: string, requestOrigin: string): string {
  return new URL(`/invite/${encodeURIComponent(token)}`, process.env.PUBLIC_URL || requestOrigin)
    .href;
}

/** The invitation a link names, or null when no invitation has that secret. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  if (!token || token.length > 200) return null;
  const row = await getDb().invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  return row ? toView(row) : null;
}

/** Invitations not yet accepted, newest first (expired ones for a week after they lapse). */
export async function listInvitations(now = new Date()): Promise<InvitationView[]> {
  const since = new Date(now.getTime() - INVITATION_DAYS * 24 * 3600 * 1000);
  const rows = await getDb().invitation.findMany({
    where: { usedAt: null, expiresAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map(toView);
}

/** Why a link cannot be used, as the API answers it. */
export function refusal(invitation: InvitationView | null): ApiError | null {
  if (!invitation) return new ApiError(404, "this invitation link is not valid");
  if (invitation.status === "used")
    return new ApiError(409, "this invitation has already been used; sign in instead");
  if (invitation.status === "expired")
    return new ApiError(410, "this invitation has expired; ask an admin for a new link");
  return null;
}

/**
 * Accepts an invitation: makes the account (role and coder key from the invitation) and marks
 * the link used. The link is claimed first, in one conditional update, so two tabs accepting
 * at once make one account; if the account cannot be made, the link is released again.
 */
export async function acceptInvitation(
  input: z.infer<typeof acceptInput>,
): Promise<{ email: string; role: Role; coderKey: string | null }> {
  const db = getDb();
  const tokenHash = hashToken(input.token);
  const claimedAt = new Date();
  const { count } = await db.invitation.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: claimedAt } },
    data: { usedAt: claimedAt },
  });
  if (!count) throw refusal(await findInvitation(input.token)) ?? new ApiError(409, "try again");
  const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash } });
  const role: Role = invitation.role === "admin" ? "admin" : "coder";
  try {
    const user = await createUser({
      email: invitation.email,
      password: input.password,
      name: input.name,
      role,
      coderKey: invitation.coderKey,
    });
    return { email: user.email, role, coderKey: user.coderKey };
  } catch (err) {
    await db.invitation.updateMany({
      where: { tokenHash, usedAt: claimedAt },
      data: { usedAt: null },
    });
    throw err;
  }
}
