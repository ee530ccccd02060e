import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { readReplicas } from "@prisma/extension-read-replicas";
import pg from "pg";
import { isDatabaseUnavailable } from "./db-errors";
import { createPrismaClient, type PrismaClient } from "./db/client";

export type { PrismaClient };

// One client per server process; Next.js dev reloads modules (and may bundle a module more than
// once), so keep it on globalThis.
const globalForPrisma = globalThis as unknown as {
  framescopePrisma?: PrismaClient;
  framescopeBulkPool?: { url: string; pool: pg.Pool };
  framescopeReplica?: Replica;
};

export function getDb(): PrismaClient {
  globalForPrisma.framescopePrisma ??= createPrismaClient(databaseUrl());
  return globalForPrisma.framescopePrisma;
}

/**
 * Reads inside a transaction, one after another: its one connection takes one query at a time
 * (node-postgres deprecates handing it a second while it is busy, and pg 9 refuses), so the
 * `Promise.all` a pooled client takes is not for a transaction client.
 */
export async function readInOrder<T extends readonly unknown[]>(
  reads: {
    [K in keyof T]: () => Promise<T[K]>;
  },
): Promise<T> {
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as [...T];
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
  const pool = bulkPool(url);
  globalForPrisma.framescopeBulkPool = { url, pool };
  return pool;
}

function bulkPool(url: string, config: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 3,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    ...config,
  });
  pool.on("error", () => {}); // an idle connection dropped: the next query reconnects
  return pool;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
  return url;
}

/*
 * Read replica. With DATABASE_REPLICA_URL set (a streaming standby of DATABASE_URL), the reads
 * that may lag a moment behind the last write — the public query modules in app/lib/queries/ —
 * take readDb() and readBulkPool() instead of getDb() and getBulkPool(), and are answered by the
 * standby. Everything else (writes, auth, admin, import and export, the coding workspace and
 * app/lib/coding, the seeder, a saved view read right after it was saved) keeps getDb(): the
 * primary. Without DATABASE_REPLICA_URL, readDb() is getDb() and readBulkPool() is getBulkPool().
 *
 * @prisma/extension-read-replicas routes only model reads by itself and has no failover: readDb()
 * therefore hands out its $replica() client, so raw SQL (the rollup aggregates) goes to the
 * standby as well, and that client falls back by itself: when the standby fails a read (cannot be
 * reached, cancels a query in conflict with replay, …), the same read is run on the primary at
 * once, and a standby that is down is left alone for DATABASE_REPLICA_RETRY_MS (5 s), so a reader
 * never sees its error.
 */

interface Replica {
  url: string;
  /** The primary client the replica's reads fall back to (getDb() when this was made). */
  primary: PrismaClient;
  /** The standby alone, without fallback: for freshness and health checks. */
  direct: PrismaClient;
  /** Reads on the standby that fall back to the primary: readDb(). */
  reads: PrismaClient;
  pool: pg.Pool;
  /** Until when reads skip the standby after it failed (ms since the epoch). */
  downUntil: number;
  /** Whether its last read failed: an outage is logged once, not at every retry. */
  failing: boolean;
}

const REPLICA_CONNECT_TIMEOUT_MS = 2_000;
// A standby that accepted the connection but stops answering: give up and ask the primary.
const REPLICA_QUERY_TIMEOUT_MS = 30_000;

/**
 * Whether an error from the standby means it cannot serve reads for now (down, unreachable,
 * refusing the role or database, out of connections, too slow): reads then skip it for a while.
 * Every error from the standby is retried on the primary at once, whatever it is: a hot standby
 * also cancels queries that conflict with replay, and one that lags may lack a row the primary
 * has. The primary's answer, or its error, is what the reader gets.
 */
function replicaDown(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  return REPLICA_DOWN.test(text);
}

const REPLICA_DOWN =
  /timeout|timed out|authentication failed|no pg_hba\.conf entry|does not exist|too many clients/i;

function noteFailure(replica: Replica, err: unknown): void {
  if (!replicaDown(err)) return;
  replica.downUntil = Date.now() + Number(process.env.DATABASE_REPLICA_RETRY_MS ?? 5_000);
  if (!replica.failing) {
    replica.failing = true;
    // Prisma's messages start with the call site; the cause is on the last line.
    const cause = (err instanceof Error ? err.message : String(err)).trim().split("\n").at(-1);
    console.warn(`[db] the read replica did not answer (${cause}); reading from the primary`);
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function makeReplica(url: string, primary: PrismaClient): Replica {
  const timeouts = {
    connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
    query_timeout: REPLICA_QUERY_TIMEOUT_MS,
  };
  const direct = createPrismaClient(url, timeouts);
  const replica = { url, primary, direct, downUntil: 0, failing: false } as Replica;
  const withFallback = direct.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        try {
          const result = await query(args);
          replica.failing = false;
          return result;
        } catch (err) {
          noteFailure(replica, err);
          // The same call on the primary: a model read, or raw SQL ($queryRaw and friends).
          const calls = primary as unknown as Record<string, Record<string, unknown>>;
          const target = model ? calls[lowerFirst(model)] : calls;
          const again = target?.[operation];
          if (typeof again !== "function") throw err;
          return (again as (a: unknown) => Promise<unknown>).call(target, args);
        }
      },
    },
  });
  const routed = primary.$extends(
    readReplicas({ replicas: [withFallback as unknown as PrismaClient] }),
  );
  replica.reads = routed.$replica() as unknown as PrismaClient;
  replica.pool = bulkPool(url, timeouts);
  return replica;
}

