import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { todayIso } from "../dates";
import { contentHash, ingestPage, MAX_INGEST_BYTES } from "../ingest/ingest";
import {
  articleSeed,
  codebookFile,
  codersFile,
  codingFile,
  eventsFile,
  outletsFile,
  type ArticleSeed,
  type CodebookFile,
  type CoderSeed,
  type CodingFile,
  type EventsFile,
  type OutletSeed,
} from "./schemas";

/** Everything in seeds/, validated and cross-checked, ready to write. */
export interface SeedData {
  outlets: OutletSeed[];
  codebook: CodebookFile;
  coders: CoderSeed[];
  articles: LoadedArticle[];
  codings: CodingFile[];
  events: EventsFile;
  hash: string;
}

export interface LoadedArticle extends ArticleSeed {
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  authorNote: string | null;
  body: string;
  captions: string[];
  contentHash: string;
}

export interface SeedProblem {
  file: string;
  item: string;
  reason: string;
}

/** Thrown when seeds/ has problems; nothing has been written when it is. */
export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.item}: ${p.reason}`).join("\n"));
    this.name = "SeedError";
  }
}

const MAX_SEED_FILE_BYTES = 2 * 1024 * 1024;

class Collector {
  problems: SeedProblem[] = [];
  constructor(private root: string) {}
  add(file: string, item: string, reason: string) {
    this.problems.push({
      file: path.relative(path.dirname(this.root), file) || file,
      item,
      reason,
    });
  }
  /** One problem per key that occurs more than once among `items`. */
  addDuplicates<T>(file: string, items: T[], keyOf: (t: T) => string, reason: string) {
    for (const dup of findDuplicates(items, keyOf)) this.add(file, dup, reason);
  }
  /**
   * Reads and validates one YAML file; returns null (with the problems recorded) when it is
   * unusable.
   */
  readYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> | null {
    let raw: Buffer;
    try {
      raw = readFileSync(file);
    } catch (err) {
      this.add(file, "(file)", `cannot be read: ${(err as Error).message}`);
      return null;
    }
    if (raw.length > MAX_SEED_FILE_BYTES) {
      this.add(
        file,
        "(file)",
        `is ${raw.length} bytes; a seed file may have at most ${MAX_SEED_FILE_BYTES}`,
      );
      return null;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      this.add(file, "(file)", "is not valid UTF-8 text");
      return null;
    }
    let data: unknown;
    try {
      data = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    } catch (err) {
      this.add(file, "(file)", `is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
      return null;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        this.add(file, formatPath(issue.path) || "(top level)", issue.message);
      }
      return null;
    }
    return parsed.data;
  }
}

