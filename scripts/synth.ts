/**
 * A synthetic corpus for measuring how the dashboard scales:
 * `npm run synth -- --articles N [--seed S] [--database NAME] [--coders K [--agreement P]]`.
 *
 * With --coders K > 1, coders SYN-2..SYN-K code the same articles as SYN-1. With --agreement P
 * (0 to 1) Krippendorff's alpha between each of them and SYN-1 is about P on every dimension
 * (the model is described in lib/synth/agreement.ts); without it they follow the original model
 * (each article code changed one time in ten, each passage's code about one in twelve), so
 * corpora made before --agreement existed are made again row for row.
 *
 * Writes to SYNTH_DATABASE_URL when set, otherwise to database NAME (default
 * framescope_synth) of an embedded PostgreSQL with its data in .data/pg-synth
 * (port FRAMESCOPE_SYNTH_PG_PORT, default 54370). Never to DATABASE_URL, and
 * never to a database holding real data: such a target is refused, unchanged.
 * The same arguments always give the same rows.
 */
import path from "node:path";
import { ArgsError, parseScriptArgs } from "./lib/args";
import { startEmbeddedPostgres, type EmbeddedServer } from "./lib/db/embedded";
import {
  MAX_ARTICLES,
  MAX_CODERS,
  runSynth,
  SynthRefusedError,
  type SynthResult,
} from "./lib/synth/load";

const USAGE =
  "usage: npm run synth -- --articles N [--seed S] [--database NAME] [--coders K [--agreement P]]";

/**
 * The options, checked; a bad command line (or --help, with an empty message) throws an ArgsError.
 */
function parseArgs(argv: string[]) {
  if (argv.includes("--help") || argv.includes("-h")) throw new ArgsError("");
  const { values, given } = parseScriptArgs(argv, {
    articles: { type: "number", integer: true, min: 1, max: MAX_ARTICLES, required: true },
    seed: { type: "number", integer: true, min: 0, max: 0x7fffffff, default: 1 },
    coders: { type: "number", integer: true, min: 1, max: MAX_CODERS, default: 1 },
    agreement: { type: "number", min: 0, max: 1 },
    database: { type: "string", default: "framescope_synth" },
  });
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(values.database))
    throw new ArgsError(
      "--database must be a lower-case name of letters, digits and underscores (at most 63)",
    );
  if (values.agreement !== undefined && values.coders < 2)
    throw new ArgsError(
      "--agreement needs --coders 2 or more: it sets how coders 2..K agree with coder 1",
    );
  return { ...values, databaseGiven: given.has("database") };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

function report(
  r: SynthResult,
  target: string,
  args: { seed: number; coders: number; agreement?: number },
) {
  const line = (label: string, t: { rows: number; seconds: number }) =>
    `  ${label.padEnd(13)} ${fmt(t.rows).padStart(12)} rows in ` +
    `${t.seconds.toFixed(1).padStart(6)} s  ${fmt(t.rows / t.seconds).padStart(10)} rows/s`;
  console.log(
    `\nsynthetic corpus in ${target} (seed ${args.seed}, ${args.coders} ` +
      `coder${args.coders === 1 ? "" : "s"}` +
      `${args.agreement === undefined ? "" : `, agreement ${args.agreement}`})`,
  );
  console.log("COPY, rows generated as they stream:");
  console.log(line("article", r.copy.article));
  console.log(line("passage_code", r.copy.passage_code));
  console.log(line("article_code", r.copy.article_code));
  const s = r.seconds;
  console.log(
    `then: indexes and constraints ${s.indexes.toFixed(1)} s, ` +
      `rollups ${s.rollups.toFixed(1)} s, commit ${s.commit.toFixed(1)} s, ` +
      `vacuum/analyze ${s.analyze.toFixed(1)} s (setup ${s.setup.toFixed(1)} s)`,
  );
  console.log(
    `end to end: ${fmt(r.counts.articles / s.total)} articles/s, ` +
      `${fmt(r.counts.passageCodes / s.total)} passage rows/s; total ${s.total.toFixed(1)} s`,
  );
  const c = r.counts;
  console.log(
    `counts: ${fmt(c.outlets)} outlets, ${fmt(c.articles)} articles, ` +
      `${fmt(c.passageCodes)} passage codes, ${fmt(c.articleCodes)} article codes, ` +
      `${fmt(c.coders)} coders, ${fmt(c.codes)} codes, ${fmt(c.events)} events ` +
      `(${fmt(c.eventArticles)} article links)`,
  );
}

async function main() {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ArgsError) {
      if (err.message) console.error(`synth: ${err.message}`);
      console.error(USAGE);
      process.exit(err.message ? 1 : 0);
    }
    throw err;
  }

  let embedded: EmbeddedServer | null = null;
  let url: string;
  let target: string;
  if (process.env.SYNTH_DATABASE_URL) {
    url = process.env.SYNTH_DATABASE_URL;
    const u = new URL(url);
    target = `${u.hostname}:${u.port || 5432}${u.pathname} (SYNTH_DATABASE_URL)`;
    if (args.databaseGiven)
      console.warn("synth: --database is ignored: SYNTH_DATABASE_URL names the database");
  } else {
    const port = Number(process.env.FRAMESCOPE_SYNTH_PG_PORT ?? 54370);
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(process.cwd(), ".data/pg-synth"),
      port,
      databases: [args.database],
    });
    url = embedded.url(args.database);
    const server = `the embedded PostgreSQL in .data/pg-synth (port ${port})`;
    target = `database ${args.database} of ${server}`;
    const stopOnSignal = (signal: NodeJS.Signals) => {
      console.error(`synth: ${signal}: stopping; the load is rolled back`);
      embedded!.stop().finally(() => process.exit(130));
    };
    process.once("SIGINT", stopOnSignal);
    process.once("SIGTERM", stopOnSignal);
  }

  try {
    console.log(`synth: ${fmt(args.articles)} articles into ${target}`);
    const result = await runSynth({
      databaseUrl: url,
      articles: args.articles,
      seed: args.seed,
      coders: args.coders,
      agreement: args.agreement,
      log: (m) => console.log(m),
    });
    report(result, target, args);
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  if (err instanceof SynthRefusedError) console.error(`synth: ${err.message}`);
  else console.error(`synth failed: ${(err as Error).message}`);
  process.exit(1);
});
