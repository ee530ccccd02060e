import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBuildCurrent } from "./build";

/**
 * Crash recovery of the launcher (`npm start`), with real processes: a
 * launcher killed outright leaves its web server and PostgreSQL running; the
 * next start says so, stops them and serves the same data again. A PostgreSQL
 * killed outright leaves a stale postmaster.pid, which the next start removes.
 * Ctrl-C (SIGINT to the launcher's process group) stops everything cleanly.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const DATA = ".data/pg-crash-test";
const DATA_DIR = path.join(root, DATA);
const STATE_FILE = `${DATA_DIR}.web-server.json`;
const PID_FILE = path.join(DATA_DIR, "postmaster.pid");
const PG_PORT = 54361;
const WEB_PORT = 3251;
const BASE = `http://127.0.0.1:${WEB_PORT}`;

interface Launcher {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const launchers: Launcher[] = [];
/** Pids and process groups this file has seen, for afterAll to stop whatever of them is left. */
const seenPids = new Set<number>();
const seenGroups = new Set<number>();

/** Running, and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * Started by this file: its environment or command line names this file's data folder (pids are
 * reused, so check before killing).
 */
function startedHere(pid: number): boolean {
  try {
    return (
      readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .includes(`FRAMESCOPE_DATA_DIR=${DATA}`) ||
      readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(DATA_DIR)
    );
  } catch {
    return false;
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

async function until(
  what: string,
  ms: number,
  check: () => boolean | Promise<boolean>,
  detail: () => string = () => "",
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s\n${detail().slice(-3000)}`);
}

/**
 * `npm start` on a data folder, ports and process group of its own, with the embedded PostgreSQL.
 */
function launch(): Launcher {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FRAMESCOPE_DATA_DIR: DATA,
    FRAMESCOPE_PG_PORT: String(PG_PORT),
    PORT: String(WEB_PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // As `npm start` runs it: no DATABASE_URL (so the embedded PostgreSQL), no NODE_ENV (vitest sets
  // "test").
  delete env.DATABASE_URL;
  Reflect.deleteProperty(env, "NODE_ENV");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const launcher = { child, output: () => output, exited };
  launchers.push(launcher);
  return launcher;
}

async function launchAndWait(): Promise<Launcher> {
  const launcher = launch();
  let exited = false;
  void launcher.exited.then(() => (exited = true));
  await until(
    "the launcher announcing the web server",
    90_000,
    () => {
      if (exited) throw new Error("exited");
      return launcher.output().includes("Framescope is running at");
    },
    launcher.output,
  );
  if (exited) throw new Error(`the launcher exited:\n${launcher.output()}`);
  // npm test builds before the suites run
  expect(launcher.output()).not.toContain("building the app");
  return launcher;
}

/** The launcher's own pid and its web server's process group, as it recorded them. */
function state(): { launcher: number; group: number } {
  const s = JSON.parse(readFileSync(STATE_FILE, "utf8"));
  seenPids.add(s.launcher);
  seenGroups.add(s.group);
  return s;
}

function postmasterPid(): number {
  const pid = Number(readFileSync(PID_FILE, "utf8").split("\n")[0]);
  seenPids.add(pid);
  return pid;
}

async function health(): Promise<number> {
  const res = await fetch(`${BASE}/api/health`);
  await res.arrayBuffer();
  return res.status;
}

async function savedViewTitle(id: string): Promise<string | null> {
  const res = await fetch(`${BASE}/v/${id}`);
  const html = await res.text();
  if (res.status !== 200) return null;
  // The page title is "<view title> · Framescope".
  return html.match(/<title>([^<]*?) · Framescope<\/title>/)?.[1] ?? null;
}

/**
 * SIGKILLs the launcher itself, as recorded in its state file (tsx runs it in a child process), and
 * waits until it is gone.
 */
async function killLauncher(launcher: Launcher): Promise<void> {
  const { launcher: pid } = state();
  kill(pid, "SIGKILL");
  await until("the killed launcher to be gone", 10_000, () => !running(pid));
  await launcher.exited; // the tsx wrapper follows its child
}

function removeData(): void {
  for (const suffix of ["", ".owner", ".log", ".web-server.json"])
    rmSync(`${DATA_DIR}${suffix}`, { recursive: true, force: true });
}

const TITLE = "Crash recovery: Hankyoreh only";
let viewId = "";
/**
 * Each step needs the one before it; a failed step fails the rest at once instead of by timeout.
 */
let stepsDone = 0;
const step = (n: number) => expect(stepsDone, `step ${n - 1} failed`).toBe(n - 1);

beforeAll(() => {
  // The launcher would rebuild a stale app, which takes longer than these tests allow: `npm test`
  // builds first.
  if (!isBuildCurrent())
    throw new Error(
      "the production build is out of date: run these tests through `npm test`, which builds first",
    );
  removeData();
});

afterAll(async () => {
  // Ctrl-C any launcher still running (after a failed step), then SIGKILL whatever this file
  // started that is left.
  const unreaped = () =>
    launchers.filter((l) => l.child.exitCode === null && l.child.signalCode === null);
  for (const l of unreaped()) kill(-l.child.pid!, "SIGINT");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(launchers.map((l) => l.exited)),
    new Promise((r) => (timer = setTimeout(r, 20_000))),
  ]);
  clearTimeout(timer);
  for (const l of unreaped()) kill(-l.child.pid!, "SIGKILL");
  if (existsSync(STATE_FILE)) state();
  if (existsSync(PID_FILE)) postmasterPid();
  const left = [...seenGroups, ...seenPids].filter(startedHere);
  for (const group of seenGroups) if (startedHere(group)) kill(-group, "SIGKILL");
  for (const pid of seenPids) if (startedHere(pid)) kill(pid, "SIGKILL");
  await until("this file's processes to be gone", 10_000, () => left.every((p) => !running(p)));
  removeData();
}, 60_000);

/**
 * Ctrl-C: SIGINT to the launcher's whole process group, as a terminal sends it. Everything stops,
 * and cleanly.
 */
async function ctrlC(launcher: Launcher): Promise<void> {
  const postmaster = postmasterPid();
  const { group } = state();
  kill(-launcher.child.pid!, "SIGINT");
  let timer: NodeJS.Timeout | undefined;
  const { code } = await Promise.race([
    launcher.exited,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`the launcher did not exit within 30 s:\n${launcher.output().slice(-3000)}`),
          ),
        30_000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  expect(code, launcher.output().slice(-3000)).toBe(0);
  expect(launcher.output()).toContain("stopping the database");
  expect(running(postmaster)).toBe(false);
  expect(running(group)).toBe(false);
  expect(existsSync(STATE_FILE)).toBe(false);
  expect(existsSync(`${DATA_DIR}.owner`)).toBe(false);
  expect(existsSync(PID_FILE)).toBe(false);
  await expect(health()).rejects.toThrow();
}

describe("the launcher after a crash", () => {
  it("killed outright, leaves its web server and PostgreSQL running", async () => {
    step(1);
    const first = await launchAndWait();
    expect(first.output()).toContain("creating a new database cluster");
    expect(await health()).toBe(200);

    const res = await fetch(`${BASE}/api/v1/views`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: TITLE, query: "?outlets=hankyoreh" }),
    });
    expect(res.status).toBe(201);
    viewId = (await res.json()).id;
    expect(await savedViewTitle(viewId)).toBe(TITLE);

    const postmaster = postmasterPid();
    await killLauncher(first);

    expect(running(postmaster)).toBe(true);
    expect(await health()).toBe(200);
    stepsDone = 1;
  }, 150_000);

  it("the next start stops what was left running and serves the same data; Ctrl-C then stops everything", async () => {
    step(2);
    const second = await launchAndWait();
    const out = second.output();
    expect(out).toMatch(
      /stopping the web server \(process group \d+\) left running by an earlier launcher that was killed/,
    );
    expect(out).toMatch(
      /PostgreSQL \(pid \d+\) is still running from an earlier run that did not shut down; stopping it before starting again/,
    );
    expect(await savedViewTitle(viewId)).toBe(TITLE);
    expect(await health()).toBe(200);

    await ctrlC(second);
    stepsDone = 2;
  }, 150_000);

  it("a PostgreSQL killed outright leaves a stale postmaster.pid that the next start removes", async () => {
    step(3);
    // After a clean stop there is nothing to recover.
    const third = await launchAndWait();
    expect(third.output()).not.toMatch(/left running|still running|stale/);

    const postmaster = postmasterPid();
    await killLauncher(third);
    kill(postmaster, "SIGKILL");
    await until("the killed PostgreSQL to be gone", 10_000, () => !running(postmaster));
    expect(existsSync(PID_FILE)).toBe(true);

    const fourth = await launchAndWait();
    expect(fourth.output()).toMatch(
      /Removed a stale postmaster\.pid \(pid \d+ is not running\): the previous run crashed/,
    );
    expect(await savedViewTitle(viewId)).toBe(TITLE);
    expect(await health()).toBe(200);

    await ctrlC(fourth);
  }, 150_000);
});
