import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";

export type { PrismaClient };

const urls = new WeakMap<PrismaClient, string>();
const bulkPools = new WeakMap<PrismaClient, pg.Pool>();

/** A Prisma client on the node-postgres driver. Scripts and tests call this; the app uses getDb(). */
export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const client = new PrismaClient({ adapter });
  urls.set(client, connectionString);
  return client;
}

/**
 * A small node-postgres pool beside a client's, for the few bulk reads Prisma would slow down
 * (megabytes of bytea, which its raw queries convert and copy again after the driver has
 * decoded them). Made on first use; idle connections close and never keep the process alive.
 */
export function bulkPool(client: PrismaClient): pg.Pool {
  let pool = bulkPools.get(client);
  if (!pool) {
    const connectionString = urls.get(client);
    if (!connectionString) throw new Error("bulkPool: this client was not made here");
    pool = new pg.Pool({
      connectionString,
      max: 3,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    pool.on("error", () => {}); // an idle connection dropped: the next query reconnects
    bulkPools.set(client, pool);
  }
  return pool;
}
