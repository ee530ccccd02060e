import "server-only";
import { z } from "zod";
import { ApiError } from "../api";
import { getDb } from "../db";
import type { Role } from "./actor";
import { getAuth } from "./server";
import { revokeApiTokens } from "./tokens";

/** A coder key: what the `coder=` filter, charts, assignments and exports show instead of a name. */
export const coderKey = z
  .string()
  .max(32, "must be at most 32 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "must be letters, digits, dots, hyphens or underscores");
export const roleSchema = z.enum(["admin", "coder"], { error: "must be admin or coder" });
export const emailSchema = z
  .email("must be an email address")
  .max(254)
  .transform((e) => e.toLowerCase());
export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(256, "must be at most 256 characters");

export interface NewUser {
  email: string;
  password: string;
  name?: string;
  role: Role;
  coderKey?: string | null;
}

/**
 * Makes an account with a password hashed by better-auth (scrypt) and, when it codes, its coder
 * (kind person, named by its key only). A coder key a seed coder or another account holds is
 * refused with 409, naming it.
 */
export async function createUser(
  input: NewUser,
): Promise<{ id: string; email: string; coderKey: string | null }> {
  const email = emailSchema.parse(input.email);
  const db = getDb();
  if (await db.user.findUnique({ where: { email }, select: { id: true } }))
    throw new ApiError(409, `an account for ${email} already exists`, [
      { param: "email", message: "is taken" },
    ]);
  const key = input.coderKey ?? null;
  const ctx = await getAuth().$context;
  const hash = await ctx.password.hash(passwordSchema.parse(input.password));
  return db.$transaction(async (tx) => {
    const coderId = key ? await claimCoderKey(tx, key) : null;
    const user = await tx.user.create({
      data: {
        id: ctx.generateId({ model: "user" }) || crypto.randomUUID(),
        email,
        name: input.name?.trim() || email.split("@")[0],
        emailVerified: true,
        role: input.role,
        coderId,
      },
    });
    await tx.account.create({
      data: {
        id: ctx.generateId({ model: "account" }) || crypto.randomUUID(),
        accountId: user.id,
        providerId: "credential",
        userId: user.id,
        password: hash,
      },
    });
    return { id: user.id, email: user.email, coderKey: key ?? null };
  });
}

/** Creates the coder row for a new account's key; refuses a key already in use. */
type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

async function claimCoderKey(db: Tx, key: string): Promise<number> {
  const parsed = coderKey.safeParse(key);
  if (!parsed.success)
    throw new ApiError(400, "invalid coder key", [
      { param: "coderKey", message: parsed.error.issues[0].message },
    ]);
  const existing = await db.coder.findUnique({
    where: { key },
    include: { user: { select: { id: true } } },
  });
  if (existing)
    throw new ApiError(
      409,
      existing.origin === "seed"
        ? `coder key ${key} belongs to the seed coding; choose another`
        : `coder key ${key} is already in use`,
      [{ param: "coderKey", message: "is taken" }],
    );
  const coder = await db.coder.create({ data: { key, name: key, kind: "person", origin: "app" } });
  return coder.id;
}

/** Gives an account a coder key after the fact (admins who start coding). */
export async function setCoderKey(userId: string, key: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new ApiError(404, "no such user");
    if (user.coderId) throw new ApiError(409, "this account already has a coder key");
    const coderId = await claimCoderKey(tx, key);
    await tx.user.update({ where: { id: userId }, data: { coderId } });
  });
}

export async function setRole(userId: string, role: Role): Promise<void> {
  const db = getDb();
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (!count) throw new ApiError(404, "no such user");
}

/**
 * Deactivates an account: it can no longer sign in, and its sessions and API tokens stop working
 * at once. Its codings stay (they are research data). Reactivating lets it sign in again.
 */
export async function setActive(userId: string, active: boolean): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId },
      data: { banned: !active },
    });
    if (!count) throw new ApiError(404, "no such user");
    if (!active) await tx.session.deleteMany({ where: { userId } });
  });
  if (!active) await revokeApiTokens(userId);
}
