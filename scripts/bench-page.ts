/**
 * Page benchmark: `npm run bench:page [-- --runs 15]`. Against a production
 * server on the real corpus, in Debian's Chromium, it prints:
 * - the first-load JavaScript of `/`: every script the page loads, gzipped;
 * - time to first chart: navigation start to the first and to the last chart
 *   drawn (User Timing marks set by the chart component), median and p95;
 * - the time from a filter change (a click on an outlet checkbox) to every
 *   chart redrawn with the new numbers, median and p95;
 * - the server time of the dashboard HTML, median and p95.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { median, percentile, startBenchServer } from "./bench-support";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 15);
const port = 3262;
const CHARTS = 7;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, p95 ${percentile([...xs].sort((a, b) => a - b), 95).toFixed(0)} ms (n=${xs.length})`;

async function firstLoadJs(baseUrl: string): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await fetch(`${baseUrl}/`)).text();
  // Scripts a modern browser loads: <script nomodule> (legacy polyfills) is skipped by it, so not counted.
  const srcs = [...new Set([...html.matchAll(/<script([^>]*)>/g)].filter((m) => !/nomodule/i.test(m[1])).map((m) => /src="([^"]+)"/.exec(m[1])?.[1]).filter((s): s is string => !!s))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.length, raw, gzip };
}

async function main() {
  const server = await startBenchServer(port, (m) => console.log(`[bench] ${m}`));
  const browser = await chromium.launch(launchOptions);
  try {
    const js = await firstLoadJs(server.baseUrl);
    console.log(`\nfirst-load JS of /: ${js.files} scripts, ${(js.raw / 1024).toFixed(1)} kB raw, ${(js.gzip / 1024).toFixed(1)} kB gzipped`);

    const html: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      await (await fetch(`${server.baseUrl}/`)).text();
      if (i >= 3) html.push(performance.now() - t);
    }
    console.log(`dashboard HTML (server render, sequential): ${fmt(html)}`);

    const first: number[] = [];
    const all: number[] = [];
    const change: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      await page.waitForFunction((n) => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("framescope:chart-drawn:")).length >= n, CHARTS);
      const marks = await page.evaluate(() => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("framescope:chart-drawn:")).map((m) => m.startTime));
      // Filter change: untick one outlet, wait until every chart has been drawn again.
      const clickAt = await page.evaluate(() => {
        performance.clearMarks();
        return performance.now();
      });
      await page.getByLabel("The Campus Journal (Changwon National University)").click();
      await page.waitForFunction((n) => performance.getEntriesByType("mark").filter((m) => m.name.startsWith("framescope:chart-drawn:")).length >= n, CHARTS);
      const redrawn = await page.evaluate(() => Math.max(...performance.getEntriesByType("mark").map((m) => m.startTime)));
      if (i > 0) {
        first.push(Math.min(...marks));
        all.push(Math.max(...marks));
        change.push(redrawn - clickAt);
      }
      await context.close();
    }
    console.log(`time to first chart (navigation start → first chart drawn): ${fmt(first)}`);
    console.log(`time to all ${CHARTS} charts drawn: ${fmt(all)}`);
    console.log(`filter change → all charts redrawn: ${fmt(change)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
