import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations } from "../db/migrate";
import { createPrismaClient } from "../../../app/lib/db/client";
import { agreementModel } from "./agreement";
import {
  buildWorld,
  generateArticles,
  readCodebook,
  readEvents,
  synthPassageVoice,
  type SynthArticle,
  type World,
} from "./model";

/**
 * Loads a synthetic corpus for measuring how the dashboard scales. It only
 * ever writes to a database of its own: one that holds a single real
 * (non-synthetic) row is refused before anything is written. The previous
 * synthetic contents are replaced in one transaction, with COPY streams fed
 * as the rows are generated, and the rollups are rebuilt before it commits.
 * The synthetic coders SYN-1..SYN-K are of kind `person`, so they take part in intercoder
 * agreement as people do, and with no assignments every coding is public.
 */

export interface SynthOptions {
  databaseUrl: string;
  articles: number;
  seed?: number;
  coders?: number;
  /**
   * Krippendorff's alpha, 0 to 1, that coders 2..K reach with coder 1 on every dimension
   * (agreement.ts). Without it they follow the original model: coder 1's codes, each article
   * code changed one time in ten and each passage's code about one time in twelve.
   */
  agreement?: number;
  seedsDir?: string;
  log?: (msg: string) => void;
}

export interface TableLoad {
  rows: number;
  seconds: number;
}

export interface SynthResult {
  counts: Record<
    | "outlets"
    | "articles"
    | "passageCodes"
    | "articleCodes"
    | "events"
    | "eventArticles"
    | "coders"
    | "codes",
    number
  >;
  copy: { article: TableLoad; passage_code: TableLoad; article_code: TableLoad };
  seconds: {
    setup: number;
    indexes: number;
    rollups: number;
    commit: number;
    analyze: number;
    total: number;
  };
}

/** The target holds real data; nothing was written. */
export class SynthRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthRefusedError";
  }
}

const DEFAULT_SEEDS_DIR = path.resolve(process.cwd(), "seeds");
export const MAX_ARTICLES = 9_999_999; // slugs have seven digits
export const MAX_CODERS = 9;

/** Tables whose rows can be real; a synthetic database has none that are not marked synthetic. */
const GUARDED = ["article", "outlet", "coder", "event"] as const;
/** Emptied before a load, RESTART IDENTITY; dimension and code so the codebook is exactly the real one. */
const REPLACED = [
  "article",
  "passage_code",
  "article_code",
  "event_article",
  "event",
  "outlet",
  "coder",
  "dimension",
  "code",
  "frame_rollup_day",
  "frame_rollup_month",
  "article_rollup_day",
  "article_rollup_month",
  "coder_article_rollup_day",
  "coder_article_rollup_month",
];
/** Their secondary indexes and foreign keys are dropped for the COPY and rebuilt before commit. */
const BULK_TABLES = ["article", "passage_code", "article_code"];

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || "(default)";
  } catch {
    return "(unparsable URL)";
  }
}

/** Real rows per guarded table; all zero for an empty or synthetic database. Reads only. */
async function realRows(client: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of GUARDED) {
    const { rows } = await client.query<{ exists: boolean; flagged: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS exists,
              EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $2 AND column_name = 'synthetic') AS flagged`,
      [`"${table}"`, table],
    );
    if (!rows[0].exists) continue;
    // Before the migration that added the flag, every row is real.
    const { rows: n } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${table}"${rows[0].flagged ? " WHERE NOT synthetic" : ""}`,
    );
    if (Number(n[0].n) > 0) out[table] = Number(n[0].n);
  }
  return out;
}

function refusal(url: string, real: Record<string, number>): SynthRefusedError {
  const what = Object.entries(real)
    .map(([t, n]) => `${n} ${t} row${n === 1 ? "" : "s"}`)
    .join(", ");
  return new SynthRefusedError(
    `refusing to write: database "${databaseName(url)}" holds real (non-synthetic) data (${what}), such as the corpus. ` +
      "Synthetic data goes only into a database of its own: set SYNTH_DATABASE_URL to another database, or leave it unset for the embedded one in .data/pg-synth. Nothing was written.",
  );
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A value in COPY's text format. */
function t(value: string | null): string {
  if (value === null) return "\\N";
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}

const CHUNK_CHARS = 256 * 1024;

/** COPY chunks of one table's rows, generated as the stream asks for them (Readable.from waits on backpressure). */
function* chunks(
  world: World,
  n: number,
  hash: boolean,
  rowsOf: (a: SynthArticle) => string,
  progress: (done: number) => void,
): Generator<string> {
  let buf = "";
  for (const a of generateArticles(world, n, { hash })) {
    buf += rowsOf(a);
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = "";
      progress(a.id);
    }
  }
  if (buf) yield buf;
  progress(n);
}

