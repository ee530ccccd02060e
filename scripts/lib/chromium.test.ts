import { describe, expect, it } from "vitest";
import {
  ChromiumError,
  findChromium,
  osId,
  resolveChromium,
  SYSTEM_CHROMIUM,
  type ChromiumHost,
} from "./chromium";

const DEBIAN =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' +
  'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const UBUNTU =
  'PRETTY_NAME="Ubuntu 24.04 LTS"\nNAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n';
const MANAGED = "/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

interface Fake {
  host: ChromiumHost;
  /** Commands run and lines logged, in the order they happened. */
  events: string[];
  commands: string[];
}

/**
 * A machine with the given executables. `installs` maps a command line to the
 * file it puts in place when it succeeds; `exitCodes` makes a command fail.
 */
function fakeMachine(opts: {
  executables?: string[];
  env?: Record<string, string>;
  isRoot?: boolean;
  osRelease?: string;
  managed?: string | undefined;
  installs?: Record<string, string>;
  exitCodes?: Record<string, number>;
  throws?: string[];
}): Fake {
  const files = new Set(opts.executables ?? []);
  const events: string[] = [];
  const commands: string[] = [];
  const host: ChromiumHost = {
    env: opts.env ?? {},
    isExecutable: (p) => files.has(p),
    playwrightChromium: () => ("managed" in opts ? opts.managed : MANAGED),
    isRoot: opts.isRoot ?? false,
    osRelease: opts.osRelease ?? "",
    run: async (cmd, args) => {
      const line = [cmd, ...args].join(" ");
      commands.push(line);
      events.push(`run: ${line}`);
      if (opts.throws?.includes(line)) throw new Error(`spawn ${cmd} ENOENT`);
      const code = opts.exitCodes?.[line] ?? 0;
      const installed = opts.installs?.[line];
      if (code === 0 && installed) files.add(installed);
      return code;
    },
    log: (m) => events.push(`log: ${m}`),
  };
  return { host, events, commands };
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChromiumError);
  const message = (err as Error).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("resolveChromium: what is already there", () => {
  it("uses CHROMIUM_PATH over everything else", async () => {
    const m = fakeMachine({
      env: { CHROMIUM_PATH: "/opt/chrome/chrome" },
      executables: ["/opt/chrome/chrome", MANAGED, SYSTEM_CHROMIUM],
    });
    expect(await resolveChromium(m.host)).toBe("/opt/chrome/chrome");
    expect(m.commands).toEqual([]);
  });

  it("stops on a CHROMIUM_PATH that is not executable, naming it, without falling back or installing", async () => {
    const m = fakeMachine({
      env: { CHROMIUM_PATH: "/opt/nothing/chrome" },
      executables: [SYSTEM_CHROMIUM],
      isRoot: true,
      osRelease: DEBIAN,
    });
    const message = await failure(resolveChromium(m.host));
    expect(message).toBe(
      "CHROMIUM_PATH is set to /opt/nothing/chrome, which is not an executable file; " +
        "point it at a Chromium binary or unset it",
    );
    expect(m.commands).toEqual([]);
    expect(() => findChromium(m.host)).toThrow(ChromiumError);
  });

  it("uses a Playwright-managed Chromium when it is installed, before /usr/bin/chromium", async () => {
    const m = fakeMachine({ executables: [MANAGED, SYSTEM_CHROMIUM] });
    expect(await resolveChromium(m.host)).toBe(MANAGED);
    expect(m.events).toContain(`log: Chromium: ${MANAGED} (Playwright-managed)`);
  });

  it("uses /usr/bin/chromium when Playwright's is not installed (or Playwright cannot say where)", async () => {
    expect(await resolveChromium(fakeMachine({ executables: [SYSTEM_CHROMIUM] }).host)).toBe(
      SYSTEM_CHROMIUM,
    );
    expect(
      await resolveChromium(
        fakeMachine({ executables: [SYSTEM_CHROMIUM], managed: undefined }).host,
      ),
    ).toBe(SYSTEM_CHROMIUM);
  });
});