function formatPath(p: PropertyKey[]): string {
  return p
    .map((seg, i) =>
      typeof seg === "number" ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`,
    )
    .join("");
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => path.join(dir, f));
}

function findDuplicates<T>(items: T[], keyOf: (t: T) => string): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const item of items) {
    const k = keyOf(item);
    if (seen.has(k)) dups.add(k);
    seen.add(k);
  }
  return [...dups];
}

/**
 * Hash of every file the loaded data depends on: seeds/ and the code that turns pages into bodies.
 */
function hashSeedInputs(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith(".ts"))
        hash.update(path.relative(root, full)).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  walk(root);
  const ingestDir = path.resolve(process.cwd(), "app/lib/ingest");
  for (const name of readdirSync(ingestDir).sort()) {
    if (name.endsWith(".ts") && !name.endsWith(".test.ts"))
      hash.update(readFileSync(path.join(ingestDir, name)));
  }
  return hash.digest("hex");
}

/**
 * Reads seeds/ (or another folder of the same layout) and checks it whole:
 * every file against its schema, then every reference between files. Throws
 * a SeedError listing each problem as `file: item: reason`, in the order the
 * files are read: outlets, codebook, coders, articles, codings, events.
 */
export function loadSeeds(root: string, now = new Date()): SeedData {
  const c = new Collector(root);
  const today = todayIso(now);
  const outletsPath = path.join(root, "outlets.yaml");
  const outlets = c.readYaml(outletsPath, outletsFile) ?? [];
  c.addDuplicates(outletsPath, outlets, (o) => o.slug, "duplicate outlet slug");
  const { codebook, vocabulary } = readCodebookSeed(c, path.join(root, "codebook.yaml"));
  const codersPath = path.join(root, "coders.yaml");
  const coders = c.readYaml(codersPath, codersFile) ?? [];
  c.addDuplicates(codersPath, coders, (x) => x.key, "duplicate coder key");
  const { articles, articleFiles } = readArticleSeeds(
    c,
    root,
    new Set(outlets.map((o) => o.slug)),
    today,
  );
  const bodies = new Map(articles.map((a) => [a.slug, a.body]));
  // An article may have no coding yet (one imported and not coded), or one per coder.
  const { codings } = readCodingSeeds(c, root, {
    bodies,
    articleFiles,
    coderKeys: new Set(coders.map((x) => x.key)),
    vocabulary,
  });
  const events = readEventSeeds(c, path.join(root, "events.yaml"), bodies, today);
  if (c.problems.length || !codebook) throw new SeedError(c.problems);
  return { outlets, codebook, coders, articles, codings, events, hash: hashSeedInputs(root) };
}

/**
 * The codes of each dimension and each dimension's scope, for checking the codings against the
 * codebook.
 */
interface Vocabulary {
  codeKeys: Map<string, Set<string>>;
  dimensionScope: Map<string, "passage" | "article">;
}

function readCodebookSeed(
  c: Collector,
  file: string,
): { codebook: CodebookFile | null; vocabulary: Vocabulary } {
  const codebook = c.readYaml(file, codebookFile);
  const vocabulary: Vocabulary = { codeKeys: new Map(), dimensionScope: new Map() };
  if (!codebook) return { codebook, vocabulary };
  c.addDuplicates(file, codebook.dimensions, (d) => d.key, "duplicate dimension key");
  for (const d of codebook.dimensions) {
    c.addDuplicates(file, d.codes, (x) => `${d.key}.${x.key}`, "duplicate code key");
    if (d.ordinal)
      for (const code of d.codes)
        if (code.value === undefined)
          c.add(file, `${d.key}.${code.key}`, "a code of an ordinal dimension needs a value");
    vocabulary.codeKeys.set(d.key, new Set(d.codes.map((x) => x.key)));
    vocabulary.dimensionScope.set(d.key, d.scope);
  }
  return { codebook, vocabulary };
}

/**
 * Every article's metadata with the text of its source page; `articleFiles` maps each slug to its
 * file.
 */
function readArticleSeeds(
  c: Collector,
  root: string,
  outletSlugs: Set<string>,
  today: string,
): { articles: LoadedArticle[]; articleFiles: Map<string, string> } {
  const articles: LoadedArticle[] = [];
  const articleFiles = new Map<string, string>();
  for (const file of yamlFiles(path.join(root, "articles"))) {
    const meta = c.readYaml(file, articleSeed);
    if (!meta) continue;
    if (articleFiles.has(meta.slug)) {
      c.add(
        file,
        meta.slug,
        `duplicate article slug (also in ${path.basename(articleFiles.get(meta.slug)!)})`,
      );
      continue;
    }
    articleFiles.set(meta.slug, file);
    if (path.basename(file).replace(/\.ya?ml$/, "") !== meta.slug)
      c.add(file, meta.slug, "the file name must be the slug");
    if (!outletSlugs.has(meta.outlet)) c.add(file, meta.slug, `unknown outlet "${meta.outlet}"`);
    if (meta.published.date > today)
      c.add(file, meta.slug, `publication date ${meta.published.date} is in the future`);
    const article = readSourcePage(c, root, file, meta);
    if (article) articles.push(article);
  }
  return { articles, articleFiles };
}

/**
 * Ingests the article's source page and checks it against the metadata; null when the page cannot
 * be read.
 */
function readSourcePage(
  c: Collector,
  root: string,
  file: string,
  meta: ArticleSeed,
): LoadedArticle | null {
  const item = meta.slug;
  const sourcePath = path.join(root, "sources", meta.source);
  if (!existsSync(sourcePath)) {
    c.add(file, item, `source page sources/${meta.source} does not exist`);
    return null;
  }
  const size = statSync(sourcePath).size;
  if (size > MAX_INGEST_BYTES) {
    c.add(
      file,
      item,
      `source page sources/${meta.source} is ${size} bytes; ` +
        `at most ${MAX_INGEST_BYTES} are accepted`,
    );
    return null;
  }
  if (meta.text) return readStoredText(c, file, sourcePath, meta, meta.text);
  const page = ingestPage(readFileSync(sourcePath));
  if (!page.headline) c.add(file, item, `source page sources/${meta.source} has no headline`);
  if (!page.body) c.add(file, item, `source page sources/${meta.source} has no body text`);
  if (meta.published.precision === "exact" && page.publishedAt === null) {
    c.add(
      file,
      item,
      "the date is marked exact but the page states none: mark it inferred and give the reason",
    );
  }
  if (page.publishedAt !== null && page.publishedAt !== meta.published.date) {
    c.add(
      file,
      item,
      `the page states ${page.publishedAt} but the metadata says ${meta.published.date}`,
    );
  }
  if (page.byline !== null && meta.byline !== null && page.byline !== meta.byline) {
    c.add(
      file,
      item,
      `the page's byline is "${page.byline}" but the metadata says "${meta.byline}"`,
    );
  }
  return {
    ...meta,
    byline: meta.byline ?? page.byline,
    headline: page.headline ?? "",
    headlineLabel: page.headlineLabel,
    standfirst: page.standfirst,
    authorNote: page.authorNote,
    body: page.body,
    captions: page.captions,
    contentHash: contentHash({ headline: page.headline, body: page.body, captions: page.captions }),
  };
}

