import { methods, ok, route } from "@/app/lib/api";
import { listMyAssignments } from "@/app/lib/coding/reads";

/** The caller's assignments with their progress. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: "user" }, async ({ actor }) => ok(await listMyAssignments(actor))),
});
