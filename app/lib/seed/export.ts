import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, parse as parseYaml } from "yaml";
import { utcToIsoDate } from "../dates";
import { readInOrder } from "../db";
import type { PrismaClient } from "../db/client";
import { ingestPage, MAX_INGEST_BYTES } from "../ingest/ingest";
import { type LoadedArticle, loadSeeds, SeedError, type SeedData } from "./load";
import {
  type ArticleSeed,
  type CodebookFile,
  type CoderSeed,
  type CodingFile,
  type EventsFile,
  methodSeed,
  type OutletSeed,
} from "./schemas";
import { articleFields } from "./write";

/*
 * The corpus in the database, written as a seeds folder (`npm run export -- yaml <dir>`): seeding a
 * fresh database from it gives the same outlets, articles, codebook, coders, codings and events.
 * Every export is loaded back with the seeder's own loader and compared with the database before
 * it replaces anything in <dir>.
 *
 * Left out, and counted: synthetic rows; the adjudicated reference coder (REF) and its codings,
 * which an adjudication derives from two coders' codings through decisions the seed format does
 * not hold (re-adjudicate after loading); users, assignments and history, which are not corpus.
 * The codebook's method block is not in the database: it is carried over from the seeds folder's
 * codebook.yaml.
 */

export interface ExportFile {
  /** Relative to the export folder, with forward slashes. */
  path: string;
  data: string | Buffer;
}

export interface LeftOut {
  synthetic: {
    outlets: number;
    articles: number;
    coders: number;
    passageCodes: number;
    articleCodes: number;
    events: number;
  };
  reference: { coders: string[]; passageCodes: number; articleCodes: number };
  /** Events whose articles are all left out: the seed format needs at least one. */
  events: string[];
}

export interface YamlExport {
  files: ExportFile[];
  counts: {
    outlets: number;
    articles: number;
    /** Articles whose source page was copied from the seeds folder (the rest: stored text). */
    sourcePages: number;
    coders: number;
    codings: number;
    passageCodes: number;
    articleCodes: number;
    events: number;
  };
  leftOut: LeftOut;
  /** What the database holds, in the loader's terms, to check the written files against. */
  expected: Expected;
}

interface Expected {
  outlets: OutletSeed[];
  codebook: CodebookFile;
  coders: CoderSeed[];
  articles: Map<string, Record<string, unknown>>;
  codings: CodingFile[];
  events: EventsFile;
}

/** The export cannot be made, or would not load back as the database is. */
export class ExportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ExportError";
  }
}

/** The files, top-level and folders, that an export writes (and --replace replaces). */
export const EXPORT_ENTRIES = [
  "outlets.yaml",
  "codebook.yaml",
  "coders.yaml",
  "events.yaml",
  "articles",
  "codings",
  "sources",
] as const;

const FILE_NAME = /^[\w.-]+$/;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Reads the corpus and makes its seed files in memory. `seedsDir` gives the codebook's method
 * block and the original source pages of seed articles.
 */
