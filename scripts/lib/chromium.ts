/**
 * The one place that finds, installs and launches Chromium, for the test
 * runner (`npm test`), playwright.config.ts and the benchmarks. Plain
 * TypeScript with no app imports, so Playwright's config loader can read it.
 *
 * Resolution order:
 * 1. CHROMIUM_PATH, when set (not executable: stop, naming it);
 * 2. a Playwright-managed Chromium (`npx playwright install chromium`);
 * 3. /usr/bin/chromium (Debian's package);
 * 4. install one, saying so first: as root on Debian `apt-get update` and
 *    `apt-get install -y chromium`; anywhere else (a laptop, not root, or
 *    Ubuntu, whose apt chromium is a snap shim that fails in containers)
 *    `npx playwright install chromium`; then look again;
 * 5. stop with one line naming the command to run.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { chromium, type Browser, type LaunchOptions } from "@playwright/test";

/**
 * Flags for every Chromium we start. Without the networking ones it floods a closed network with
 * refused connections.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** What resolution reads from and does to the machine; faked in the unit test. */
export interface ChromiumHost {
  env: Readonly<Record<string, string | undefined>>;
  /** An executable file is at this path. */
  isExecutable(path: string): boolean;
  /**
   * Where Playwright's own Chromium is, or would be once installed; undefined when Playwright
   * cannot say.
   */
  playwrightChromium(): string | undefined;
  isRoot: boolean;
  /** The text of /etc/os-release; "" where there is none (macOS). */
  osRelease: string;
  /** Runs a command with its output shown; resolves to its exit code. */
  run(cmd: string, args: readonly string[]): Promise<number>;
  log(message: string): void;
}

/** Chromium cannot be had; the message is one line that says what to do. */
export class ChromiumError extends Error {}

interface Found {
  path: string;
  source: string;
}

function locate(host: ChromiumHost): Found | null {
  const configured = host.env.CHROMIUM_PATH;
  if (configured) {
    if (host.isExecutable(configured)) return { path: configured, source: "CHROMIUM_PATH" };
    throw new ChromiumError(
      `CHROMIUM_PATH is set to ${configured}, which is not an executable file; ` +
        "point it at a Chromium binary or unset it",
    );
  }
  const managed = host.playwrightChromium();
  if (managed && host.isExecutable(managed)) return { path: managed, source: "Playwright-managed" };
  if (host.isExecutable(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: "system" };
  return null;
}

/**
 * The Chromium to use without installing anything, or null when there is none. Throws a
 * ChromiumError for a bad CHROMIUM_PATH.
 */
export function findChromium(host: ChromiumHost): string | null {
  return locate(host)?.path ?? null;
}

/** The `ID=` of os-release (`debian`, `ubuntu`, …), or "". */
export function osId(osRelease: string): string {
  return /^ID="?([^"\n]*)"?\s*$/m.exec(osRelease)?.[1].trim().toLowerCase() ?? "";
}

export interface InstallPlan {
  /** What will be installed, for the line printed before installing. */
  what: string;
  commands: { cmd: string; args: string[] }[];
  /** The command a person should run when installing fails. */
  advice: string;
}

/** How to install Chromium on this machine. */
export function installPlan(host: Pick<ChromiumHost, "isRoot" | "osRelease">): InstallPlan {
  const debian = osId(host.osRelease) === "debian";
  if (debian && host.isRoot) {
    return {
      what: "Debian's chromium package with apt-get (about 110 MB)",
      commands: [
        { cmd: "apt-get", args: ["update"] },
        { cmd: "apt-get", args: ["install", "-y", "chromium"] },
      ],
      advice:
        "apt-get update && apt-get install -y chromium" +
        "   (or set CHROMIUM_PATH to a Chromium binary)",
    };
  }
  return {
    what: "Playwright's Chromium build with npx playwright install chromium",
    commands: [{ cmd: "npx", args: ["playwright", "install", "chromium"] }],
    advice: debian
      ? "sudo apt-get update && sudo apt-get install -y chromium" +
        "   (or: npx playwright install chromium)"
      : "npx playwright install chromium   (or set CHROMIUM_PATH to a Chrome or Chromium binary)",
  };
}

async function runAll(host: ChromiumHost, plan: InstallPlan): Promise<boolean> {
  for (const { cmd, args } of plan.commands) {
    host.log(`$ ${[cmd, ...args].join(" ")}`);
    let code: number;
    try {
      code = await host.run(cmd, args);
    } catch {
      code = -1;
    }
    if (code !== 0) return false;
  }
  return true;
}

/**
 * The Chromium to use, following the order above. With `install: false` it
 * never installs and fails where it would have. Failure is a ChromiumError
 * whose message is the one line to show.
 */
export async function resolveChromium(
  host: ChromiumHost,
  opts: { install?: boolean } = {},
): Promise<string> {
  const found = locate(host);
  if (found) {
    host.log(`Chromium: ${found.path} (${found.source})`);
    return found.path;
  }
  const plan = installPlan(host);
  if (opts.install === false) throw new ChromiumError(`no Chromium found; run: ${plan.advice}`);
  host.log(
    "no Chromium found (CHROMIUM_PATH unset, no Playwright-managed Chromium, no " +
      `${SYSTEM_CHROMIUM}): installing ${plan.what}`,
  );
  const installed = (await runAll(host, plan)) ? locate(host) : null;
  if (!installed)
    throw new ChromiumError(`no Chromium found and installing one failed; run: ${plan.advice}`);
  host.log(`Chromium: ${installed.path} (installed)`);
  return installed.path;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readOsRelease(): string {
  for (const file of ["/etc/os-release", "/usr/lib/os-release"]) {
    try {
      return readFileSync(file, "utf8");
    } catch {
      /* try the next */
    }
  }
  return "";
}

/** This machine, as resolution sees it. */
export function systemHost(log: (message: string) => void = console.log): ChromiumHost {
  return {
    env: process.env,
    isExecutable: isExecutableFile,
    playwrightChromium: () => {
      try {
        return chromium.executablePath();
      } catch {
        return undefined;
      }
    },
    isRoot: process.getuid?.() === 0,
    osRelease: readOsRelease(),
    run: (cmd, args) =>
      new Promise((resolve) => {
        const child = spawn(cmd, args, {
          stdio: "inherit",
          env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
        });
        child.on("error", () => resolve(127));
        child.on("exit", (code) => resolve(code ?? 1));
      }),
    log,
  };
}

/**
 * For playwright.config.ts: CHROMIUM_PATH (the test runner sets it to what it
 * resolved), else the same order without installing. Throws one line when
 * there is none, rather than letting every spec fail on a missing browser.
 */
export function chromiumForPlaywright(): string {
  const host = systemHost(() => {});
  const found = findChromium(host);
  if (!found)
    throw new ChromiumError(
      `no Chromium found; run npm test (it installs one) or: ${installPlan(host).advice}`,
    );
  return found;
}

/** Resolves Chromium (installing it if needed) and launches it headless with CHROMIUM_ARGS. */
export async function launchChromium(
  opts: LaunchOptions & { log?: (message: string) => void } = {},
): Promise<Browser> {
  const { log = (m: string) => console.log(`[chromium] ${m}`), ...launch } = opts;
  const executablePath = await resolveChromium(systemHost(log));
  return chromium.launch({
    ...launch,
    executablePath,
    args: [...CHROMIUM_ARGS, ...(launch.args ?? [])],
  });
}
