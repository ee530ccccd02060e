import "server-only";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "./db/client";

// One client per server process; Next.js dev reloads modules (and may bundle a module more than
// once), so keep it on globalThis.
const globalForPrisma = globalThis as unknown as {
  framescopePrisma?: PrismaClient;
  framescopeBulkPool?: { url: string; pool: pg.Pool };
};

export function getDb(): PrismaClient {
  globalForPrisma.framescopePrisma ??= createPrismaClient(databaseUrl());
  return globalForPrisma.framescopePrisma;
}

/**
 * A small node-postgres pool beside the client's, for the few bulk reads Prisma would slow down
 * (megabytes of bytea, which its raw queries convert and copy again after the driver has decoded
 * them). Made on first use, for the current DATABASE_URL; idle connections close and never keep
 * the process alive.
 */
export function getBulkPool(): pg.Pool {
  const url = databaseUrl();
  const current = globalForPrisma.framescopeBulkPool;
  if (current?.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: 3,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  pool.on("error", () => {}); // an idle connection dropped: the next query reconnects
  globalForPrisma.framescopeBulkPool = { url, pool };
  return pool;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
  return url;
}