export async function buildYamlExport(
  db: PrismaClient,
  opts: { seedsDir: string },
): Promise<YamlExport> {
  const problems: string[] = [];
  const method = readMethod(opts.seedsDir);
  // One snapshot: a coding written during the export is wholly in it or not at all.
  const [rows, { events, emptyEvents }, leftOut] = await db.$transaction(
    async (tx) => [await readCorpus(tx), await readEvents(tx), await countLeftOut(tx)] as const,
    { isolationLevel: "RepeatableRead", timeout: 600_000, maxWait: 30_000 },
  );
  const { outletRows, dimensionRows, coderRows, articleRows, passageRows, articleCodeRows } = rows;

  const outlets = outletRows.map(toOutletSeed);
  const codebook: CodebookFile = { method, dimensions: dimensionRows.map(toDimensionSeed) };
  const coders = coderRows.map(toCoderSeed);
  for (const a of articleRows)
    if (a.outlet.synthetic)
      problems.push(`article ${a.slug}: its outlet ${a.outlet.slug} is synthetic`);

  const files = new Map<string, string | Buffer>();
  const put = (file: string, data: string | Buffer) => {
    const had = files.get(file);
    if (had !== undefined && !Buffer.from(had).equals(Buffer.from(data)))
      problems.push(`${file}: two articles would write different text to this file`);
    files.set(file, data);
  };
  const articles = new Map<string, Record<string, unknown>>();
  let sourcePages = 0;
  for (const row of articleRows) {
    const { seed, source } = toArticleSeed(row, opts.seedsDir, problems);
    if (!seed.text) sourcePages++;
    put(`articles/${row.slug}.yaml`, toYaml(seed));
    put(`sources/${seed.source}`, source);
    articles.set(row.slug, storedFields(row));
  }

  const codings = toCodingFiles(passageRows, articleCodeRows, codebook);
  const titles = new Map(
    articleRows.map((a) => [
      a.slug,
      `${a.headline} (${a.outlet.shortName}, ${utcToIsoDate(a.publishedAt)})`,
    ]),
  );
  for (const coding of codings) {
    const title = `${titles.get(coding.article)} by ${coding.coder}`.replace(/\s+/g, " ");
    // Defaults are left out of the files, as in hand-written seeds.
    put(
      `codings/${coding.article}.${coding.coder}.yaml`,
      toYaml({ ...coding, partial: coding.partial || undefined }, ` Coding of ${title}.`),
    );
  }

  put("outlets.yaml", toYaml(outlets));
  put(
    "codebook.yaml",
    toYaml({
      ...codebook,
      dimensions: codebook.dimensions.map((d) => ({ ...d, ordinal: d.ordinal || undefined })),
    }),
  );
  put("coders.yaml", toYaml(coders));
  put("events.yaml", toYaml(events.map((e) => ({ ...e, preset: e.preset || undefined }))));
  if (problems.length) throw new ExportError(problems);

  return {
    files: [...files].map(([p, data]) => ({ path: p, data })),
    counts: {
      outlets: outlets.length,
      articles: articles.size,
      sourcePages,
      coders: coders.length,
      codings: codings.length,
      passageCodes: passageRows.length,
      articleCodes: articleCodeRows.length,
      events: events.length,
    },
    leftOut: { ...leftOut, events: emptyEvents },
    expected: { outlets, codebook, coders, articles, codings, events },
  };
}

/**
 * Builds the export, writes it to a scratch folder, loads that with the seeder's loader and checks
 * it against the database; only then does it replace the corpus files in `dir`. A folder that
 * already holds files is replaced only with `replace` (files other than EXPORT_ENTRIES stay).
 */