describe("resolveChromium: installing", () => {
  it("as root on Debian: says so, runs apt-get update then apt-get install -y chromium, and uses /usr/bin/chromium", async () => {
    const m = fakeMachine({
      isRoot: true,
      osRelease: DEBIAN,
      installs: { "apt-get install -y chromium": SYSTEM_CHROMIUM },
    });
    expect(await resolveChromium(m.host)).toBe(SYSTEM_CHROMIUM);
    expect(m.commands).toEqual(["apt-get update", "apt-get install -y chromium"]);
    const firstRun = m.events.findIndex((e) => e.startsWith("run: "));
    expect(m.events.slice(0, firstRun).join("\n")).toContain(
      "installing Debian's chromium package with apt-get",
    );
    expect(m.events.at(-1)).toBe(`log: Chromium: ${SYSTEM_CHROMIUM} (installed)`);
  });

  it("on Ubuntu, even as root, uses npx playwright install chromium (apt's chromium is a snap shim there)", async () => {
    const m = fakeMachine({
      isRoot: true,
      osRelease: UBUNTU,
      installs: { "npx playwright install chromium": MANAGED },
    });
    expect(await resolveChromium(m.host)).toBe(MANAGED);
    expect(m.commands).toEqual(["npx playwright install chromium"]);
  });

  it("not root on Debian, or without os-release (a laptop), uses npx playwright install chromium", async () => {
    for (const osRelease of [DEBIAN, ""]) {
      const m = fakeMachine({
        isRoot: false,
        osRelease,
        installs: { "npx playwright install chromium": MANAGED },
      });
      expect(await resolveChromium(m.host)).toBe(MANAGED);
      expect(m.commands).toEqual(["npx playwright install chromium"]);
    }
  });

  it("stops after a failed apt-get update with one line naming the command to run", async () => {
    const m = fakeMachine({
      isRoot: true,
      osRelease: DEBIAN,
      exitCodes: { "apt-get update": 100 },
    });
    const message = await failure(resolveChromium(m.host));
    expect(message).toBe(
      "no Chromium found and installing one failed; " +
        "run: apt-get update && apt-get install -y chromium" +
        "   (or set CHROMIUM_PATH to a Chromium binary)",
    );
    expect(m.commands).toEqual(["apt-get update"]);
  });

  it("names the command that fits the platform when npx playwright install fails", async () => {
    const debianUser = fakeMachine({
      osRelease: DEBIAN,
      exitCodes: { "npx playwright install chromium": 1 },
    });
    expect(await failure(resolveChromium(debianUser.host))).toBe(
      "no Chromium found and installing one failed; " +
        "run: sudo apt-get update && sudo apt-get install -y chromium" +
        "   (or: npx playwright install chromium)",
    );
    const laptop = fakeMachine({ throws: ["npx playwright install chromium"] });
    expect(await failure(resolveChromium(laptop.host))).toBe(
      "no Chromium found and installing one failed; " +
        "run: npx playwright install chromium" +
        "   (or set CHROMIUM_PATH to a Chrome or Chromium binary)",
    );
  });

  it("fails the same way when the install exits 0 but no browser appears", async () => {
    const m = fakeMachine({ isRoot: true, osRelease: DEBIAN });
    expect(await failure(resolveChromium(m.host))).toMatch(
      /^no Chromium found and installing one failed; run: apt-get update/,
    );
    expect(m.commands).toEqual(["apt-get update", "apt-get install -y chromium"]);
  });

  it("with install: false, never installs", async () => {
    const m = fakeMachine({
      isRoot: true,
      osRelease: DEBIAN,
      installs: { "apt-get install -y chromium": SYSTEM_CHROMIUM },
    });
    expect(await failure(resolveChromium(m.host, { install: false }))).toMatch(
      /^no Chromium found; run: apt-get update && apt-get install -y chromium/,
    );
    expect(m.commands).toEqual([]);
    expect(findChromium(m.host)).toBeNull();
  });
});

describe("osId", () => {
  it("reads ID, quoted or not, and not ID_LIKE", () => {
    expect(osId(DEBIAN)).toBe("debian");
    expect(osId(UBUNTU)).toBe("ubuntu");
    expect(osId('ID="rhel"\nID_LIKE="fedora"\n')).toBe("rhel");
    expect(osId("")).toBe("");
  });
});
