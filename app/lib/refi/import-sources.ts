import "server-only";
import { GENRES } from "../filter-query";
import type { Tx } from "../coding/transaction";
import { todayIso } from "../dates";
import { readInOrder } from "../db";
import { contentHash } from "../ingest/ingest";
import { isPossibleSlug } from "../params";
import { MAX_IMPORT_SLUG } from "../import/input";
import { articleSlugBase, uniqueSlug } from "../import/slug";
import { ARTICLE_VARIABLES, type ArticleVariableValues } from "./framescope";
import { normalGuid } from "./guid";
import type { ImportContext } from "./import-context";
import type { ImportedSource, MatchedBy } from "./import-result";
import { md5, normalisedMd5, normaliseWhitespace, whitespaceMap } from "./import-text";
import type { LoadedProject, LoadedSource } from "./load";
import { PositionMap } from "./positions";

/*
 * Sources matched to articles (by the "Content hash" variable, by equal text, by equal text once
 * whitespace is normalised), or planned as new articles when outlet, genre and language are known
 * (from the Framescope variables or the form), or skipped with the reason.
 */

type Genre = (typeof GENRES)[number];

export interface NewArticle {
  slug: string;
  outletId: number;
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  genre: Genre;
  published: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  language: string;
  sourceFile: string;
  body: string;
  captions: string[];
  contentHash: string;
}

/** The article a source's codings go to, and how its positions reach the body. */
export interface Target {
  /** Distinguishes targets (an article id, or a new article's slug). */
  key: string;
  slug: string;
  articleId: number | null;
  codingsPublic: boolean;
  body: string;
  newArticle: NewArticle | null;
  /** The body's UTF-16 offset of a code-point offset of the source text; null when outside it. */
  toBody: (codePoint: number) => number | null;
}

export interface SourcePlan {
  source: LoadedSource;
  target: Target | null;
  detail: ImportedSource;
}

export interface SourceDefaults {
  outlet?: string;
  genre?: string;
  language?: string;
}

interface ArticleRow {
  id: number;
  slug: string;
  body: string;
  codings_public: boolean;
  content_hash: string;
}

type Values = Partial<Record<keyof ArticleVariableValues, string>>;

/** A source's Framescope variables by field, as text (empty values left out). */
function articleValues(project: LoadedProject, source: LoadedSource): Values {
  const nameOf = new Map(project.variables.map((v) => [normalGuid(v.guid), v.name]));
  const fieldOf = new Map(ARTICLE_VARIABLES.map((v) => [v.name, v.field]));
  const out: Values = {};
  for (const vv of source.variableValues) {
    const field = fieldOf.get(nameOf.get(normalGuid(vv.variableGuid)) ?? "");
    if (field && vv.value !== null && String(vv.value) !== "") out[field] = String(vv.value);
  }
  return out;
}

