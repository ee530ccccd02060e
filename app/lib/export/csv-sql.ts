import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { getBulkPool } from "../db";
import type { Filters } from "../filters";
import { articleScope } from "../queries/scope";

/*
 * The reads both CSV exports share: the next batch of articles with public codings in a filter
 * (by article id, so each batch is an index range), and the coders a request names. Read through
 * the bulk pool: millions of rows as plain driver values, without the ORM's per-row conversion.
 */

/** Articles per batch: a few thousand rows of codes, and the bodies of at most this many. */
export const ARTICLE_BATCH = 500;

export interface ArticleMeta {
  id: number;
  slug: string;
  outlet: string;
  genre: string;
  date: string;
  date_precision: string;
  language: string;
  /** The body, only when it holds a character beyond ASCII (it may then hold astral ones). */
  body: string | null;
}

/** Rows of a query on the bulk pool (dates passed as ISO strings, so no time zone shifts them). */
export async function bulkRows<T>(sql: Prisma.Sql): Promise<T[]> {
  const values = sql.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const result = await getBulkPool().query(sql.text, values);
  return result.rows as T[];
}

/** `alias.coder_id` is one of the named coders (any coder when none is named). */
export function byCoders(alias: string, coders: readonly string[]): Prisma.Sql {
  if (!coders.length) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(alias)}.coder_id IN (SELECT id FROM coder WHERE key IN (${Prisma.join(coders)}))`;
}

/**
 * The next articles after id `after` that the filter covers, whose codings are public and that
 * one of the coders coded: with passages only (`passages`), or with passages or article codes
 * (`any`). `body`: read the bodies that need it for code-point offsets.
 */
export async function nextArticles(
  filters: Filters,
  coders: readonly string[],
  after: number,
  opts: { coded: "passages" | "any"; body: boolean; limit?: number },
): Promise<ArticleMeta[]> {
  const hasPassages = Prisma.sql`EXISTS (SELECT 1 FROM passage_code pc
    WHERE pc.article_id = a.id AND ${byCoders("pc", coders)})`;
  const hasArticleCodes = Prisma.sql`EXISTS (SELECT 1 FROM article_code ac
    WHERE ac.article_id = a.id AND ${byCoders("ac", coders)})`;
  return bulkRows<ArticleMeta>(Prisma.sql`
    SELECT a.id, a.slug, o.slug AS outlet, a.genre::text AS genre,
           to_char(a.published_at, 'YYYY-MM-DD') AS date, a.date_precision::text AS date_precision,
           a.language,
           ${
             opts.body
               ? // octet_length reads the stored size, not the text: ASCII bodies are never read
                 Prisma.sql`CASE WHEN octet_length(a.body) > a.body_length THEN a.body END`
               : Prisma.sql`NULL`
           } AS body
    FROM article a JOIN outlet o ON o.id = a.outlet_id
    WHERE ${articleScope(filters)} AND a.codings_public AND a.id > ${after}
      AND (${hasPassages}${opts.coded === "any" ? Prisma.sql` OR ${hasArticleCodes}` : Prisma.empty})
    ORDER BY a.id
    LIMIT ${opts.limit ?? ARTICLE_BATCH}`);
}
