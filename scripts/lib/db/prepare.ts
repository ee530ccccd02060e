import path from "node:path";
import { applyMigrations } from "./migrate";
import { createPrismaClient } from "../../../app/lib/db/client";
import { loadSeeds } from "../../../app/lib/seed/load";
import { writeSeeds, type SeedSummary } from "../../../app/lib/seed/write";

export const SEEDS_DIR = path.resolve(process.cwd(), "seeds");

/** Brings a database up to date: migrations applied, then the seeds loaded when they changed. */
export async function prepareDatabase(
  databaseUrl: string,
  opts: { seedsDir?: string; force?: boolean; log?: (msg: string) => void } = {},
): Promise<SeedSummary> {
  const log = opts.log ?? console.log;
  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations: up to date");
  const data = loadSeeds(opts.seedsDir ?? SEEDS_DIR);
  const db = createPrismaClient(databaseUrl);
  try {
    const summary = await writeSeeds(db, data, { force: opts.force });
    log(
      summary.skipped
        ? `seeds: unchanged (${summary.articles} articles, ${summary.passageCodes} passage codes)`
        : `seeds: loaded ${summary.outlets} outlets, ${summary.articles} articles, ` +
            `${summary.passageCodes} passage codes, ${summary.articleCodes} article codes, ` +
            `${summary.events} events`,
    );
    return summary;
  } finally {
    await db.$disconnect();
  }
}