/** One COPY pass over the generated articles. */
interface CopyPass {
  label: string;
  sql: string;
  /** Whether the articles need their content hash (only the article table stores it). */
  hash: boolean;
  /** One article's rows in COPY's text format. */
  rowsOf: (a: SynthArticle) => string;
  /** Rows written so far. */
  count: () => number;
}

async function copyTable(
  client: Client,
  world: World,
  n: number,
  log: (msg: string) => void,
  pass: CopyPass,
): Promise<TableLoad> {
  const { label, count } = pass;
  const started = performance.now();
  let lastLog = started;
  const progress = (done: number) => {
    const now = performance.now();
    if (now - lastLog < 2000 && done < n) return;
    lastLog = now;
    const s = (now - started) / 1000;
    log(
      `  ${label}: ${done.toLocaleString("en")}/${n.toLocaleString("en")} articles, ${count().toLocaleString("en")} rows, ${Math.round(count() / s).toLocaleString("en")} rows/s`,
    );
  };
  await pipeline(
    Readable.from(chunks(world, n, pass.hash, pass.rowsOf, progress), {
      objectMode: false,
      highWaterMark: 4 * CHUNK_CHARS,
    }),
    client.query(copyFrom(pass.sql)),
  );
  return { rows: count(), seconds: (performance.now() - started) / 1000 };
}

/** Replaces the synthetic corpus of `opts.databaseUrl` with `opts.articles` generated articles; returns counts and timings. */
export async function runSynth(opts: SynthOptions): Promise<SynthResult> {
  const t0 = performance.now();
  const log = opts.log ?? console.log;
  const { n, seed, coderCount, agreement } = checkOptions(opts);

  // Everything that can fail without a database fails first.
  const seedsDir = opts.seedsDir ?? DEFAULT_SEEDS_DIR;
  const world = buildWorld({
    seed,
    coders: coderCount,
    codebook: readCodebook(seedsDir),
    events: readEvents(seedsDir),
  });
  if (agreement !== undefined && coderCount > 1)
    world.agreement = agreementModel(world, n, agreement);

  // Refuse before migrating: a database with the real corpus gets no write at all.
  await refuseRealData(opts.databaseUrl);
  const applied = await applyMigrations(opts.databaseUrl);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

  const { copy, seconds } = await replaceInOneTransaction(opts.databaseUrl, world, n, t0, log);
  const started = performance.now();
  await vacuumAnalyze(opts.databaseUrl);
  seconds.analyze = (performance.now() - started) / 1000;
  const counts = await countRows(opts.databaseUrl);
  seconds.total = (performance.now() - t0) / 1000;
  return { counts, copy, seconds };
}

