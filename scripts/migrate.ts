/** Applies pending migrations to DATABASE_URL or the embedded database: `npm run db:migrate`. */
import { resolveDatabase } from "./lib/db/local";
import { applyMigrations } from "./lib/db/migrate";

async function main() {
  const { url, embedded } = await resolveDatabase();
  try {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "migrations: up to date");
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
});
