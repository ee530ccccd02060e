import path from "node:path";
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

/** The embedded database's data folder: FRAMESCOPE_DATA_DIR, or .data/pg. */
export function embeddedDataDir(): string {
  return path.resolve(process.cwd(), process.env.FRAMESCOPE_DATA_DIR ?? ".data/pg");
}

/**
 * The database the launcher and scripts use: DATABASE_URL when it is set,
 * otherwise the embedded PostgreSQL with its data in .data/pg. With `attach`,
 * a tool joins the embedded server a running `npm start` serves instead of
 * refusing to share its data folder.
 */
export async function resolveDatabase(
  opts: { database?: string; log?: (m: string) => void; attach?: boolean } = {},
): Promise<{
  url: string;
  embedded: EmbeddedServer | null;
}> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const database = opts.database ?? "framescope";
  if (opts.attach) {
    const running = runningEmbeddedUrl(embeddedDataDir(), database);
    if (running) return { url: running, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: embeddedDataDir(),
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