/**
 * An article whose source file is its stored body, verbatim, and whose other text is in `text`
 * (see schemas.ts): no ingest runs, so what was stored is what loads.
 */
function readStoredText(
  c: Collector,
  file: string,
  sourcePath: string,
  meta: ArticleSeed,
  text: NonNullable<ArticleSeed["text"]>,
): LoadedArticle | null {
  let body: string;
  try {
    // ignoreBOM keeps a leading U+FEFF as text: the body is the file's characters, all of them.
    body = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      readFileSync(sourcePath),
    );
  } catch {
    c.add(file, meta.slug, `source file sources/${meta.source} is not valid UTF-8 text`);
    return null;
  }
  if (!body) c.add(file, meta.slug, `source file sources/${meta.source} is empty`);
  const { headline, headline_label, standfirst, author_note, captions } = text;
  return {
    ...meta,
    headline,
    headlineLabel: headline_label,
    standfirst,
    authorNote: author_note,
    body,
    captions,
    contentHash: contentHash({ headline, body, captions }),
  };
}

/** What the codings are checked against. */
interface CodingContext {
  bodies: Map<string, string>;
  articleFiles: Map<string, string>;
  coderKeys: Set<string>;
  vocabulary: Vocabulary;
}

/** Every coding file that names a loaded article; `coded` maps "slug\0coder" to its file. */
function readCodingSeeds(
  c: Collector,
  root: string,
  ctx: CodingContext,
): { codings: CodingFile[]; coded: Map<string, string> } {
  const codings: CodingFile[] = [];
  const coded = new Map<string, string>();
  for (const file of yamlFiles(path.join(root, "codings"))) {
    const coding = c.readYaml(file, codingFile);
    if (!coding) continue;
    const who = `${coding.article} by ${coding.coder}`;
    const body = ctx.bodies.get(coding.article);
    if (body === undefined) {
      c.add(
        file,
        coding.article,
        ctx.articleFiles.has(coding.article)
          ? "the article could not be loaded"
          : "unknown article",
      );
      continue;
    }
    if (!ctx.coderKeys.has(coding.coder)) c.add(file, who, `unknown coder "${coding.coder}"`);
    const pair = `${coding.article}\0${coding.coder}`;
    if (coded.has(pair))
      c.add(file, who, `coded twice (also in ${path.basename(coded.get(pair)!)})`);
    coded.set(pair, file);
    checkArticleCodes(c, file, coding, ctx.vocabulary);
    checkPassages(c, file, coding, body, ctx.vocabulary);
    codings.push(coding);
  }
  return { codings, coded };
}