/** Article count, seed and coder count, each a whole number in range, and the agreement level; else a RangeError naming the command-line option. */
function checkOptions(opts: SynthOptions): {
  n: number;
  seed: number;
  coderCount: number;
  agreement: number | undefined;
} {
  const n = opts.articles;
  const seed = opts.seed ?? 1;
  const coderCount = opts.coders ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_ARTICLES)
    throw new RangeError(`--articles must be a whole number from 1 to ${MAX_ARTICLES}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff)
    throw new RangeError("--seed must be a whole number from 0 to 2147483647");
  if (!Number.isInteger(coderCount) || coderCount < 1 || coderCount > MAX_CODERS)
    throw new RangeError(`--coders must be a whole number from 1 to ${MAX_CODERS}`);
  const agreement = opts.agreement;
  if (agreement !== undefined && !(agreement >= 0 && agreement <= 1))
    throw new RangeError("--agreement must be a number from 0 to 1");
  return { n, seed, coderCount, agreement };
}

/** Throws a SynthRefusedError when the database holds a single real row; reads only. */
async function refuseRealData(url: string): Promise<void> {
  const check = new Client({ connectionString: url });
  await check.connect();
  try {
    const real = await realRows(check);
    if (Object.keys(real).length) throw refusal(url, real);
  } finally {
    await check.end();
  }
}

/**
 * Replaces the synthetic contents in one transaction: lock, check again for
 * real rows, empty the tables, insert the reference rows, COPY the articles,
 * rebuild indexes and rollups, commit. Any failure rolls all of it back.
 */
async function replaceInOneTransaction(
  url: string,
  world: World,
  n: number,
  t0: number,
  log: (msg: string) => void,
): Promise<Pick<SynthResult, "copy" | "seconds">> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const seconds = {} as SynthResult["seconds"];
  try {
    await client.query("BEGIN");
    await lockForReplacement(client, url);
    const bulk = await bulkConstraints(client);
    await emptyTables(client, bulk);
    await insertReference(client, world);
    seconds.setup = (performance.now() - t0) / 1000;
    log(
      `setup: ${world.outlets.length} outlets, ${world.coders.length} coder(s), ${world.dims.length} dimensions, ${world.events.length} events (${seconds.setup.toFixed(1)} s)`,
    );
    const copy = await copyArticles(client, world, n, log);
    seconds.indexes = await rebuildConstraints(client, bulk, log);
    seconds.rollups = await refreshRollups(client, log);
    const started = performance.now();
    await client.query("COMMIT");
    seconds.commit = (performance.now() - started) / 1000;
    return { copy, seconds };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Takes the locks, then checks for real rows again: another writer may have added some since the first check. */
async function lockForReplacement(client: Client, url: string): Promise<void> {
  // One loader (or seeder) at a time, and no reader of half-replaced tables.
  await client.query("SELECT pg_advisory_xact_lock(72707370)");
  await client.query(
    `LOCK TABLE ${REPLACED.map((x) => `"${x}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`,
  );
  const real = await realRows(client);
  if (Object.keys(real).length) throw refusal(url, real);
  await client.query("SET LOCAL maintenance_work_mem = '1GB'");
  // refresh_rollups() sorts every passage row once: in memory, not on disk, up to ~10M rows.
  await client.query("SET LOCAL work_mem = '2GB'");
}

interface BulkConstraints {
  indexes: { name: string; def: string }[];
  constraints: { name: string; tbl: string; def: string; contype: string }[];
}

/** Secondary indexes and foreign keys of the bulk tables, to drop for the COPY and rebuild after it. */
async function bulkConstraints(client: Client): Promise<BulkConstraints> {
  const { rows: indexes } = await client.query<BulkConstraints["indexes"][number]>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
    [BULK_TABLES.map((x) => `"${x}"`)],
  );
  const { rows: constraints } = await client.query<BulkConstraints["constraints"][number]>(
    `SELECT conname AS name, conrelid::regclass::text AS tbl, pg_get_constraintdef(oid) AS def, contype
     FROM pg_constraint
     WHERE conrelid = ANY($1::regclass[]) AND contype IN ('f', 'u')
     ORDER BY contype DESC, conname`,
    [BULK_TABLES.map((x) => `"${x}"`)],
  );
  return { indexes, constraints };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Empties every replaced table and drops the bulk tables' secondary indexes and constraints. */
async function emptyTables(client: Client, bulk: BulkConstraints): Promise<void> {
  await client.query(
    `TRUNCATE ${REPLACED.map((x) => `"${x}"`).join(", ")} RESTART IDENTITY CASCADE`,
  );
  for (const c of bulk.constraints)
    await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${quoteIdent(c.name)}`);
  for (const i of bulk.indexes) await client.query(`DROP INDEX ${i.name}`);
}

const ARTICLE_COPY = `COPY "article" ("id", "slug", "outlet_id", "headline", "headline_label", "standfirst", "byline", "author_note", "genre", "published_at", "date_precision", "date_reason", "language", "source_file", "body", "captions", "content_hash", "created_at", "synthetic") FROM STDIN WITH (FREEZE)`;
const PASSAGE_CODE_COPY = `COPY "passage_code" ("id", "article_id", "code_id", "coder_id", "start", "end", "quote", "note", "voice", "synthetic") FROM STDIN WITH (FREEZE)`;
const ARTICLE_CODE_COPY = `COPY "article_code" ("id", "article_id", "dimension_id", "code_id", "coder_id", "note", "synthetic") FROM STDIN WITH (FREEZE)`;

/**
 * Three passes over the same generated articles, one COPY per table (FREEZE:
 * the tables were truncated in this transaction); then the event links and
 * the id sequences.
 */
async function copyArticles(
  client: Client,
  world: World,
  n: number,
  log: (msg: string) => void,
): Promise<SynthResult["copy"]> {
  const eventLinks: { event: number; article: number; quote: string }[] = [];
  let articleRows = 0;
  const article = await copyTable(client, world, n, log, {
    label: "article",
    sql: ARTICLE_COPY,
    hash: true,
    rowsOf: (a) => {
      articleRows++;
      if (a.event) eventLinks.push({ event: a.event.id, article: a.id, quote: a.event.sentence });
      return articleRow(a);
    },
    count: () => articleRows,
  });
  let passageId = 0;
  const passage_code = await copyTable(client, world, n, log, {
    label: "passage_code",
    sql: PASSAGE_CODE_COPY,
    hash: false,
    rowsOf: (a) => {
      const rows = passageCodeRows(world, a, passageId);
      passageId += a.passages.length;
      return rows;
    },
    count: () => passageId,
  });
  let articleCodeId = 0;
  const article_code = await copyTable(client, world, n, log, {
    label: "article_code",
    sql: ARTICLE_CODE_COPY,
    hash: false,
    rowsOf: (a) => {
      const rows = articleCodeRows(world, a, articleCodeId);
      articleCodeId += a.articleCodes.length;
      return rows;
    },
    count: () => articleCodeId,
  });
  for (const e of eventLinks) {
    await client.query(
      `INSERT INTO "event_article" ("event_id", "article_id", "quote") VALUES ($1, $2, $3)`,
      [e.event, e.article, e.quote],
    );
  }
  for (const table of BULK_TABLES) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max("id"), 1), max("id") IS NOT NULL) FROM "${table}"`,
      [`"${table}"`],
    );
  }
  return { article, passage_code, article_code };
}

