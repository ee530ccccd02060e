import "server-only";
import { Prisma } from "../../generated/prisma/client";
import type { Filters } from "../filters";
import { PositionMap } from "../refi/positions";
import { type CsvRow, keysetBatches } from "./csv";
import { ARTICLE_BATCH, type ArticleMeta, bulkRows, byCoders, nextArticles } from "./csv-sql";

/*
 * The long table: one row per passage code of a public coding. `start` and `end` are Framescope's
 * offsets, in UTF-16 code units as JavaScript counts (end exclusive); `start_cp` and `end_cp` are
 * the same span in Unicode code points, as R (substr) and Python (str slicing) count. They differ
 * only after a character beyond the Basic Multilingual Plane (an emoji, a rare Hanja).
 */

export const PASSAGE_COLUMNS = [
  "article_slug",
  "outlet",
  "genre",
  "date",
  "date_precision",
  "coder",
  "dimension",
  "code",
  "voice",
  "start",
  "end",
  "start_cp",
  "end_cp",
  "quote",
  "note",
] as const;

interface PassageRow {
  article_id: number;
  coder: string;
  dimension: string;
  code: string;
  voice: string;
  start: number;
  end: number;
  quote: string;
  note: string | null;
}

/**
 * The passage codes of the filter's public codings, by the coders (all when none), in batches of
 * `batch` articles.
 */
export function passageRows(
  filters: Filters,
  coders: readonly string[],
  batch = ARTICLE_BATCH,
): AsyncGenerator<CsvRow[]> {
  return keysetBatches(async (after) => {
    const articles = await nextArticles(filters, coders, after, {
      coded: "passages",
      body: true,
      limit: batch,
    });
    if (!articles.length) return { rows: [], last: null };
    const passages = await bulkRows<PassageRow>(Prisma.sql`
      SELECT pc.article_id, cd.key AS coder, d.key AS dimension, c.key AS code,
             pc.voice::text AS voice, pc.start, pc."end", pc.quote, pc.note
      FROM passage_code pc
        JOIN code c ON c.id = pc.code_id
        JOIN dimension d ON d.id = c.dimension_id
        JOIN coder cd ON cd.id = pc.coder_id
      WHERE pc.article_id = ANY(${articles.map((a) => a.id)}::int[]) AND ${byCoders("pc", coders)}
      ORDER BY pc.article_id, cd.key COLLATE "C", pc.start, pc."end", d."order", c."order", pc.id`);
    return { rows: toRows(articles, passages), last: articles[articles.length - 1].id };
  });
}

function toRows(articles: ArticleMeta[], passages: PassageRow[]): CsvRow[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const positions = new Map<number, PositionMap | null>();
  const positionsOf = (a: ArticleMeta) => {
    if (!positions.has(a.id)) positions.set(a.id, a.body === null ? null : new PositionMap(a.body));
    return positions.get(a.id) ?? null;
  };
  return passages.map((p) => {
    const a = byId.get(p.article_id) as ArticleMeta;
    const map = positionsOf(a);
    return {
      article_slug: a.slug,
      outlet: a.outlet,
      genre: a.genre,
      date: a.date,
      date_precision: a.date_precision,
      coder: p.coder,
      dimension: p.dimension,
      code: p.code,
      voice: p.voice,
      start: p.start,
      end: p.end,
      start_cp: map ? map.toCodePoint(p.start) : p.start,
      end_cp: map ? map.toCodePoint(p.end) : p.end,
      quote: p.quote,
      note: p.note,
    };
  });
}
