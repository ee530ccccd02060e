import "server-only";
import type pg from "pg";
import { Prisma } from "../../generated/prisma/client";
import { ApiError } from "../api";
import { getBulkPool } from "../db";
import type { Filters } from "../filters";
import { articleScope } from "../queries/scope";
import type { Voice } from "./framescope";

/*
 * What a REFI-QDA export reads: the filter's articles, their public codings and the codebook, in
 * six queries whatever the number of articles, in one read-only snapshot (so a coding written
 * meanwhile is either wholly in the export or not at all), straight from the driver (a raw Prisma
 * query would copy megabytes of bodies again).
 */

/** The most articles one export holds; a wider filter is refused with its count. */
export const MAX_EXPORT_ARTICLES = 5_000;

export interface ArticleRow {
  id: number;
  slug: string;
  outlet: string;
  outlet_name: string;
  headline: string;
  headline_label: string | null;
  standfirst: string | null;
  byline: string | null;
  author_note: string | null;
  genre: string;
  published: string;
  date_precision: string;
  date_reason: string | null;
  language: string;
  body: string;
  captions: string[];
  content_hash: string;
}

export interface PassageRow {
  article_id: number;
  coder: string;
  code_id: number;
  start: number;
  end: number;
  note: string | null;
  voice: Voice;
}

export interface ArticleCodeRow {
  article_id: number;
  coder: string;
  code_id: number;
  note: string | null;
}

export interface DimensionRow {
  id: number;
  key: string;
  label: string;
  definition: string;
}

export interface CodeRow {
  id: number;
  dimension_id: number;
  key: string;
  label: string;
  definition: string;
  colour: string;
}

export interface ExportCorpus {
  /** By publication date, then slug. */
  articles: ArticleRow[];
  /** By article id. */
  passages: Map<number, PassageRow[]>;
  articleCodes: Map<number, ArticleCodeRow[]>;
  /** In codebook order. */
  dimensions: DimensionRow[];
  codes: CodeRow[];
}

type Query = <T>(sql: Prisma.Sql) => Promise<T[]>;

/**
 * The export's data, or an ApiError 400: more than MAX_EXPORT_ARTICLES articles (naming
 * `filters`, with the count), or a coder key that does not exist (naming `coder`).
 */
export async function readExportCorpus(
  filters: Filters,
  coders: string[] | null,
): Promise<ExportCorpus> {
  const client = await getBulkPool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const corpus = await readAll(queryOn(client), filters, coders);
    await client.query("COMMIT");
    return corpus;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

function queryOn(client: pg.PoolClient): Query {
  return async <T>(sql: Prisma.Sql) => {
    // Dates as ISO strings, so the session's time zone cannot shift a bound.
    const values = sql.values.map((v) => (v instanceof Date ? v.toISOString() : v));
    return (await client.query(sql.text, values)).rows as T[];
  };
}

async function readAll(
  query: Query,
  filters: Filters,
  coders: string[] | null,
): Promise<ExportCorpus> {
  await checkScope(query, filters, coders);
  const articles = await query<ArticleRow>(Prisma.sql`
    SELECT a.id, a.slug, o.slug AS outlet, o.name AS outlet_name, a.headline, a.headline_label,
           a.standfirst, a.byline, a.author_note, a.genre::text AS genre,
           to_char(a.published_at, 'YYYY-MM-DD') AS published,
           a.date_precision::text AS date_precision, a.date_reason, a.language, a.body,
           a.captions, a.content_hash
    FROM article a JOIN outlet o ON o.id = a.outlet_id
    WHERE ${articleScope(filters)}
    ORDER BY a.published_at, a.slug`);
  const passages = await query<PassageRow>(Prisma.sql`
    SELECT pc.article_id, k.key AS coder, pc.code_id, pc.start, pc."end", pc.note,
           pc.voice::text AS voice
    FROM passage_code pc JOIN article a ON a.id = pc.article_id JOIN coder k ON k.id = pc.coder_id
    WHERE ${publicCodings(filters, coders)}`);
  const articleCodes = await query<ArticleCodeRow>(Prisma.sql`
    SELECT ac.article_id, k.key AS coder, ac.code_id, ac.note
    FROM article_code ac JOIN article a ON a.id = ac.article_id JOIN coder k ON k.id = ac.coder_id
    WHERE ${publicCodings(filters, coders)}`);
  const dimensions = await query<DimensionRow>(Prisma.sql`
    SELECT id, key, label, definition FROM dimension ORDER BY "order", key`);
  const codes = await query<CodeRow>(Prisma.sql`
    SELECT c.id, c.dimension_id, c.key, c.label, c.definition, c.colour
    FROM code c ORDER BY c.dimension_id, c."order", c.key`);
  return {
    articles,
    passages: groupBy(passages, (r) => r.article_id),
    articleCodes: groupBy(articleCodes, (r) => r.article_id),
    dimensions,
    codes,
  };
}

/** Refuses a filter over MAX_EXPORT_ARTICLES articles and coder keys that do not exist. */
async function checkScope(query: Query, filters: Filters, coders: string[] | null) {
  const [{ n }] = await query<{ n: number }>(Prisma.sql`
    SELECT count(*)::int AS n FROM article a WHERE ${articleScope(filters)}`);
  if (n > MAX_EXPORT_ARTICLES) {
    const message = `cover ${n} articles; an export holds at most ${MAX_EXPORT_ARTICLES}: narrow the outlets, genres or dates`;
    throw new ApiError(400, `the filters ${message}`, [{ param: "filters", message }], {
      articles: n,
    });
  }
  if (!coders) return;
  const known = await query<{ key: string }>(Prisma.sql`
    SELECT key FROM coder WHERE key IN (${Prisma.join(coders)})`);
  const unknown = coders.filter((key) => !known.some((k) => k.key === key));
  if (unknown.length)
    throw new ApiError(400, "invalid parameter: coder", [
      {
        param: "coder",
        message: `unknown coder ${unknown.map((k) => JSON.stringify(k)).join(", ")}`,
      },
    ]);
}

/** Codings of article `a` in the filter's scope, public, and of the named coders when given. */
function publicCodings(filters: Filters, coders: string[] | null): Prisma.Sql {
  return Prisma.sql`${articleScope(filters)} AND a.codings_public
    ${coders ? Prisma.sql`AND k.key IN (${Prisma.join(coders)})` : Prisma.empty}`;
}

export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