/** Exactly one known code per article-level dimension, and none for passage-level ones. */
function checkArticleCodes(
  c: Collector,
  file: string,
  coding: CodingFile,
  { codeKeys, dimensionScope }: Vocabulary,
): void {
  for (const [dim, scope] of dimensionScope) {
    if (scope === "article" && !coding.article_codes[dim] && !coding.partial)
      c.add(file, `article_codes.${dim}`, `missing: every article needs exactly one ${dim} code`);
  }
  for (const [dim, ac] of Object.entries(coding.article_codes)) {
    const scope = dimensionScope.get(dim);
    if (scope === undefined) c.add(file, `article_codes.${dim}`, "unknown dimension");
    else if (scope !== "article")
      c.add(file, `article_codes.${dim}`, "this dimension is coded on passages, not per article");
    else if (!codeKeys.get(dim)!.has(ac.code))
      c.add(file, `article_codes.${dim}`, `unknown code "${ac.code}"`);
  }
}

/**
 * Every passage has a known code and quotes the body exactly at its offsets; no passage has the
 * same code twice.
 */
function checkPassages(
  c: Collector,
  file: string,
  coding: CodingFile,
  body: string,
  { codeKeys }: Vocabulary,
): void {
  coding.passages.forEach((p, i) => {
    const item = `passages[${i}] (${p.dimension}.${p.code})`;
    const codes = codeKeys.get(p.dimension);
    if (!codes) c.add(file, item, `unknown dimension "${p.dimension}"`);
    else if (!codes.has(p.code))
      c.add(file, item, `unknown code "${p.code}" in dimension ${p.dimension}`);
    if (p.end > body.length)
      c.add(file, item, `end ${p.end} is past the end of the body (${body.length} characters)`);
    else if (body.slice(p.start, p.end) !== p.quote) {
      const at = body.indexOf(p.quote);
      c.add(
        file,
        item,
        `quote is not the body text at ${p.start}–${p.end}` +
          (at >= 0
            ? ` (it occurs at ${at}–${at + p.quote.length}; run npm run codings:locate)`
            : " and does not occur in the body"),
      );
    }
  });
  c.addDuplicates(
    file,
    coding.passages,
    (p) => `${p.dimension}.${p.code}@${p.start}-${p.end}`,
    "the same passage has the same code twice",
  );
}

/**
 * events.yaml (optional): unique keys, no future dates, and every linked article and quote exists.
 */
function readEventSeeds(
  c: Collector,
  file: string,
  bodies: Map<string, string>,
  today: string,
): EventsFile {
  const events = existsSync(file) ? (c.readYaml(file, eventsFile) ?? []) : [];
  c.addDuplicates(file, events, (e) => e.key, "duplicate event key");
  for (const e of events) {
    if (e.date > today) c.add(file, e.key, `date ${e.date} is in the future`);
    for (const ref of e.articles) {
      const body = bodies.get(ref.slug);
      if (body === undefined) c.add(file, e.key, `unknown article "${ref.slug}"`);
      else if (ref.quote && !body.includes(ref.quote))
        c.add(file, e.key, `the quote for ${ref.slug} does not occur in its body`);
    }
  }
  return events;
}
