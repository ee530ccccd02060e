/**
 * Scale benchmark: `npm run bench [-- --sizes 5,100000,1000000 --reps 15]`.
 *
 * For each corpus size — 5 is the real corpus; larger sizes are synthetic
 * corpora in their own embedded PostgreSQL (.data/pg-synth, or
 * FRAMESCOPE_SYNTH_DATA_DIR), generated on first use with `npm run synth` —
 * it prints, in one run:
 * - p50/p95 of every dashboard aggregate read from the rollups (one per
 *   chart and unit of the chart registry), the same aggregate computed the
 *   naive way (joins and counts over every passage and article-code row,
 *   scripts/lib/frames-naive.ts), and the ratio;
 * - p50/p95 of the frames API and of the dashboard page's HTML over HTTP
 *   (a production server on that corpus);
 * - in Chromium, the time from a filter change to all charts redrawn;
 * - on synthetic corpora, p50/p95 of one coding write to a done article and of
 *   marking a 20-passage article done, each with its rollup deltas
 *   (scripts/lib/bench-coding.ts);
 * - intercoder agreement for all six dimensions on a 100,000-article double-coded synthetic
 *   corpus (--agreement-articles; database synth_<N>_c2, made on first use with
 *   `npm run synth -- --coders 2 --agreement 0.8`), cold and cached, for several filters
 *   (scripts/lib/bench-agreement.ts; --agreement-only runs just this section);
 * and, once, the first-load JS of `/`. Nothing here is asserted: targets
 * are reported next to the numbers.
 */
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { EmbeddedServer } from "./lib/db/embedded";
import { createPrismaClient } from "../app/lib/db/client";
import { resolveDatabase, switchAppDatabase } from "./lib/db/local";
import { getFrameCountsNaive } from "./lib/frames-naive";
import { prepareDatabase } from "./lib/db/prepare";
import { applyMigrations } from "./lib/db/migrate";
import { DASHBOARD_CHARTS } from "../app/lib/charts";
import type { Filters, Unit } from "../app/lib/filter-query";
import { getDb } from "../app/lib/db";
import { getFrameCounts } from "../app/lib/queries/frames";
import { runSynth } from "./lib/synth/load";
import { chartTimings, firstLoadJs, percentile, startBenchServer } from "./bench-support";
import { parseArgsOrExit } from "./lib/args";
import { launchChromium } from "./lib/chromium";
import { codingWriteTimings } from "./lib/bench-coding";
import { agreementDatabase, agreementSection, synthCluster } from "./lib/bench-agreement";

const root = path.resolve(__dirname, "..");
const {
  values: {
    sizes: givenSizes,
    reps,
    "writes-only": writesOnly,
    "agreement-only": agreementOnly,
    "agreement-articles": agreementArticles,
  },
} = parseArgsOrExit(
  "bench",
  "usage: npm run bench [-- --sizes 5,100000,1000000 --reps 15 --writes-only | --agreement-only " +
    "--agreement-articles 100000]",
  {
    sizes: { type: "numbers", integer: true, min: 1, default: [5, 100000, 1000000] },
    reps: { type: "number", integer: true, min: 1, default: 15 },
    "writes-only": { type: "boolean" },
    "agreement-only": { type: "boolean" },
    "agreement-articles": { type: "number", integer: true, min: 2, default: 100000 },
  },
);
if (writesOnly && agreementOnly) {
  console.error("bench: --writes-only and --agreement-only exclude each other");
  process.exit(1);
}
const sizes = agreementOnly ? [] : givenSizes;

/**
 * Every aggregate the dashboard's charts read: each chart's dimension in each unit it offers, once.
 */
