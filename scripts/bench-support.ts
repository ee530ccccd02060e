/** Shared by the benchmark scripts: a production server on the seeded corpus, and small statistics. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { resolveDatabase } from "./lib/db/local";
import { prepareDatabase } from "./lib/db/prepare";
import { buildIfNeeded } from "./build";

const root = path.resolve(__dirname, "..");

export interface BenchServer {
  baseUrl: string;
  group: number;
  stop: () => Promise<void>;
}

/**
 * Starts `next start` (built if needed). Without `databaseUrl` it serves the
 * real corpus (DATABASE_URL or the embedded database, seeded); with it, that
 * database as it is (a synthetic corpus is never seeded with real data).
 */
export async function startBenchServer(port: number, log: (m: string) => void = () => {}, opts: { databaseUrl?: string } = {}): Promise<BenchServer> {
  const { url, embedded } = opts.databaseUrl ? { url: opts.databaseUrl, embedded: null } : await resolveDatabase({ log });
  if (!opts.databaseUrl) await prepareDatabase(url, { log });
  await buildIfNeeded(log);
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    group: child.pid!,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 500));
      await embedded?.stop();
    },
  };
}

/** Resident memory (MiB) of every process in a process group, from /proc. */
export function groupRssMiB(group: number): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue; // field 5 of stat: process group
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) kb += Number(rss[1]);
    } catch {
      /* process ended */
    }
  }
  return kb / 1024;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** The JavaScript a modern browser loads for `/`: every <script src>, except nomodule polyfills it skips. */
export async function firstLoadJs(baseUrl: string): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await fetch(`${baseUrl}/`)).text();
  const srcs = [
    ...new Set(
      [...html.matchAll(/<script([^>]*)>/g)]
        .filter((m) => !/nomodule/i.test(m[1]))
        .map((m) => /src="([^"]+)"/.exec(m[1])?.[1])
        .filter((src): src is string => !!src),
    ),
  ];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.length, raw, gzip };
}

const CHARTS = 7;
const drawn = (n: number) => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("framescope:chart-drawn:")).length >= n;

/**
 * In Chromium: navigation start → first and last chart drawn, and a filter
 * change (a click on the first outlet checkbox) → every chart drawn again.
 * Uses the User Timing marks the chart component sets. The first run warms up.
 */
export async function chartTimings(browser: Browser, baseUrl: string, runs: number) {
  const first: number[] = [];
  const all: number[] = [];
  const change: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(drawn, CHARTS, { timeout: 60_000 });
    const marks = await page.evaluate(() => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("framescope:chart-drawn:")).map((m) => m.startTime));
    const clickAt = await page.evaluate(() => {
      performance.clearMarks();
      return performance.now();
    });
    await page.locator('form.filter-bar input[name="outlets"]').first().click();
    await page.waitForFunction(drawn, CHARTS, { timeout: 60_000 });
    const redrawn = await page.evaluate(() => Math.max(...performance.getEntriesByType("mark").map((m) => m.startTime)));
    if (i > 0) {
      first.push(Math.min(...marks));
      all.push(Math.max(...marks));
      change.push(redrawn - clickAt);
    }
    await context.close();
  }
  const st = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95), n: xs.length };
  };
  return { first: st(first), all: st(all), change: st(change) };
}
