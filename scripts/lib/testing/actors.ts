import { expect } from "vitest";
import { ApiError } from "../../../app/lib/api";
import type { Actor, Role } from "../../../app/lib/auth/actor";
import { createUser } from "../../../app/lib/auth/users";
import { getDb } from "../../../app/lib/db";

/** An account and its actor, as the API would see it calling with a token (for service tests). */
export async function testActor(
  email: string,
  role: Role,
  coderKey: string | null,
): Promise<Actor> {
  const made = await createUser({ email, password: "a-long-password-1", role, coderKey });
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: made.id },
    include: { coder: { select: { key: true } } },
  });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role,
    coderId: user.coderId,
    coderKey: user.coder?.key ?? null,
    via: "token",
  };
}

/** The ApiError a service call fails with (the test fails if it succeeds or fails otherwise). */
export async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the call should have been refused").toBeInstanceOf(ApiError);
  return err as ApiError;
}
