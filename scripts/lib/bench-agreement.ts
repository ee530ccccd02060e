import { cpus, loadavg } from "node:os";
import { Client } from "pg";
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedServer } from "./db/embedded";
import { applyMigrations } from "./db/migrate";
import { switchAppDatabase } from "./db/local";
import { runSynth } from "./synth/load";
import { percentile } from "../bench-support";
import { createPrismaClient } from "../../app/lib/db/client";
import type { Filters } from "../../app/lib/filters";
import { clearAgreementCache, getAgreement } from "../../app/lib/queries/agreement";

/*
 * The agreement section of `npm run bench`: intercoder agreement for all six dimensions
 * (getAgreement: article-level alphas with their bootstrap intervals, category alphas and
 * unitizing alphas) on a synthetic corpus of double-coded articles made with
 * `npm run synth -- --coders 2 --agreement 0.8`, in the synthetic cluster's database
 * synth_<N>_c2 (made on first use, reused while it has N articles and two person coders).
 * For several filters: cold (every cached figure dropped before each run) and cached, median
 * and p95, next to the targets of issue 11 (cold ≤ 2 s, cached ≤ 50 ms).
 */

export const AGREEMENT_LEVEL = 0.8;
export const COLD_TARGET_MS = 2000;
export const CACHED_TARGET_MS = 50;

export const agreementDatabase = (articles: number) => `synth_${articles}_c2`;

/**
 * The synthetic cluster with `databases` in it: started here, or, when another process (another
 * bench, a synth load, a server) is already serving its data folder, that server, which is left
 * running at the end (`stop` does nothing then).
 */
export async function synthCluster(opts: {
  dataDir: string;
  port: number;
  databases: string[];
}): Promise<EmbeddedServer> {
  const running = runningEmbeddedUrl(opts.dataDir, "postgres");
  if (!running) return startEmbeddedPostgres({ ...opts, log: () => {} });
  const admin = new Client({ connectionString: running });
  await admin.connect();
  try {
    for (const db of opts.databases) {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end();
  }
  const url = (database: string) => {
    const u = new URL(running);
    u.pathname = `/${database}`;
    return u.toString();
  };
  console.log(
    `[bench] using the synthetic cluster another process serves (${new URL(running).port})`,
  );
  return { url, port: Number(new URL(running).port), dataDir: opts.dataDir, stop: async () => {} };
}

/** The double-coded corpus in `server`, made (about two minutes at 100,000 articles) unless present. */
export async function agreementCorpus(
  server: EmbeddedServer,
  articles: number,
  log: (msg: string) => void,
): Promise<string> {
  const name = agreementDatabase(articles);
  const url = server.url(name);
  const db = createPrismaClient(url);
  let have = { articles: 0, people: 0, level: false };
  try {
    const [n, people, second] = await Promise.all([
      db.article.count(),
      db.coder.count({ where: { kind: "person", key: { startsWith: "SYN-" } } }),
      db.coder.findUnique({ where: { key: "SYN-2" }, select: { description: true } }),
    ]);
    // The loader names the level in SYN-2's description.
    const level = second?.description?.includes(`about ${AGREEMENT_LEVEL} `) ?? false;
    have = { articles: n, people, level };
  } catch {
    // not migrated yet
  } finally {
    await db.$disconnect();
  }
  if (have.articles > 0) await applyMigrations(url);
  if (have.articles !== articles || have.people !== 2 || !have.level) {
    log(
      `generating ${articles.toLocaleString("en")} double-coded synthetic articles into ${name} ` +
        `(npm run synth -- --coders 2 --agreement ${AGREEMENT_LEVEL}) …`,
    );
    const r = await runSynth({
      databaseUrl: url,
      articles,
      seed: 1,
      coders: 2,
      agreement: AGREEMENT_LEVEL,
      log: () => {},
    });
    log(`  made in ${r.seconds.total.toFixed(0)} s`);
  }
  return url;
}

export interface AgreementTiming {
  label: string;
  articles: number;
  cold: { p50: number; p95: number; n: number };
  cached: { p50: number; p95: number; n: number };
  /** The report's article-level alphas (and uα of the many-valued dimensions), for a sanity line. */
  alphas: { key: string; alpha: number | null; unitizing: number | null }[];
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), n: xs.length };
};

