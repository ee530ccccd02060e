import "server-only";
import { z } from "zod";
import { ApiError } from "../api";
import type { Actor, Role } from "../auth/actor";
import { coderKey, roleSchema, setActive, setCoderKey, setRole } from "../auth/users";
import { getDb } from "../db";

/** One account as `/admin/users` and `GET /api/v1/users` show it. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  coderKey: string | null;
  active: boolean;
  createdAt: Date;
  /** When the account last used a session (sign-in or a request refreshing it); null if never. */
  lastSessionAt: Date | null;
}

/** Every account, admins first, then by email. */
export async function listUsers(): Promise<UserRow[]> {
  const users = await getDb().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    include: {
      coder: { select: { key: true } },
      sessions: { select: { updatedAt: true }, orderBy: { updatedAt: "desc" }, take: 1 },
    },
  });
  return users.map(toRow);
}

function toRow(u: {
  id: string;
  email: string;
  name: string;
  role: string;
  banned: boolean | null;
  createdAt: Date;
  coder: { key: string } | null;
  sessions: { updatedAt: Date }[];
}): UserRow {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role === "admin" ? "admin" : "coder",
    coderKey: u.coder?.key ?? null,
    active: !u.banned,
    createdAt: u.createdAt,
    lastSessionAt: u.sessions[0]?.updatedAt ?? null,
  };
}

export async function getUserRow(id: string): Promise<UserRow> {
  const user = await getDb().user.findUnique({
    where: { id },
    include: {
      coder: { select: { key: true } },
      sessions: { select: { updatedAt: true }, orderBy: { updatedAt: "desc" }, take: 1 },
    },
  });
  if (!user) throw new ApiError(404, "no such user");
  return toRow(user);
}

export const userPatch = z
  .strictObject({
    role: roleSchema.optional(),
    active: z.boolean({ error: "must be true or false" }).optional(),
    coderKey: coderKey.optional(),
  })
  .refine((p) => p.role !== undefined || p.active !== undefined || p.coderKey !== undefined, {
    message: "send at least one of role, active, coderKey",
  });

/**
 * Changes an account as an admin asked. An admin cannot demote or deactivate themselves (so
 * there is always an admin left); a coder key can be given only to an account without one.
 */
export async function updateUser(
  actor: Actor,
  id: string,
  patch: z.infer<typeof userPatch>,
): Promise<UserRow> {
  const current = await getUserRow(id);
  if (id === actor.userId && patch.role === "coder" && current.role === "admin")
    throw new ApiError(409, "you cannot remove your own admin role; ask another admin", [
      { param: "role", message: "cannot demote yourself" },
    ]);
  if (id === actor.userId && patch.active === false)
    throw new ApiError(409, "you cannot deactivate your own account; ask another admin", [
      { param: "active", message: "cannot deactivate yourself" },
    ]);
  if (patch.coderKey !== undefined && patch.coderKey !== current.coderKey)
    await setCoderKey(id, patch.coderKey);
  if (patch.role !== undefined && patch.role !== current.role) await setRole(id, patch.role);
  if (patch.active !== undefined && patch.active !== current.active)
    await setActive(id, patch.active);
  return getUserRow(id);
}
