import { methods, ok, route } from "@/app/lib/api";
import { listUsers } from "@/app/lib/admin/users";

/** Every account with its role, coder key, whether it is active and its last session (admin). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: "admin" }, async () => ok({ users: await listUsers() })),
});