const AGGREGATES: { dimension: string; unit: Unit }[] = [
  ...new Map(
    DASHBOARD_CHARTS.flatMap((c) =>
      c.units.map((unit) => [`${c.dimension}/${unit}`, { dimension: c.dimension, unit }] as const),
    ),
  ).values(),
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(7);

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// The real corpus's embedded server, when this run started it (stopped at the end).
let realServer: EmbeddedServer | null = null;

async function corpus(
  size: number,
  synthServer: () => Promise<EmbeddedServer>,
): Promise<{ url: string; label: string; synthetic: boolean }> {
  if (size === 5) {
    const { url, embedded } = await resolveDatabase({ log: () => {} });
    realServer = embedded;
    await prepareDatabase(url, { log: () => {} });
    return { url, label: "5 (real corpus)", synthetic: false };
  }
  const server = await synthServer();
  const name = `synth_${size}`;
  const url = server.url(name);
  const db = createPrismaClient(url);
  let have = 0;
  try {
    have = await db.article.count();
  } catch {
    have = 0; // not migrated yet
  } finally {
    await db.$disconnect();
  }
  // A corpus made before the latest migrations gets them (a no-op when up to date).
  if (have > 0) await applyMigrations(url);
  if (have !== size) {
    console.log(
      `[bench] generating ${size.toLocaleString("en")} synthetic articles ` +
        `into ${name} (npm run synth) …`,
    );
    const r = await runSynth({ databaseUrl: url, articles: size, seed: 1, log: () => {} });
    const copyRate = Math.round(r.copy.passage_code.rows / r.copy.passage_code.seconds);
    console.log(
      `[bench]   COPY: ${copyRate.toLocaleString("en")} passage rows/s; ` +
        `total ${r.seconds.total.toFixed(0)} s`,
    );
  }
  return { url, label: `${size.toLocaleString("en")} (synthetic)`, synthetic: true };
}

/**
 * Coding writes through the service, each with its rollup deltas (synthetic corpora only: the rows
 * it writes are measurement data). Prints the timings; returns the summary line.
 */
async function codingWrites(label: string): Promise<string> {
  const w = await codingWriteTimings({ articles: Math.max(10, reps) });
  const write = stats(w.writes);
  const done = stats(w.done);
  console.log(
    `\n=== ${label}: coding writes ===\n` +
      "coding write to a done article (+ rollup deltas)  " +
      `p50 ${ms(write.p50)}  p95 ${ms(write.p95)} ms  (n=${w.writes.length})`,
  );
  console.log(
    `mark a ${w.passagesPerArticle}-passage article done (+ deltas)    ` +
      `p50 ${ms(done.p50)}  p95 ${ms(done.p95)} ms  (n=${w.done.length})`,
  );
  return (
    `${label.padEnd(22)} coding write p95 ${ms(write.p95)} ms (target 20)   ` +
    `mark done p95 ${ms(done.p95)} ms (target 50)`
  );
}

async function main() {
  let synth: EmbeddedServer | null = null;
  const synthServer = async () =>
    (synth ??= await synthCluster({
      dataDir: path.resolve(root, process.env.FRAMESCOPE_SYNTH_DATA_DIR ?? ".data/pg-synth"),
      port: Number(process.env.FRAMESCOPE_SYNTH_PG_PORT ?? 54370),
      databases: [
        ...sizes.filter((s) => s !== 5).map((s) => `synth_${s}`),
        ...(writesOnly ? [] : [agreementDatabase(agreementArticles)]),
      ],
    }));
  const browser =
    writesOnly || agreementOnly
      ? null
      : await launchChromium({ log: (m) => console.log(`[bench] ${m}`) });
  const summary: string[] = [];
  try {
    for (const size of sizes) {
      const c = await corpus(size, synthServer);
      switchAppDatabase(c.url);
      if (writesOnly) {
        if (c.synthetic) summary.push(await codingWrites(c.label));
        continue;
      }
      const db = createPrismaClient(c.url);
      const [articles, passages, coder, outlets] = await Promise.all([
        db.article.count(),
        db.passageCode.count(),
        db.coder.findFirstOrThrow({ orderBy: { key: "asc" } }),
        db.outlet.findMany({ orderBy: { slug: "asc" }, take: 2, select: { slug: true } }),
      ]);
      const base: Filters = {
        outlets: [],
        genres: [],
        from: null,
        to: null,
        coder: coder.key,
        unit: "passages",
      };
      const filterSets: Filters[] = [
        base,
        { ...base, outlets: outlets.map((o) => o.slug) },
        { ...base, from: "2024-06-01", to: "2024-07-31" },
        { ...base, genres: ["editorial"], from: "2023-09-13" },
      ];
      console.log(
        `\n=== ${c.label}: ${articles.toLocaleString("en")} articles, ` +
          `${passages.toLocaleString("en")} passage codes ===`,
      );
      console.log(
        "aggregate (4 filters each)      rollup p50/p95 ms      naive p50/p95 ms    " +
          "naive/rollup (p50)",
      );
      const naiveReps = passages > 2_000_000 ? 1 : passages > 200_000 ? 3 : reps;
      let worstP95 = 0;
      let worstRatio = Infinity;
      for (const agg of AGGREGATES) {
        const fast: number[] = [];
        const naive: number[] = [];
        for (const f of filterSets) {
          // Warm-up, and the check that both ways give the same answer.
          const [got, want] = await Promise.all([
            getFrameCounts(f, agg.dimension, agg.unit),
            getFrameCountsNaive(f, agg.dimension, agg.unit),
          ]);
          if (!isDeepStrictEqual(got, want))
            throw new Error(
              `rollup and naive counts differ: ${agg.dimension}/${agg.unit} ${JSON.stringify(f)}`,
            );
          for (let i = 0; i < reps; i++)
            fast.push(await time(() => getFrameCounts(f, agg.dimension, agg.unit)));
          for (let i = 0; i < naiveReps; i++)
            naive.push(await time(() => getFrameCountsNaive(f, agg.dimension, agg.unit)));
        }
        const a = stats(fast);
        const b = stats(naive);
        worstP95 = Math.max(worstP95, a.p95);
        worstRatio = Math.min(worstRatio, b.p50 / a.p50);
        const label = `${agg.dimension} / ${agg.unit}`.padEnd(30);
        const ratio = (b.p50 / a.p50).toFixed(1).padStart(7);
        console.log(
          `${label} ${ms(a.p50)} ${ms(a.p95)}        ${ms(b.p50)} ${ms(b.p95)}      ${ratio}×`,
        );
      }
      await db.$disconnect();

      const server = await startBenchServer(3265, () => {}, { databaseUrl: c.url });
      try {
        const http = async (url: string, n: number) => {
          await fetch(server.baseUrl + url).then((r) => r.text());
          const xs: number[] = [];
          for (let i = 0; i < n; i++)
            xs.push(await time(() => fetch(server.baseUrl + url).then((r) => r.text())));
          return stats(xs);
        };
        const api = await http("/api/v1/frames?dimension=ties&unit=passages", reps * 2);
        const apiFiltered = await http(
          `/api/v1/frames?dimension=weapons&unit=articles&from=2024-06-01&to=2024-07-31`,
          reps * 2,
        );
        const page = await http("/", reps * 2);
        const change = await chartTimings(
          browser!,
          server.baseUrl,
          Math.max(5, Math.round(reps / 2)),
        );
        console.log(
          "HTTP GET /api/v1/frames?dimension=ties            " +
            `p50 ${ms(api.p50)}  p95 ${ms(api.p95)} ms`,
        );
        console.log(
          "HTTP GET /api/v1/frames?dimension=weapons&from…   " +
            `p50 ${ms(apiFiltered.p50)}  p95 ${ms(apiFiltered.p95)} ms`,
        );
        console.log(
          "HTTP GET / (dashboard HTML, shared link)         " +
            `p50 ${ms(page.p50)}  p95 ${ms(page.p95)} ms`,
        );
        console.log(
          "Chromium: filter change → all charts redrawn      " +
            `p50 ${ms(change.change.p50)}  p95 ${ms(change.change.p95)} ms`,
        );
        summary.push(
          `${c.label.padEnd(22)} aggregates p95 ≤ ${ms(worstP95)} ms (target 50)   ` +
            `naive/rollup ≥ ${worstRatio.toFixed(1)}× (target 20)   ` +
            `dashboard HTML p95 ${ms(page.p95)} ms (target 200)   ` +
            `filter change p95 ${ms(change.change.p95)} ms (target 200)`,
        );
        if (c.synthetic) summary.push(await codingWrites(c.label));
        if (size === sizes[0]) {
          const js = await firstLoadJs(server.baseUrl);
          summary.push(
            `first-load JS of /: ${(js.gzip / 1024).toFixed(1)} kB gzipped in ${js.files} ` +
              `scripts (${(js.raw / 1024).toFixed(0)} kB raw) (target 170 kB)`,
          );
        }
      } finally {
        await server.stop();
      }
    }
    if (!writesOnly)
      summary.push(
        await agreementSection(await synthServer(), { articles: agreementArticles, reps }),
      );
  } finally {
    await browser?.close();
    if (process.env.DATABASE_URL) await getDb().$disconnect(); // none when nothing was measured
    await (synth as EmbeddedServer | null)?.stop();
    await (realServer as EmbeddedServer | null)?.stop();
  }
  console.log(`\n=== summary (this machine: ${require("node:os").cpus().length} cores) ===`);
  for (const line of summary) console.log(line);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
