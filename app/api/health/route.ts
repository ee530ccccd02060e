import { handle, ok, otherMethods } from "@/app/lib/api";
import { getDb } from "@/app/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  return handle(async () => {
    await getDb().$queryRaw`SELECT 1`;
    return ok({ status: "ok", database: "up" });
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
