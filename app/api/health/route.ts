import { methods, ok, route } from "@/app/lib/api";
import { getDb, replicaStatus } from "@/app/lib/db";

export const dynamic = "force-dynamic";

/**
 * 200 while the primary answers (503 from the wrapper when it does not). The read replica is
 * reported, not required: `replica: { configured, up, lagBytes, lagSeconds }`; a replica that is
 * down leaves the health at 200, as reads then fall back to the primary.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async () => {
    await getDb().$queryRaw`SELECT 1`;
    return ok({ status: "ok", database: "up", replica: await replicaStatus() });
  }),
});