/** The article's row of the article table; created at its publication date, so a reload is identical. */
function articleRow(a: SynthArticle): string {
  return `${a.id}\t${a.slug}\t${a.outlet.id}\t${t(a.headline)}\t${t(a.headlineLabel)}\t${t(a.standfirst)}\t${t(a.byline)}\t\\N\t${a.genre}\t${a.date}\t${a.exact ? "exact" : "inferred"}\tsynthetic\ten\tsynthetic\t${t(a.body)}\t{}\t${a.contentHash}\t${a.date}T00:00:00Z\tt\n`;
}

/** The article's passage_code rows, with ids from `lastId + 1` on. */
function passageCodeRows(world: World, a: SynthArticle, lastId: number): string {
  let out = "";
  const voice = synthPassageVoice(a.genre);
  for (const p of a.passages) {
    out += `${++lastId}\t${a.id}\t${p.code.id}\t${world.coders[p.coder].id}\t${p.start}\t${p.end}\t${t(a.body.slice(p.start, p.end))}\t\\N\t${voice}\tt\n`;
  }
  return out;
}

/** The article's article_code rows, with ids from `lastId + 1` on. */
function articleCodeRows(world: World, a: SynthArticle, lastId: number): string {
  let out = "";
  for (const c of a.articleCodes) {
    out += `${++lastId}\t${a.id}\t${world.dims[c.code.dim].id}\t${c.code.id}\t${world.coders[c.coder].id}\t\\N\tt\n`;
  }
  return out;
}

