import { Client } from "pg";

/** Every rollup table: what refresh_rollups() rebuilds and the coding writes keep by deltas. */
export const ROLLUP_TABLES = [
  "frame_rollup_day",
  "frame_rollup_month",
  "article_rollup_day",
  "article_rollup_month",
  "coder_article_rollup_day",
  "coder_article_rollup_month",
] as const;

/**
 * The rows in which each rollup table differs from its rebuild by refresh_rollups(), table by
 * table (empty when they are equal row for row). The rebuild runs in a transaction that is rolled
 * back, so the database is left as it was.
 */
export async function rollupDifferences(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const out: Record<string, unknown[]> = {};
  try {
    await client.query("BEGIN");
    for (const t of ROLLUP_TABLES)
      await client.query(`CREATE TEMP TABLE "snap_${t}" ON COMMIT DROP AS SELECT * FROM "${t}"`);
    await client.query("SELECT refresh_rollups()");
    for (const t of ROLLUP_TABLES) {
      const { rows } = await client.query(
        `(SELECT 'kept' AS side, * FROM (SELECT * FROM "snap_${t}" EXCEPT ALL SELECT * FROM "${t}") d)
         UNION ALL
         (SELECT 'rebuilt' AS side, * FROM (SELECT * FROM "${t}" EXCEPT ALL SELECT * FROM "snap_${t}") r)`,
      );
      if (rows.length) out[t] = rows;
    }
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
  return out;
}