async function elapsed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The filters timed: none, one outlet, a date range, a genre. */
export function agreementFilters(): { label: string; filters: Filters }[] {
  const base: Filters = {
    outlets: [],
    genres: [],
    from: null,
    to: null,
    coder: "SYN-1",
    unit: "passages",
  };
  return [
    { label: "no filter", filters: base },
    { label: "one outlet", filters: { ...base, outlets: ["synthetic-daily-01"] } },
    {
      label: "2024-01-01 to 2024-06-30",
      filters: { ...base, from: "2024-01-01", to: "2024-06-30" },
    },
    { label: "genre editorial", filters: { ...base, genres: ["editorial"] } },
  ];
}

/**
 * Times getAgreement on the app's current database (switchAppDatabase first): per filter, `reps`
 * cold runs (caches cleared before each) after one untimed warm-up of the connection pool and
 * the planner, then `reps` cached runs.
 */
export async function agreementTimings(reps: number): Promise<AgreementTiming[]> {
  const out: AgreementTiming[] = [];
  for (const { label, filters } of agreementFilters()) {
    clearAgreementCache();
    const report = await getAgreement(filters);
    const cold: number[] = [];
    for (let i = 0; i < reps; i++) {
      clearAgreementCache();
      cold.push(await elapsed(() => getAgreement(filters)));
    }
    const cached: number[] = [];
    for (let i = 0; i < reps; i++) cached.push(await elapsed(() => getAgreement(filters)));
    const first = report.dimensions[0];
    out.push({
      label,
      articles: first?.articles ?? 0,
      cold: stats(cold),
      cached: stats(cached),
      alphas: report.dimensions.map((d) => ({
        key: d.key,
        alpha: d.alpha,
        unitizing: d.unitizing?.alpha ?? null,
      })),
    });
  }
  return out;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(7);
const a3 = (x: number | null) => (x === null ? "  –  " : x.toFixed(3));

/**
 * The agreement section: makes or reuses the corpus, points the app at it, times, prints;
 * returns the summary line.
 */
export async function agreementSection(
  server: EmbeddedServer,
  opts: { articles: number; reps: number },
): Promise<string> {
  const url = await agreementCorpus(server, opts.articles, (m) => console.log(`[bench] ${m}`));
  switchAppDatabase(url);
  const reps = Math.max(10, opts.reps);
  const label = `${opts.articles.toLocaleString("en")} double-coded (synthetic, agreement ${AGREEMENT_LEVEL})`;
  console.log(`\n=== ${label}: intercoder agreement, all six dimensions (getAgreement) ===`);
  const load = () => loadavg()[0].toFixed(1);
  const loadBefore = load();
  const rows = await agreementTimings(reps);
  console.log(
    "filter                        paired articles   cold p50/p95 ms   cached p50/p95 ms",
  );
  for (const r of rows)
    console.log(
      `${r.label.padEnd(30)}${r.articles.toLocaleString("en").padStart(15)}  ` +
        `${ms(r.cold.p50)} ${ms(r.cold.p95)}    ${ms(r.cached.p50)} ${ms(r.cached.p95)}`,
    );
  console.log(
    `(${reps} cold runs, every cached figure dropped before each, and ${reps} cached runs per ` +
      `filter; load average ${loadBefore} before, ${load()} after, on ${cpus().length} cores)`,
  );
  const all = rows[0];
  console.log(
    `alphas without a filter (generated at ${AGREEMENT_LEVEL}): ` +
      all.alphas
        .map(
          (d) => `${d.key} ${a3(d.alpha)}${d.unitizing === null ? "" : ` (uα ${a3(d.unitizing)})`}`,
        )
        .join(", "),
  );
  const coldP95 = Math.max(...rows.map((r) => r.cold.p95));
  const cachedP95 = Math.max(...rows.map((r) => r.cached.p95));
  return (
    `${`${opts.articles.toLocaleString("en")} double-coded`.padEnd(22)} agreement cold p95 ≤ ` +
    `${ms(coldP95)} ms (target ${COLD_TARGET_MS})   cached p95 ≤ ${ms(cachedP95)} ms ` +
    `(target ${CACHED_TARGET_MS})`
  );
}