export async function planSources(
  tx: Tx,
  ctx: ImportContext,
  project: LoadedProject,
  file: string,
  defaults: SourceDefaults,
): Promise<{ plans: SourcePlan[]; warnings: string[] }> {
  const warnings: string[] = [];
  const texts = project.sources.filter((s) => s.text !== null && s.problem === null);
  const values = new Map(project.sources.map((s) => [s, articleValues(project, s)]));
  const hashes = [...new Set(texts.map((s) => values.get(s)!.contentHash).filter(Boolean))];
  const md5s = [...new Set(texts.map((s) => md5(s.text!)))];
  const normalised = [...new Set(texts.map((s) => normalisedMd5(s.text!)))];
  const [byHash, byText, byNormalised] = await readInOrder([
    () => tx.$queryRaw<ArticleRow[]>`
      SELECT id, slug, body, codings_public, content_hash FROM "article"
      WHERE content_hash = ANY (${hashes}::text[]) ORDER BY id`,
    () => tx.$queryRaw<ArticleRow[]>`
      SELECT id, slug, body, codings_public, content_hash FROM "article"
      WHERE md5(body) = ANY (${md5s}::text[]) ORDER BY id`,
    () => tx.$queryRaw<ArticleRow[]>`
      SELECT id, slug, body, codings_public, content_hash FROM "article"
      WHERE normalised_text_md5(body) = ANY (${normalised}::text[]) ORDER BY id`,
  ]);
  const newByText = new Map<string, Target>();
  const slugs: { target: Target; wanted: string | undefined; base: string }[] = [];
  const plans: SourcePlan[] = [];
  for (const source of project.sources) {
    const detail: ImportedSource = {
      guid: source.guid,
      name: source.name ?? source.guid,
      status: "skipped",
      article: null,
      matchedBy: null,
      reason: null,
      selections: source.selections.length,
    };
    const plan: SourcePlan = { source, target: null, detail };
    plans.push(plan);
    if (source.problem !== null || source.text === null) {
      detail.reason = source.problem ?? "the source has no text";
      continue;
    }
    const text = source.text;
    const v = values.get(source)!;
    const match = findMatch(text, v.contentHash, byHash, byText, byNormalised);
    if (
      v.contentHash &&
      match?.by !== "content hash" &&
      byHash.some((a) => a.content_hash === v.contentHash)
    )
      warnings.push(
        `${detail.name}: its content hash names an article whose text differs; matched by its text instead`,
      );
    if (match) {
      plan.target = existingTarget(match.row, text, match.by);
      Object.assign(detail, { status: "matched", article: match.row.slug, matchedBy: match.by });
      continue;
    }
    const again = newByText.get(text);
    if (again) {
      plan.target = again;
      Object.assign(detail, { status: "matched", article: again.slug, matchedBy: "text" });
      detail.reason = "the same text as another source of this project, imported once";
      continue;
    }
    const made = newArticle(ctx, source, v, file, defaults);
    if (typeof made === "string") {
      detail.reason = made;
      continue;
    }
    plan.target = {
      key: `new:${slugs.length}`,
      slug: "",
      articleId: null,
      codingsPublic: true,
      body: text,
      newArticle: made.article,
      toBody: identity(text),
    };
    slugs.push({ target: plan.target, wanted: made.wanted, base: made.base });
    newByText.set(text, plan.target);
    detail.status = "new";
  }
  await assignSlugs(tx, slugs);
  for (const { target, detail } of plans) if (target?.newArticle) detail.article = target.slug;
  return { plans, warnings };
}

/**
 * Each new article's slug: its "Framescope slug" when that is a slug no article has, else the
 * first free one of outlet-date-headline, -2, -3… One query checks every first choice; only a
 * taken one costs more.
 */