/** Rebuilds what emptyTables dropped; returns the seconds it took. */
async function rebuildConstraints(
  client: Client,
  bulk: BulkConstraints,
  log: (msg: string) => void,
): Promise<number> {
  const started = performance.now();
  log(`rebuilding ${bulk.indexes.length} indexes and ${bulk.constraints.length} constraints`);
  const timed = async (label: string, sql: string) => {
    const at = performance.now();
    await client.query(sql);
    log(`  ${label}: ${((performance.now() - at) / 1000).toFixed(1)} s`);
  };
  for (const i of bulk.indexes) await timed(`index ${i.name}`, i.def);
  for (const c of bulk.constraints)
    await timed(
      `constraint ${c.name}`,
      `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def}`,
    );
  const seconds = (performance.now() - started) / 1000;
  log(`  indexes and constraints: ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Rebuilds the rollups the dashboard reads; returns the seconds it took. */
async function refreshRollups(client: Client, log: (msg: string) => void): Promise<number> {
  const started = performance.now();
  log("refreshing rollups");
  // Statistics first: without them the planner takes the new tables for empty and picks slow plans.
  await client.query(`ANALYZE ${BULK_TABLES.map((x) => `"${x}"`).join(", ")}`);
  await client.query("SELECT refresh_rollups()");
  const seconds = (performance.now() - started) / 1000;
  log(`  rollups: ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Planner statistics and the visibility map for the new rows (outside the transaction, as VACUUM must be). */
async function vacuumAnalyze(url: string): Promise<void> {
  const after = new Client({ connectionString: url });
  await after.connect();
  try {
    await after.query(`VACUUM (ANALYZE) ${REPLACED.map((x) => `"${x}"`).join(", ")}`);
  } finally {
    await after.end();
  }
}

/** Rows per table after the load, for the report. */
async function countRows(url: string): Promise<SynthResult["counts"]> {
  const db = createPrismaClient(url);
  try {
    const [outlets, articles, passageCodes, articleCodes, events, eventArticles, coders, codes] =
      await Promise.all([
        db.outlet.count(),
        db.article.count(),
        db.passageCode.count(),
        db.articleCode.count(),
        db.event.count(),
        db.eventArticle.count(),
        db.coder.count(),
        db.code.count(),
      ]);
    return { outlets, articles, passageCodes, articleCodes, events, eventArticles, coders, codes };
  } finally {
    await db.$disconnect();
  }
}

/** Codebook, outlets, coders and events: a few hundred rows with ordinary INSERTs; their ids are the ones the generator uses. */
async function insertReference(client: Client, world: World): Promise<void> {
  const expect = async (what: string, got: Promise<{ rows: { id: number }[] }>, want: number) => {
    const id = (await got).rows[0].id;
    if (id !== want)
      throw new Error(`${what} got id ${id}, expected ${want}: the sequence was not restarted`);
  };
  for (const [order, d] of world.codebook.dimensions.entries()) {
    const dim = world.dims[order];
    await expect(
      `dimension ${d.key}`,
      client.query(
        `INSERT INTO "dimension" ("key", "label", "question", "definition", "scope", "ordinal", "order") VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"`,
        [d.key, d.label, d.question, d.definition, d.scope, d.ordinal, order],
      ),
      dim.id,
    );
    for (const [codeOrder, c] of d.codes.entries()) {
      await expect(
        `code ${d.key}.${c.key}`,
        client.query(
          `INSERT INTO "code" ("dimension_id", "key", "label", "definition", "indicators", "colour", "order", "value", "side") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "id"`,
          [
            dim.id,
            c.key,
            c.label,
            c.definition,
            c.indicators,
            c.colour,
            codeOrder,
            c.value ?? null,
            c.side ?? null,
          ],
        ),
        dim.codes[codeOrder].id,
      );
    }
  }
  for (const o of world.outlets) {
    await expect(
      `outlet ${o.slug}`,
      client.query(
        `INSERT INTO "outlet" ("slug", "name", "short_name", "country", "language", "kind", "orientation", "orientation_source", "url", "synthetic") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, true) RETURNING "id"`,
        [
          o.slug,
          o.name,
          o.shortName,
          o.country,
          o.language,
          o.kind,
          o.orientation,
          o.orientationSource,
        ],
      ),
      o.id,
    );
  }
  for (const c of world.coders) {
    await expect(
      `coder ${c.key}`,
      client.query(
        `INSERT INTO "coder" ("key", "name", "kind", "version", "description", "synthetic") VALUES ($1, $2, 'person', 'synth-1', $3, true) RETURNING "id"`,
        [
          c.key,
          c.name,
          c.id === 1
            ? "Synthetic coder: generated codings for measuring the dashboard, not a reading of any article."
            : world.agreement
              ? `Synthetic coder ${c.id}: generated codings whose Krippendorff's alpha with SYN-1 is about ${world.agreement.level} on every dimension.`
              : `Synthetic coder ${c.id}: generated codings that agree with SYN-1 most of the time.`,
        ],
      ),
      c.id,
    );
  }
  for (const e of world.events) {
    await expect(
      `event ${e.key}`,
      client.query(
        `INSERT INTO "event" ("key", "date", "label", "description", "preset", "synthetic") VALUES ($1, $2, $3, $4, $5, true) RETURNING "id"`,
        [e.key, e.date, e.label, e.description, e.preset],
      ),
      e.id,
    );
  }
}
