import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { prepareDatabase } from "./prepare";
import { webServerCommand } from "../web-server";

/**
 * A database outage seen from the running production build: PostgreSQL stops
 * under a live `next start`, the API answers 503 and the pages say the
 * database is unavailable, and when PostgreSQL comes back the same server
 * process serves the corpus again without a restart.
 */

const root = fileURLToPath(new URL("../../..", import.meta.url));
const DATA_DIR = path.join(root, ".data/pg-outage-test");
const PG_PORT = 54360;
const WEB_PORT = 3250;
const BASE = `http://127.0.0.1:${WEB_PORT}`;
const UNAVAILABLE = "The database is unavailable";

let embedded: EmbeddedServer | null = null;
let server: ChildProcess | null = null;
let serverOutput = "";

function removeDataDir(): void {
  for (const p of [DATA_DIR, `${DATA_DIR}.owner`, `${DATA_DIR}.log`])
    rmSync(p, { recursive: true, force: true });
}

function startPostgres(): Promise<EmbeddedServer> {
  return startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: PG_PORT,
    databases: ["framescope"],
    log: () => {},
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` until it returns a value (not undefined), for at most `ms`. */
async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const cause = last ? ` (last error: ${(last as Error).message})` : "";
  throw new Error(
    `${what} did not happen within ${ms / 1000} s${cause}\n${serverOutput.slice(-2000)}`,
  );
}

const healthStatus = (status: number) => async () => {
  const res = await fetch(`${BASE}/api/health`);
  await res.arrayBuffer();
  return res.status === status ? res : undefined;
};

/** A page's status, its first heading and whether it holds the dashboard's first chart. */
async function page(
  pathname: string,
): Promise<{ status: number; heading: string | undefined; dashboard: boolean }> {
  const res = await fetch(`${BASE}${pathname}`);
  const html = await res.text();
  const heading = html
    .match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]
    .replace(/<[^>]+>/g, "")
    .trim();
  return { status: res.status, heading, dashboard: html.includes('data-chart="ties-by-outlet"') };
}

beforeAll(async () => {
  removeDataDir();
  embedded = await startPostgres();
  const url = embedded.url("framescope");
  await prepareDatabase(url, { log: () => {} });
  // NODE_ENV: vitest sets "test"; next start serves the production build.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Its own process group, so afterAll can stop the server and its workers together.
  const web = webServerCommand(WEB_PORT);
  server = spawn(web.command, web.args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (c: Buffer) => (serverOutput += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (serverOutput += c.toString()));
  await waitFor("the web server answering /api/health with 200", 60_000, healthStatus(200));
}, 120_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-server!.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  await embedded?.stop();
  embedded = null;
  removeDataDir();
}, 60_000);

describe("a database outage under a running web server", () => {
  it("answers 503 with a JSON message from the API and shows a clear page, and the server keeps running", async () => {
    await embedded!.stop();
    embedded = null;

    const health = await waitFor("/api/health answering 503", 15_000, healthStatus(503));
    expect(health.headers.get("content-type")).toMatch(/application\/json/);
    const healthBody = await fetch(`${BASE}/api/health`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    expect(healthBody.status).toBe(503);
    expect(healthBody.body.error).toMatch(/database is unavailable/);

    const articles = await fetch(`${BASE}/api/v1/articles`);
    expect(articles.status).toBe(503);
    expect(articles.headers.get("content-type")).toMatch(/application\/json/);
    expect((await articles.json()).error).toMatch(/database is unavailable/);

    for (const pathname of ["/", "/articles/hankyoreh-dangerous-game"]) {
      const { status, heading } = await page(pathname);
      expect(status, pathname).toBeLessThan(500);
      expect(heading, pathname).toBe(UNAVAILABLE);
    }

    expect(server!.exitCode).toBeNull();
    expect(alive(server!.pid!)).toBe(true);
  }, 60_000);

  it("serves the corpus again once PostgreSQL is back, without restarting the web server", async () => {
    const pid = server!.pid;
    embedded = await startPostgres();

    await waitFor("/api/health answering 200 again", 30_000, healthStatus(200));
    const health = await fetch(`${BASE}/api/health`).then((r) => r.json());
    expect(health.status).toBe("ok");

    const articles = await fetch(`${BASE}/api/v1/articles`);
    expect(articles.status).toBe(200);
    expect((await articles.json()).n).toBe(5);

    const home = await page("/");
    expect(home.status).toBe(200);
    expect(home.heading).not.toBe(UNAVAILABLE);
    expect(home.dashboard, "the dashboard's charts").toBe(true);

    const article = await page("/articles/hankyoreh-dangerous-game");
    expect(article.status).toBe(200);
    expect(article.heading).toMatch(/Seoul and Moscow play dangerous game/);

    // The same server process, never restarted.
    expect(server!.pid).toBe(pid);
    expect(server!.exitCode).toBeNull();
  }, 60_000);
});
