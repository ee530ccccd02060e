import { methods, ok, route } from "@/app/lib/api";
import { getDb } from "@/app/lib/db";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async () => {
    await getDb().$queryRaw`SELECT 1`;
    return ok({ status: "ok", database: "up" });
  }),
});