export async function writeYamlExport(
  db: PrismaClient,
  dir: string,
  opts: { seedsDir: string; replace?: boolean },
): Promise<YamlExport> {
  if (existsSync(dir) && readdirSync(dir).length && !opts.replace)
    throw new ExportError([
      `${dir} is not empty: give --replace to replace its ${EXPORT_ENTRIES.join(", ")} ` +
        "(other files stay)",
    ]);
  const exported = await buildYamlExport(db, opts);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "framescope-export-"));
  try {
    for (const f of exported.files) {
      const full = path.join(scratch, f.path);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, f.data);
    }
    for (const sub of ["articles", "codings", "sources"])
      mkdirSync(path.join(scratch, sub), { recursive: true });
    checkLoadsBack(scratch, exported.expected);
    mkdirSync(dir, { recursive: true });
    for (const entry of EXPORT_ENTRIES)
      rmSync(path.join(dir, entry), { recursive: true, force: true });
    for (const entry of EXPORT_ENTRIES)
      cpSync(path.join(scratch, entry), path.join(dir, entry), { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return exported;
}

/** The rows an export is made of: real (not synthetic) ones, and no reference coding. */
async function readCorpus(db: Tx) {
  const [outletRows, dimensionRows, coderRows, articleRows, passageRows, articleCodeRows] =
    await readInOrder([
      () => db.outlet.findMany({ where: { synthetic: false }, orderBy: { id: "asc" } }),
      () =>
        db.dimension.findMany({
          orderBy: [{ order: "asc" }, { key: "asc" }],
          include: { codes: { orderBy: [{ order: "asc" }, { key: "asc" }] } },
        }),
      () =>
        db.coder.findMany({
          where: { synthetic: false, kind: { not: "adjudicated" } },
          orderBy: { id: "asc" },
        }),
      () =>
        db.article.findMany({
          where: { synthetic: false },
          orderBy: { slug: "asc" },
          include: { outlet: { select: { slug: true, shortName: true, synthetic: true } } },
        }),
      () =>
        db.passageCode.findMany({
          where: exportedCoding,
          select: {
            start: true,
            end: true,
            quote: true,
            note: true,
            voice: true,
            article: { select: { slug: true } },
            coder: { select: { key: true } },
            code: {
              select: { key: true, order: true, dimension: { select: { key: true, order: true } } },
            },
          },
        }),
      () =>
        db.articleCode.findMany({
          where: exportedCoding,
          select: {
            note: true,
            article: { select: { slug: true } },
            coder: { select: { key: true } },
            code: { select: { key: true } },
            dimension: { select: { key: true, order: true } },
          },
          orderBy: [{ dimension: { order: "asc" } }, { dimension: { key: "asc" } }],
        }),
    ]);
  return { outletRows, dimensionRows, coderRows, articleRows, passageRows, articleCodeRows };
}

// Codings of real articles by real coders that are not the adjudicated reference.
const exportedCoding = {
  synthetic: false,
  article: { synthetic: false },
  coder: { synthetic: false, kind: { not: "adjudicated" as const } },
};

/** The method block of `<seedsDir>/codebook.yaml`: the database does not hold it. */
function readMethod(seedsDir: string): CodebookFile["method"] {
  const file = path.join(seedsDir, "codebook.yaml");
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ExportError([
      `${file}: the codebook's method block is read from here: ${(err as Error).message.split("\n")[0]}`,
    ]);
  }
  const parsed = methodSeed.safeParse((data as { method?: unknown } | null)?.method);
  if (!parsed.success)
    throw new ExportError([
      `${file}: method: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(block)"} ${i.message}`).join("; ")}`,
    ]);
  return parsed.data;
}

type OutletRow = Awaited<ReturnType<PrismaClient["outlet"]["findMany"]>>[number];

function toOutletSeed(o: OutletRow): OutletSeed {
  return {
    slug: o.slug,
    name: o.name,
    short_name: o.shortName,
    country: o.country,
    language: o.language,
    kind: o.kind,
    orientation: o.orientation,
    orientation_source: o.orientationSource,
    url: o.url,
  };
}

interface DimensionRow {
  key: string;
  label: string;
  question: string;
  definition: string;
  scope: "passage" | "article";
  ordinal: boolean;
  codes: {
    key: string;
    label: string;
    colour: string;
    definition: string;
    indicators: string[];
    value: number | null;
    side: "against" | "for" | "none" | null;
  }[];
}

function toDimensionSeed(d: DimensionRow): CodebookFile["dimensions"][number] {
  return {
    key: d.key,
    label: d.label,
    question: d.question,
    definition: d.definition,
    scope: d.scope,
    ordinal: d.ordinal,
    codes: d.codes.map((c) => ({
      key: c.key,
      label: c.label,
      colour: c.colour,
      definition: c.definition,
      indicators: c.indicators,
      ...(c.value === null ? {} : { value: c.value }),
      ...(c.side === null ? {} : { side: c.side }),
    })),
  };
}

type CoderRow = Awaited<ReturnType<PrismaClient["coder"]["findMany"]>>[number];

function toCoderSeed(c: CoderRow): CoderSeed {
  return {
    key: c.key,
    name: c.name,
    kind: c.kind as CoderSeed["kind"],
    ...(c.version === null ? {} : { version: c.version }),
    ...(c.description === null ? {} : { description: c.description }),
  };
}

interface ArticleRow {
  slug: string;
  outlet: { slug: string };
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  genre: ArticleSeed["genre"];
  publishedAt: Date;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  language: string;
  sourceFile: string;
  body: string;
  captions: string[];
}

/** What the database stores for an article, in the seeder's terms (write.ts articleFields). */
function storedFields(row: ArticleRow & { contentHash: string }): Record<string, unknown> {
  return {
    slug: row.slug,
    outlet: row.outlet.slug,
    headline: row.headline,
    headlineLabel: row.headlineLabel,
    standfirst: row.standfirst,
    byline: row.byline,
    authorNote: row.authorNote,
    genre: row.genre,
    publishedAt: row.publishedAt,
    datePrecision: row.datePrecision,
    dateReason: row.dateReason,
    language: row.language,
    sourceFile: row.sourceFile,
    body: row.body,
    captions: row.captions,
    contentHash: row.contentHash,
  };
}

/**
 * An article's seed file and its source: the original page from the seeds folder when ingesting
 * it gives exactly the stored text (and the page agrees with the stored date and byline, as the
 * loader checks), else the stored body with the rest of the text in `text` (schemas.ts).
 */
function toArticleSeed(
  a: ArticleRow,
  seedsDir: string,
  problems: string[],
): { seed: ArticleSeed; source: string | Buffer } {
  if (a.dateReason === null)
    problems.push(`article ${a.slug}: its date has no reason, which a seed article must give`);
  const meta = {
    outlet: a.outlet.slug,
    genre: a.genre,
    language: a.language,
    byline: a.byline,
    published: {
      date: utcToIsoDate(a.publishedAt),
      precision: a.datePrecision,
      reason: a.dateReason ?? "",
    },
  };
  const page = originalPage(a, seedsDir);
  if (page) return { seed: { slug: a.slug, source: a.sourceFile, ...meta }, source: page };
  const source = `${a.slug}.txt`;
  const seed: ArticleSeed = {
    slug: a.slug,
    source,
    ...(a.sourceFile === source ? {} : { original_file: a.sourceFile }),
    ...meta,
    text: {
      headline: a.headline,
      headline_label: a.headlineLabel,
      standfirst: a.standfirst,
      author_note: a.authorNote,
      captions: a.captions,
    },
  };
  return { seed, source: a.body };
}

/** The article's page in `<seedsDir>/sources` when the loader would make the stored text of it. */
function originalPage(a: ArticleRow, seedsDir: string): Buffer | null {
  if (!FILE_NAME.test(a.sourceFile)) return null;
  const file = path.join(seedsDir, "sources", a.sourceFile);
  if (!existsSync(file)) return null;
  const raw = readFileSync(file);
  if (raw.length > MAX_INGEST_BYTES) return null;
  const page = ingestPage(raw);
  const date = utcToIsoDate(a.publishedAt);
  const same =
    page.headline === a.headline &&
    page.headlineLabel === a.headlineLabel &&
    page.standfirst === a.standfirst &&
    page.authorNote === a.authorNote &&
    page.body === a.body &&
    page.captions.length === a.captions.length &&
    page.captions.every((c, i) => c === a.captions[i]) &&
    (page.byline === null || page.byline === a.byline) &&
    (page.publishedAt === null ? a.datePrecision === "inferred" : page.publishedAt === date);
  return same ? raw : null;
}

type PassageRow = {
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: "own" | "reported" | "unclear";
  article: { slug: string };
  coder: { key: string };
  code: { key: string; order: number; dimension: { key: string; order: number } };
};

type ArticleCodeRow = {
  note: string | null;
  article: { slug: string };
  coder: { key: string };
  code: { key: string };
  dimension: { key: string; order: number };
};

/**
 * One coding file per article and coder: article codes in codebook order, passages by position
 * (then dimension and code), so the same corpus always gives the same bytes.
 */
function toCodingFiles(
  passages: PassageRow[],
  articleCodes: ArticleCodeRow[],
  codebook: CodebookFile,
): CodingFile[] {
  const byPair = new Map<string, CodingFile>();
  const coding = (slug: string, coder: string) => {
    const pair = `${slug}\0${coder}`;
    let c = byPair.get(pair);
    if (!c) {
      c = { article: slug, coder, partial: false, article_codes: {}, passages: [] };
      byPair.set(pair, c);
    }
    return c;
  };
  for (const ac of articleCodes)
    coding(ac.article.slug, ac.coder.key).article_codes[ac.dimension.key] = {
      code: ac.code.key,
      ...(ac.note === null ? {} : { note: ac.note }),
    };
  const sorted = [...passages].sort(
    (x, y) =>
      x.start - y.start ||
      x.end - y.end ||
      x.code.dimension.order - y.code.dimension.order ||
      cmp(x.code.dimension.key, y.code.dimension.key) ||
      x.code.order - y.code.order ||
      cmp(x.code.key, y.code.key),
  );
  for (const p of sorted)
    coding(p.article.slug, p.coder.key).passages.push({
      dimension: p.code.dimension.key,
      code: p.code.key,
      quote: p.quote,
      ...(p.note === null ? {} : { note: p.note }),
      voice: p.voice,
      start: p.start,
      end: p.end,
    });
  const articleDims = codebook.dimensions.filter((d) => d.scope === "article").map((d) => d.key);
  const files = [...byPair.values()].sort(
    (x, y) => cmp(x.article, y.article) || cmp(x.coder, y.coder),
  );
  // A coding still in progress may lack article codes; the file says so instead of failing.
  for (const f of files) f.partial = articleDims.some((d) => !f.article_codes[d]);
  return files;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Real events with their real articles (by slug); events left with none are named. */
async function readEvents(db: Tx): Promise<{ events: EventsFile; emptyEvents: string[] }> {
  const rows = await db.event.findMany({
    where: { synthetic: false },
    orderBy: { id: "asc" },
    include: {
      articles: {
        where: { article: { synthetic: false } },
        include: { article: { select: { slug: true } } },
      },
    },
  });
  const events: EventsFile = [];
  const emptyEvents: string[] = [];
  for (const e of rows) {
    if (!e.articles.length) {
      emptyEvents.push(e.key);
      continue;
    }
    events.push({
      key: e.key,
      date: utcToIsoDate(e.date),
      label: e.label,
      ...(e.description === null ? {} : { description: e.description }),
      preset: e.preset,
      articles: e.articles
        .map((ea) => ({
          slug: ea.article.slug,
          ...(ea.quote === null ? {} : { quote: ea.quote }),
        }))
        .sort((x, y) => cmp(x.slug, y.slug)),
    });
  }
  return { events, emptyEvents };
}

async function countLeftOut(db: Tx): Promise<Omit<LeftOut, "events">> {
  const syntheticCoding = {
    OR: [{ synthetic: true }, { article: { synthetic: true } }, { coder: { synthetic: true } }],
  };
  const refCoding = {
    synthetic: false,
    article: { synthetic: false },
    coder: { synthetic: false, kind: "adjudicated" as const },
  };
  const [
    outlets,
    articles,
    coders,
    passageCodes,
    articleCodes,
    events,
    refCoders,
    refPassages,
    refArticleCodes,
  ] = await readInOrder([
    () => db.outlet.count({ where: { synthetic: true } }),
    () => db.article.count({ where: { synthetic: true } }),
    () => db.coder.count({ where: { synthetic: true } }),
    () => db.passageCode.count({ where: syntheticCoding }),
    () => db.articleCode.count({ where: syntheticCoding }),
    () => db.event.count({ where: { synthetic: true } }),
    () =>
      db.coder.findMany({
        where: { synthetic: false, kind: "adjudicated" },
        select: { key: true },
        orderBy: { key: "asc" },
      }),
    () => db.passageCode.count({ where: refCoding }),
    () => db.articleCode.count({ where: refCoding }),
  ]);
  return {
    synthetic: { outlets, articles, coders, passageCodes, articleCodes, events },
    reference: {
      coders: refCoders.map((c) => c.key),
      passageCodes: refPassages,
      articleCodes: refArticleCodes,
    },
  };
}

/**
 * YAML as the seeds are written: block style, no folding (a long line stays one line); members
 * that are undefined are left out.
 */
function toYaml(value: unknown, comment?: string): string {
  const doc = new Document(value);
  if (comment) doc.commentBefore = comment;
  return doc.toString({ lineWidth: 0 });
}

/**
 * Loads the written folder with the seeder's loader and compares what it would store with what the
 * database holds; throws ExportError naming each difference.
 */
function checkLoadsBack(dir: string, expected: Expected): void {
  let loaded: SeedData;
  try {
    loaded = loadSeeds(dir);
  } catch (err) {
    if (!(err instanceof SeedError)) throw err;
    throw new ExportError([
      "the export does not load back with the seeder:",
      ...err.problems.map((p) => `  ${p.file}: ${p.item}: ${p.reason}`),
    ]);
  }
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (canonical(a) === canonical(b)) return;
    const fields = differingFields(a, b);
    problems.push(
      `${what} would not load back as stored${fields.length ? ` (${fields.join(", ")})` : ""}`,
    );
  };
  same("outlets.yaml", loaded.outlets, expected.outlets);
  same("codebook.yaml", loaded.codebook, expected.codebook);
  same("coders.yaml", loaded.coders, expected.coders);
  same("events.yaml", loaded.events, expected.events);
  const loadedArticles = new Map(loaded.articles.map((a) => [a.slug, storedArticle(a)]));
  for (const [slug, fields] of expected.articles)
    same(`articles/${slug}.yaml`, loadedArticles.get(slug), fields);
  const loadedCodings = new Map(loaded.codings.map((c) => [`${c.article}.${c.coder}`, c]));
  for (const c of expected.codings)
    same(`codings/${c.article}.${c.coder}.yaml`, loadedCodings.get(`${c.article}.${c.coder}`), c);
  if (
    loaded.articles.length !== expected.articles.size ||
    loaded.codings.length !== expected.codings.length
  )
    problems.push("the export loads a different number of articles or codings than it wrote");
  if (problems.length) throw new ExportError(problems);
}

function storedArticle(a: LoadedArticle): Record<string, unknown> {
  return { slug: a.slug, outlet: a.outlet, ...articleFields(a) };
}

/** The top-level members in which two objects differ. */
function differingFields(a: unknown, b: unknown): string[] {
  if (!a || !b || typeof a !== "object" || typeof b !== "object" || Array.isArray(a)) return [];
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter(
    (k) => canonical(x[k]) !== canonical(y[k]),
  );
}

/** JSON with sorted keys and no undefined members: equal text means equal data. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => cmp(a, b)),
        )
      : v,
  );
}
