import { ApiError, methods, ok, route } from "@/app/lib/api";
import { updateUser, userPatch } from "@/app/lib/admin/users";

/**
 * Changes an account (admin): `{ role?, active?, coderKey? }`. Deactivating revokes its sessions
 * and tokens at once; an admin cannot demote or deactivate themselves (409).
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  PATCH: route<Record<string, never>, { id: string }, typeof userPatch._output>(
    { auth: "admin", body: userPatch },
    async ({ actor, params, body }) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(params.id)) throw new ApiError(404, "no such user");
      return ok({ user: await updateUser(actor, params.id, body) });
    },
  ),
});
