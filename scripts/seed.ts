/**
 * Validates seeds/ and loads it: `npm run seed [-- --force | --check] [seeds folder]`.
 * --check validates only and writes nothing. A problem stops it with
 * `file: item: reason` lines and the database as it was.
 */
import { loadSeeds, SeedError } from "../app/lib/seed/load";
import { parseArgsOrExit } from "./lib/args";
import { prepareDatabase, SEEDS_DIR } from "./lib/db/prepare";
import { resolveDatabase } from "./lib/db/local";

async function main() {
  const { values, positionals } = parseArgsOrExit(
    "seed",
    "usage: npm run seed [-- --force | --check] [seeds folder]",
    { force: { type: "boolean" }, check: { type: "boolean" } },
    { positionals: true },
  );
  const seedsDir = positionals[0] ?? SEEDS_DIR;
  if (values.check) {
    const data = loadSeeds(seedsDir);
    console.log(
      `seeds are valid: ${data.articles.length} articles, ` +
        `${data.codings.reduce((n, c) => n + c.passages.length, 0)} passage codes`,
    );
    return;
  }
  const { url, embedded } = await resolveDatabase();
  try {
    await prepareDatabase(url, { seedsDir, force: values.force });
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  if (err instanceof SeedError) {
    console.error(`seeding stopped; the database was not changed:\n${err.message}`);
  } else {
    console.error(`seeding failed: ${(err as Error).message}`);
  }
  process.exit(1);
});
