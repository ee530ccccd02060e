/**
 * Shared by the benchmark scripts: a production server on the seeded corpus, chart timings in
 * Chromium, and small statistics.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { DASHBOARD_CHARTS } from "../app/lib/charts";
import { resolveDatabase } from "./lib/db/local";
import { ensureAuthSecret } from "./lib/auth/secret";
import { prepareDatabase } from "./lib/db/prepare";
import { buildIfNeeded } from "./build";
import { webServerCommand } from "./lib/web-server";

const root = path.resolve(__dirname, "..");

export interface BenchServer {
  baseUrl: string;
  group: number;
  stop: () => Promise<void>;
}

/**
 * Starts the production server (scripts/serve.ts, built if needed). Without `databaseUrl` it serves the
 * real corpus (DATABASE_URL or the embedded database, seeded); with it, that
 * database as it is (a synthetic corpus is never seeded with real data).
 */
export async function startBenchServer(
  port: number,
  log: (m: string) => void = () => {},
  opts: { databaseUrl?: string } = {},
): Promise<BenchServer> {
  const { url, embedded } = opts.databaseUrl
    ? { url: opts.databaseUrl, embedded: null }
    : await resolveDatabase({ log });
  if (!opts.databaseUrl) await prepareDatabase(url, { log });
  ensureAuthSecret(log);
  await buildIfNeeded(log);
  const server = webServerCommand(port);
  const child: ChildProcess = spawn(server.command, server.args, {
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
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * The JavaScript a modern browser loads for a page (`/` unless told): every <script src>, except
 * nomodule polyfills it skips. `headers` carry a session cookie for pages that need one.
 */
export async function firstLoadJs(
  baseUrl: string,
  path = "/",
  headers: Record<string, string> = {},
): Promise<{ files: number; raw: number; gzip: number }> {
  const res = await fetch(`${baseUrl}${path}`, { headers, redirect: "manual" });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, not the page`);
  const html = await res.text();
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

/** One change of a chart canvas's `data-drawn` (one Chart.js render), seen from outside the app. */
interface Draw {
  /** performance.now() in the page: milliseconds since navigation start. */
  t: number;
  /** The canvas, as a number the probe gives it. */
  canvas: number;
  /** Its data-drawn after the change. */
  drawn: number;
}

interface CanvasState {
  canvas: number;
  drawn: number;
}

/** What installChartProbe leaves on `window` for the benchmark to read. */
interface ChartProbe {
  draws: Draw[];
  /** performance.now() of the last click in the page (NaN before one). */
  clickAt: number;
  nextId: number;
  idOf(canvas: Element): number;
  /** Every chart canvas in the page now, with its data-drawn. */
  canvases(): CanvasState[];
  /** Cumulative layout shift so far (shifts not caused by input). */
  layoutShift: number;
}

type ProbeWindow = Window & { __chartProbe: ChartProbe };

/**
 * Runs in the page before its own scripts (context.addInitScript): records
 * each change of a canvas's data-drawn, which the charts' Chart.js plugin
 * raises after every render, and the time of each click. Playwright sends
 * this function's source to the browser, so its body declares no named
 * function (tsx would wrap it in a helper the page does not have).
 */
function installChartProbe(): void {
  const ids = new WeakMap<Element, number>();
  const probe: ChartProbe = {
    draws: [],
    clickAt: NaN,
    nextId: 0,
    idOf(canvas) {
      let id = ids.get(canvas);
      if (id === undefined) {
        id = probe.nextId++;
        ids.set(canvas, id);
      }
      return id;
    },
    layoutShift: 0,
    canvases() {
      return Array.from(document.querySelectorAll("canvas[data-drawn]"), (c) => ({
        canvas: probe.idOf(c),
        drawn: Number(c.getAttribute("data-drawn")),
      }));
    },
  };
  (window as unknown as ProbeWindow).__chartProbe = probe;
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const el = r.target as Element;
      probe.draws.push({ t, canvas: probe.idOf(el), drawn: Number(el.getAttribute("data-drawn")) });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-drawn"] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
    })[]) {
      if (!e.hadRecentInput) probe.layoutShift += e.value;
    }
  }).observe({ type: "layout-shift", buffered: true });
  window.addEventListener(
    "click",
    () => {
      probe.clickAt = performance.now();
    },
    true,
  );
}

/**
 * Time of the first draw, and the time by which `charts` distinct canvases had drawn (NaN if they
 * never did).
 */
function loadTimes(draws: Draw[], charts: number): { first: number; all: number } {
  const seen = new Set<number>();
  for (const d of draws) {
    seen.add(d.canvas);
    if (seen.size >= charts) return { first: draws[0].t, all: d.t };
  }
  return { first: draws.length ? draws[0].t : NaN, all: NaN };
}

/**
 * When every chart canvas in the page showed its new state after the click:
 * for each, its last draw after `clickAt` (a chart may render more than once
 * for one change, for its new data and for its new size); the latest of those.
 */
function redrawnAt(draws: Draw[], now: CanvasState[], clickAt: number): number {
  return Math.max(
    ...now.map((c) =>
      Math.max(...draws.filter((d) => d.canvas === c.canvas && d.t >= clickAt).map((d) => d.t)),
    ),
  );
}

/** Waits until no chart has rendered for `quietMs`, so the last render of a change has happened. */
async function settle(page: Page, quietMs = 300): Promise<void> {
  let count = -1;
  for (;;) {
    const now = await page.evaluate(
      () => (window as unknown as ProbeWindow).__chartProbe.draws.length,
    );
    if (now === count) return;
    count = now;
    await page.waitForTimeout(quietMs);
  }
}

/**
 * In Chromium, measured from outside the app: navigation start → first chart
 * drawn and all DASHBOARD_CHARTS drawn, and a filter change (a click on the
 * first outlet checkbox) → every chart canvas rendered again. Reads the
 * canvases' data-drawn attribute through installChartProbe. The first run
 * warms up.
 */
export async function chartTimings(browser: Browser, baseUrl: string, runs: number) {
  const charts = DASHBOARD_CHARTS.length;
  const first: number[] = [];
  const all: number[] = [];
  const change: number[] = [];
  const shift: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(installChartProbe);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(
      (n) =>
        new Set((window as unknown as ProbeWindow).__chartProbe.draws.map((d) => d.canvas)).size >=
        n,
      charts,
      {
        timeout: 60_000,
      },
    );
    const load = loadTimes(
      await page.evaluate(() => (window as unknown as ProbeWindow).__chartProbe.draws),
      charts,
    );
    const before = await page.evaluate(() =>
      (window as unknown as ProbeWindow).__chartProbe.canvases(),
    );
    await page.locator('form.filter-bar input[name="outlets"]').first().click();
    await page.waitForFunction(
      ({ n, before }) => {
        const had = new Map(before.map((c) => [c.canvas, c.drawn]));
        const now = (window as unknown as ProbeWindow).__chartProbe.canvases();
        return now.length >= n && now.every((c) => c.drawn > (had.get(c.canvas) ?? 0));
      },
      { n: charts, before },
      { timeout: 60_000 },
    );
    await settle(page);
    const after = await page.evaluate(() => {
      const probe = (window as unknown as ProbeWindow).__chartProbe;
      return {
        draws: probe.draws,
        clickAt: probe.clickAt,
        now: probe.canvases(),
        layoutShift: probe.layoutShift,
      };
    });
    if (!Number.isFinite(after.clickAt))
      throw new Error(
        "chartTimings: the click on the outlet filter was not seen in the page (did it reload?)",
      );
    if (i > 0) {
      first.push(load.first);
      all.push(load.all);
      change.push(redrawnAt(after.draws, after.now, after.clickAt) - after.clickAt);
      shift.push(after.layoutShift);
    }
    await context.close();
  }
  const st = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95), n: xs.length };
  };
  return {
    first: st(first),
    all: st(all),
    change: st(change),
    layoutShift: { max: Math.max(...shift), n: shift.length },
  };
}