/** The configured replica for the current URLs, or null; made on first use. */
function configuredReplica(): Replica | null {
  const url = process.env.DATABASE_REPLICA_URL;
  const current = globalForPrisma.framescopeReplica;
  if (!url) return null;
  const primary = getDb();
  if (current?.url === url && current.primary === primary) return current;
  if (current) {
    void current.direct.$disconnect().catch(() => {});
    void current.pool.end().catch(() => {});
  }
  globalForPrisma.framescopeReplica = makeReplica(url, primary);
  return globalForPrisma.framescopeReplica;
}

const primaryOnly = new AsyncLocalStorage<true>();

/** The replica to read from now: configured, not backing off, and not inside onPrimary(). */
function activeReplica(): Replica | null {
  if (primaryOnly.getStore()) return null;
  const replica = configuredReplica();
  return replica && Date.now() >= replica.downUntil ? replica : null;
}

/**
 * The client for reads that may lag a moment behind the last write: the standby when
 * DATABASE_REPLICA_URL is set (falling back to the primary by itself), else the primary.
 */
export function readDb(): PrismaClient {
  return activeReplica()?.reads ?? getDb();
}

/** What the bulk readers use of a pool. */
export interface ReadPool {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** getBulkPool()'s twin for reads a replica may answer, with the same fallback as readDb(). */
export function readBulkPool(): ReadPool {
  const replica = activeReplica();
  if (!replica) return getBulkPool();
  return {
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      try {
        const result = await replica.pool.query<R>(text, values);
        replica.failing = false;
        return result;
      } catch (err) {
        noteFailure(replica, err);
        return getBulkPool().query<R>(text, values);
      }
    },
  };
}

/** Runs `fn` with every readDb() and readBulkPool() inside it answered by the primary. */
export function onPrimary<T>(fn: () => Promise<T>): Promise<T> {
  return primaryOnly.run(true, fn);
}

/**
 * Runs `read` on the standby if `caughtUp`, asked of the standby first, says it has replayed far
 * enough; otherwise (or without a replica, or while it is down) on the primary. A standby only
 * moves forward, so every read after a yes sees at least what the check saw.
 */
export async function readWhenCaughtUp<T>(
  caughtUp: (standby: PrismaClient) => Promise<boolean>,
  read: () => Promise<T>,
): Promise<T> {
  const replica = activeReplica();
  if (!replica) return onPrimary(read);
  let ready = false;
  try {
    ready = await caughtUp(replica.direct);
  } catch (err) {
    noteFailure(replica, err);
  }
  return ready ? read() : onPrimary(read);
}

export interface ReplicaStatus {
  configured: boolean;
  /** The standby answered, as a standby. */
  up: boolean;
  /** WAL the primary has written that the standby has not yet replayed. */
  lagBytes: number | null;
  /**
   * 0 when nothing is left to replay; else how long ago the last transaction the standby replayed
   * was committed on the primary (an upper bound, read from the standby's replay timestamps, so
   * it needs no monitoring rights; null until the standby has replayed one since it started).
   */
  lagSeconds: number | null;
}

/** How the read replica is doing, for /api/health; never throws. */
export async function replicaStatus(): Promise<ReplicaStatus> {
  const replica = configuredReplica();
  const down = { configured: replica !== null, up: false, lagBytes: null, lagSeconds: null };
  if (!replica) return down;
  try {
    const { rows } = await replica.pool.query<{
      standby: boolean;
      replayed: string | null;
      since: number | null;
    }>(
      `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed,
              extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since`,
    );
    const standby = rows[0];
    if (!standby?.standby || !standby.replayed) return down;
    const [primary] = await getDb().$queryRaw<{ bytes: number }[]>`
      SELECT greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), ${standby.replayed}::pg_lsn), 0)::float8 AS bytes`;
    const lagSeconds =
      primary.bytes === 0 ? 0 : standby.since === null ? null : Math.max(standby.since, 0);
    return { configured: true, up: true, lagBytes: primary.bytes, lagSeconds };
  } catch {
    return down;
  }
}
