import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The launcher runs the web server in its own process group and records it
 * beside the database folder (.data/pg.web-server.json), so a launcher that was killed outright
 * (SIGKILL, power loss) leaves something the next start can find and stop, instead of a server
 * holding the port.
 */
const DATA_DIR = path.resolve(process.cwd(), process.env.FRAMESCOPE_DATA_DIR ?? ".data/pg");
const STATE_FILE = `${DATA_DIR}.web-server.json`;

interface State {
  launcher: number;
  group: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function recordWebServer(group: number): void {
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify({ launcher: process.pid, group } satisfies State));
}

export function forgetWebServer(): void {
  rmSync(STATE_FILE, { force: true });
}

/** Stops a web server left running by a launcher that no longer exists; says what it did. */
export async function stopOrphanedWebServer(log: (msg: string) => void): Promise<void> {
  if (!existsSync(STATE_FILE)) return;
  let state: State;
  try {
    state = JSON.parse(readFileSync(STATE_FILE, "utf8"));
  } catch {
    forgetWebServer();
    return;
  }
  // its launcher is still running it
  if (alive(state.launcher) && state.launcher !== process.pid) return;
  if (Number.isInteger(state.group) && state.group > 1 && alive(state.group)) {
    log(
      `stopping the web server (process group ${state.group}) ` +
        "left running by an earlier launcher that was killed",
    );
    try {
      process.kill(-state.group, "SIGTERM");
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && alive(state.group); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(state.group)) process.kill(-state.group, "SIGKILL");
  }
  forgetWebServer();
}
