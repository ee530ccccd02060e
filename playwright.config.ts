import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumForPlaywright } from "./scripts/lib/chromium";

const port = Number(process.env.E2E_PORT ?? 3210);
const xssPort = Number(process.env.E2E_XSS_PORT ?? 3211);
const codingPort = Number(process.env.E2E_CODING_PORT ?? 3212);
// `npm test` sets one per run; run directly, the servers get a fixed one (test data only).
const authSecret = process.env.BETTER_AUTH_SECRET ?? "e2e-only-secret-not-for-any-real-server";
process.env.BETTER_AUTH_SECRET = authSecret;

// Runs against a production build on a seeded database; `npm test` prepares both.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // CHROMIUM_PATH as `npm test` resolved (and if needed installed) it; run directly, the same order without installing.
    launchOptions: { executablePath: chromiumForPlaywright(), args: [...CHROMIUM_ARGS] },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: "coding/**",
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      // Specs that sign in and write (e2e/coding/): one at a time on their own database, so a spec
      // checking that a refused write changed nothing never sees another spec's writes.
      name: "coding",
      testMatch: "coding/**/*.spec.ts",
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/serve.ts --port ${port}`,
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // TRUST_PROXY lets specs act as distinct clients (X-Forwarded-For) for the rate limit.
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        TRUST_PROXY: "1",
        BETTER_AUTH_SECRET: authSecret,
      },
    },
    {
      // The same build on the database seeded from e2e/fixtures/xss-seeds (hostile markup).
      command: `node --import tsx scripts/serve.ts --port ${xssPort}`,
      url: `http://localhost:${xssPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL: process.env.E2E_XSS_DATABASE_URL ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        BETTER_AUTH_SECRET: authSecret,
      },
    },
    {
      // The same build on a database of its own for accounts, imports and coding, so specs that
      // write never change the corpus the reading specs check.
      command: `node --import tsx scripts/serve.ts --port ${codingPort}`,
      url: `http://localhost:${codingPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL: process.env.E2E_CODING_DATABASE_URL ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        TRUST_PROXY: "1",
        BETTER_AUTH_SECRET: authSecret,
      },
    },
  ],
});
