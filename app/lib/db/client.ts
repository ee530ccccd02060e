import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";

export type { PrismaClient };

/**
 * A Prisma client on the node-postgres driver. Scripts and tests call this; the app uses getDb()
 * (and readDb() for reads a replica may answer). `pool` adds driver settings, e.g. timeouts.
 */
export function createPrismaClient(
  connectionString: string,
  pool: Omit<pg.PoolConfig, "connectionString"> = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    ...pool,
  });
  return new PrismaClient({ adapter });
}