async function assignSlugs(
  tx: Tx,
  slugs: { target: Target; wanted: string | undefined; base: string }[],
): Promise<void> {
  const first = [...new Set(slugs.flatMap((s) => (s.wanted ? [s.wanted, s.base] : [s.base])))];
  const rows = await tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM "article" WHERE slug = ANY (${first}::text[])`;
  const inDb = new Set(rows.map((r) => r.slug));
  const known = new Set(first);
  const taken = new Set<string>();
  const free = async (slug: string) => {
    if (taken.has(slug)) return false;
    if (known.has(slug)) return !inDb.has(slug);
    return !(await tx.article.findUnique({ where: { slug }, select: { id: true } }));
  };
  for (const { target, wanted, base } of slugs) {
    let slug: string | null =
      wanted && isPossibleSlug(wanted) && (await free(wanted)) ? wanted : null;
    const tried = new Set<string>();
    while (!slug) {
      const candidate = uniqueSlug(base, tried);
      if (await free(candidate)) slug = candidate;
      tried.add(candidate);
    }
    taken.add(slug);
    target.slug = slug;
    target.newArticle!.slug = slug;
  }
}

function findMatch(
  text: string,
  hash: string | undefined,
  byHash: ArticleRow[],
  byText: ArticleRow[],
  byNormalised: ArticleRow[],
): { row: ArticleRow; by: MatchedBy } | null {
  const norm = normaliseWhitespace(text);
  // A content hash is the file's claim; the text must bear it out.
  const hashed = hash
    ? byHash.find((a) => a.content_hash === hash && normaliseWhitespace(a.body) === norm)
    : undefined;
  if (hashed) return { row: hashed, by: "content hash" };
  const same = byText.find((a) => a.body === text);
  if (same) return { row: same, by: "text" };
  const close = byNormalised.find((a) => normaliseWhitespace(a.body) === norm);
  if (close) return { row: close, by: "normalised text" };
  return null;
}

function identity(text: string): (cp: number) => number | null {
  const positions = new PositionMap(text);
  return (cp) => positions.toUtf16(cp);
}

function existingTarget(row: ArticleRow, text: string, _by: MatchedBy): Target {
  let toBody = identity(text);
  if (row.body !== text) {
    const positions = new PositionMap(text);
    const map = whitespaceMap(text, row.body);
    toBody = (cp) => {
      const unit = positions.toUtf16(cp);
      return unit === null ? null : map[unit];
    };
  }
  return {
    key: `id:${row.id}`,
    slug: row.slug,
    articleId: row.id,
    codingsPublic: row.codings_public,
    body: row.body,
    newArticle: null,
    toBody,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | undefined): string | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  if (!DATE.test(day)) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : day;
}

/** The new article a source becomes (its slug still to choose), or why it cannot become one. */
function newArticle(
  ctx: ImportContext,
  source: LoadedSource,
  v: Values,
  file: string,
  defaults: SourceDefaults,
): { article: NewArticle; wanted: string | undefined; base: string } | string {
  const outlet = v.outlet && ctx.outlets.has(v.outlet) ? v.outlet : defaults.outlet;
  const genre = (GENRES as readonly string[]).includes(v.genre ?? "") ? v.genre : defaults.genre;
  const language = /^[a-z]{2}$/.test(v.language ?? "") ? v.language : defaults.language;
  const missing = [!outlet && "outlet", !genre && "genre", !language && "language"].filter(Boolean);
  if (missing.length)
    return `no ${missing.join(", ")}: choose ${missing.length > 1 ? "them" : "one"} in the form`;
  const text = source.text!;
  if (!text.trim()) return "the source's text is empty";
  const headline = (v.headline ?? source.name ?? "").trim() || "Untitled source";
  const date = publicationDate(source, v);
  const captions = v.captions ? v.captions.split("\n") : [];
  const base = articleSlugBase(outlet!, date.published, headline).slice(0, MAX_IMPORT_SLUG);
  const article: NewArticle = {
    slug: "",
    outletId: ctx.outlets.get(outlet!)!,
    headline,
    headlineLabel: v.headlineLabel ?? null,
    standfirst: v.standfirst ?? null,
    byline: v.byline ?? null,
    authorNote: v.authorNote ?? null,
    genre: genre as Genre,
    ...date,
    language: language!,
    sourceFile: `${file}: ${source.plainTextPath ?? source.name ?? source.guid}`.slice(0, 500),
    body: text,
    captions,
    contentHash: contentHash({ headline, body: text, captions }),
  };
  return { article, wanted: v.slug, base };
}

function publicationDate(
  source: LoadedSource,
  v: Values,
): Pick<NewArticle, "published" | "datePrecision" | "dateReason"> {
  const published = validDate(v.published);
  if (published) {
    const precision = v.datePrecision === "exact" ? "exact" : "inferred";
    const reason =
      v.dateReason ??
      (precision === "inferred"
        ? "the project gives this publication date without saying how it is known"
        : null);
    return { published, datePrecision: precision, dateReason: reason };
  }
  const created = validDate(source.creationDateTime ?? undefined);
  if (created && created <= todayIso())
    return {
      published: created,
      datePrecision: "inferred",
      dateReason: `the project gives no publication date; the source was created on ${created}`,
    };
  return {
    published: todayIso(),
    datePrecision: "inferred",
    dateReason: "the project gives no publication date; the import date stands in",
  };
}
