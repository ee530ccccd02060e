import { Client } from "pg";
import { applyMigrations } from "../db/migrate";

/**
 * Test databases live on the PostgreSQL that `npm test` starts (its admin URL
 * is in TEST_PG_ADMIN_URL). Each suite gets its own fresh database, so suites
 * can run in parallel and never see each other's writes.
 */
export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error(
      "TEST_PG_ADMIN_URL is not set: run the tests with `npm test`, which starts PostgreSQL",
    );
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(
  name: string,
  opts: { migrate?: boolean } = {},
): Promise<string> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  if (opts.migrate !== false) await applyMigrations(url);
  return url;
}

/** Points the app's data layer (getDb) at `url` for the rest of this test file. */
export function useDatabase(url: string): void {
  process.env.DATABASE_URL = url;
  (globalThis as { framescopePrisma?: unknown }).framescopePrisma = undefined;
  // The auth instance holds the client it was made with.
  (globalThis as { framescopeAuth?: unknown }).framescopeAuth = undefined;
  process.env.BETTER_AUTH_SECRET ??= "test-secret-for-vitest-suites-only-0123456789";
}

const TABLES = [
  "outlet",
  "article",
  "dimension",
  "code",
  "coder",
  "passage_code",
  "article_code",
  "event",
  "event_article",
  "saved_view",
  "seed_state",
  "assignment",
  "coding_history",
  "auth_user",
  "auth_session",
  "api_token",
  "invitation",
  "frame_rollup_day",
  "coder_article_rollup_day",
  "article_rollup_day",
];

/** A checksum of every row of every table: equal checksums mean nothing changed. */
export async function tableChecksums(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const { rows } = await client.query(
        `SELECT count(*)::text || ':' ||
                coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum
         FROM "${t}" t`,
      );
      out[t] = rows[0].sum;
    }
    return out;
  } finally {
    await client.end();
  }
}
