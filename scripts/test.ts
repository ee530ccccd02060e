/**
 * Runs every test: `npm test [-- --unit | --e2e] [file filters…]`. Finds
 * Chromium first, installing it when missing (scripts/lib/chromium.ts), so a
 * machine without a browser stops at once rather than after the build. Starts
 * a PostgreSQL of its own (embedded, data in .data/pg-test, or
 * TEST_PG_ADMIN_URL), runs the unit and integration suites (Vitest), builds
 * the app, seeds an end-to-end database and runs the browser suites
 * (Playwright). Prints one closing line with the totals.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "./lib/db/embedded";
import { prepareDatabase } from "./lib/db/prepare";
import { recreateDatabase } from "./lib/testing/database";
import { parseArgsOrExit } from "./lib/args";
import { ChromiumError, resolveChromium, systemHost } from "./lib/chromium";
import { buildIfNeeded } from "./build";

const root = path.resolve(__dirname, "..");
const reports = path.join(root, "test-results/reports");
const log = (msg: string) => console.log(`[test] ${msg}`);
// Anything but the two flags narrows the run: file filters for Vitest and Playwright
// (e.g. `npm test -- --e2e dashboard`).
const { values: flags, positionals: filters } = parseArgsOrExit(
  "test",
  "usage: npm test [-- --unit | --e2e] [file filters…]",
  { unit: { type: "boolean" }, e2e: { type: "boolean" } },
  { positionals: true },
);
if (flags.unit && flags.e2e) {
  console.error("test: --unit and --e2e exclude each other; give neither to run everything");
  process.exit(2);
}
const only = flags.unit ? "--unit" : flags.e2e ? "--e2e" : undefined;

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin", cmd), cmdArgs, {
      cwd: root,
      env,
      stdio: "inherit",
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestTotals(file: string): Totals {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, "utf8"));
  // A suite that fails to load has no failed test but makes the run unsuccessful: count it.
  const unlisted = !r.success && r.numFailedTests === 0 ? 1 : 0;
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + unlisted,
    skipped: r.numPendingTests + r.numTodoTests,
  };
}

function playwrightTotals(file: string): Totals {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const s = JSON.parse(readFileSync(file, "utf8")).stats;
  return { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected, skipped: s.skipped };
}

/**
 * The browser for Playwright, installed if missing; a machine that cannot have one stops here with
 * one line.
 */
async function browserFor(): Promise<string> {
  try {
    return await resolveChromium(systemHost(log));
  } catch (err) {
    if (!(err instanceof ChromiumError)) throw err;
    console.error(`[test] ${err.message}`);
    process.exit(1);
  }
}

async function main() {
  const chromiumPath = only === "--unit" ? undefined : await browserFor();
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let embedded: EmbeddedServer | null = null;
  let adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(root, process.env.FRAMESCOPE_TEST_DATA_DIR ?? ".data/pg-test"),
      port: Number(process.env.FRAMESCOPE_TEST_PG_PORT ?? 54339),
      databases: [],
      log,
    });
    adminUrl = embedded.url("postgres");
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  // Sessions in the test servers are signed with a secret of this run's own.
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (t: Totals) => {
    totals.passed += t.passed;
    totals.failed += t.failed;
    totals.skipped += t.skipped;
  };
  try {
    // The production build comes first: integration suites start it too (outage, crash recovery),
    // and it writes the route types the type check reads.
    await buildIfNeeded(log, env);
    // The type check and the linter count as one test each.
    const check = (code: number): Totals =>
      code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
    log("type check (app, tests and scripts)");
    add(check(await run("tsc", ["--noEmit", "--incremental", "false"], env)));
    log("lint and format check (Biome, npm run lint)");
    add(check(await run("biome", ["check", "."], env)));
    if (only !== "--e2e") {
      log("unit and integration tests (Vitest, real PostgreSQL)");
      const vitestReport = path.join(reports, "vitest.json");
      await run(
        "vitest",
        [
          "run",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${vitestReport}`,
          ...filters,
        ],
        env,
      );
      add(vitestTotals(vitestReport));
    }
    if (only !== "--unit") {
      log("end-to-end tests (Playwright, Chromium)");
      const e2eUrl = await recreateDatabase("framescope_e2e", { migrate: false });
      await prepareDatabase(e2eUrl, { log });
      // A separate database holds the hostile-markup fixture, so nothing synthetic touches the
      // corpus.
      const xssUrl = await recreateDatabase("framescope_e2e_xss", { migrate: false });
      await prepareDatabase(xssUrl, { log, seedsDir: path.join(root, "e2e/fixtures/xss-seeds") });
      // Accounts, imports and coding happen on a database of their own, so the specs that read
      // the real corpus see it unchanged whatever order the specs run in.
      const codingUrl = await recreateDatabase("framescope_e2e_coding", { migrate: false });
      await prepareDatabase(codingUrl, { log });
      const playwrightReport = path.join(reports, "playwright.json");
      await run("playwright", ["test", ...filters], {
        ...env,
        CHROMIUM_PATH: chromiumPath,
        E2E_DATABASE_URL: e2eUrl,
        E2E_XSS_DATABASE_URL: xssUrl,
        E2E_CODING_DATABASE_URL: codingUrl,
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      });
      add(playwrightTotals(playwrightReport));
    }
  } finally {
    await embedded?.stop();
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`[test] ${(err as Error).stack ?? err}`);
  process.exit(1);
});
