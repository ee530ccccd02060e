import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

/**
 * The database the launcher and scripts use: DATABASE_URL when it is set,
 * otherwise the embedded PostgreSQL with its data in .data/pg.
 */
export async function resolveDatabase(
  opts: { database?: string; log?: (m: string) => void } = {},
): Promise<{
  url: string;
  embedded: EmbeddedServer | null;
}> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const database = opts.database ?? "framescope";
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(process.cwd(), process.env.FRAMESCOPE_DATA_DIR ?? ".data/pg"),
    port: Number(process.env.FRAMESCOPE_PG_PORT ?? 54329),
    databases: [database],
    log: opts.log,
  });
  return { url: embedded.url(database), embedded };
}

/** Points the app's database client (getDb) at another database, for scripts that read several. */
export function switchAppDatabase(url: string): void {
  process.env.DATABASE_URL = url;
  (globalThis as { framescopePrisma?: unknown }).framescopePrisma = undefined;
}
