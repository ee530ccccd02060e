import "server-only";
import { getDb, type PrismaClient, readWhenCaughtUp } from "./db";

/**
 * The coded corpus's data version: a counter that every statement changing articles, codings,
 * assignments, coders, outlets, the codebook, events or settings raises inside its own
 * transaction (trigger bump_data_version). A reader that sees a version sees every write before
 * it, so a value cached under a version is never older than that version's data. Read on the
 * primary (`db` is for the replica's own check below).
 */
export async function dataVersion(db: PrismaClient = getDb()): Promise<bigint> {
  const rows = await db.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version`;
  return rows[0]?.version ?? 0n;
}

/*
 * With a read replica (DATABASE_REPLICA_URL), the computations below read the standby, which may
 * lag a moment behind the primary. A figure computed on a standby that had not yet replayed the
 * last write, but kept under the primary's newer version, would stay stale until the next write.
 * So the version is the primary's (the last write, also right after a coding write), and a value
 * is computed on the standby only once the standby's own data version has reached it (checked on
 * the standby just before; a standby only moves forward); otherwise, or while the standby is
 * down, it is computed on the primary. A cached figure is therefore never older than its version,
 * and the standby still does the work whenever it has caught up, which is nearly always.
 */
const computeAtLeast = <T>(version: bigint, compute: () => Promise<T>): Promise<T> =>
  readWhenCaughtUp(async (standby) => (await dataVersion(standby)) >= version, compute);

interface Entry<T> {
  version: bigint;
  value: Promise<T>;
}

/**
 * Values computed from the database, kept per key until the data version changes, in this
 * process: at most `max` keys, the least recently used dropped first. Concurrent requests for
 * the same key and version share one computation; a failed computation is not kept.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  hits = 0;
  misses = 0;

  constructor(private readonly max = 500) {}

  async get(key: string, compute: () => Promise<T>, version?: bigint): Promise<T> {
    const current = version ?? (await dataVersion());
    const entry = this.entries.get(key);
    if (entry && entry.version === current) {
      this.hits++;
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, entry);
      return entry.value;
    }
    this.misses++;
    const value = computeAtLeast(current, compute);
    this.entries.delete(key);
    this.entries.set(key, { version: current, value });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
