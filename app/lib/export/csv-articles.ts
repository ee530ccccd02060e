import "server-only";
import { Prisma } from "../../generated/prisma/client";
import type { Filters } from "../filters";
import type { CodebookDimension } from "../queries/codebook";
import { type CsvRow, type CsvValue, keysetBatches } from "./csv";
import { variableName } from "./csv-names";
import { ARTICLE_BATCH, type ArticleMeta, bulkRows, byCoders, nextArticles } from "./csv-sql";

/*
 * The wide table: one row per article and coder who coded it (publicly), with the article-level
 * codes (and the numeric value of an ordinal one), the coder's passage count, and one 0/1 column
 * per code of each many-valued (passage) dimension: 1 when at least one of the coder's passages
 * in that article carries it. The columns come from the codebook.
 */

const META_COLUMNS = [
  "article_slug",
  "outlet",
  "genre",
  "date",
  "date_precision",
  "language",
  "coder",
] as const;

/** A codebook-derived column: what it holds and its (Stata-safe) name. */
export type CodeColumn =
  | { name: string; kind: "code"; dimension: string }
  | { name: string; kind: "value"; dimension: string }
  | { name: string; kind: "present"; dimension: string; code: string };

export interface ArticleTable {
  columns: string[];
  codeColumns: CodeColumn[];
}

/**
 * The wide table's columns for a codebook: metadata, then per article-level dimension its code
 * (and `<dimension>_value` when ordinal), `passages`, then `<dimension>_<code>` for every code of
 * every passage dimension, in codebook order.
 */
export function articleTable(codebook: readonly CodebookDimension[]): ArticleTable {
  const taken = new Set<string>([...META_COLUMNS, "passages"]);
  const codeColumns: CodeColumn[] = [];
  for (const d of codebook.filter((x) => x.scope === "article")) {
    codeColumns.push({ name: variableName([d.key], taken), kind: "code", dimension: d.key });
    if (d.ordinal)
      codeColumns.push({
        name: variableName([d.key, "value"], taken),
        kind: "value",
        dimension: d.key,
      });
  }
  const before = codeColumns.length;
  for (const d of codebook.filter((x) => x.scope === "passage"))
    for (const c of d.codes)
      codeColumns.push({
        name: variableName([d.key, c.key], taken),
        kind: "present",
        dimension: d.key,
        code: c.key,
      });
  const names = codeColumns.map((c) => c.name);
  return {
    columns: [...META_COLUMNS, ...names.slice(0, before), "passages", ...names.slice(before)],
    codeColumns,
  };
}

interface CodeRow {
  article_id: number;
  coder: string;
  dimension: string;
  code: string;
}

/**
 * The wide table's rows for the filter's public codings, by the coders (all when none), in
 * batches of `batch` articles.
 */
export function articleRows(
  filters: Filters,
  coders: readonly string[],
  codebook: readonly CodebookDimension[],
  batch = ARTICLE_BATCH,
): AsyncGenerator<CsvRow[]> {
  const table = articleTable(codebook);
  return keysetBatches(async (after) => {
    const articles = await nextArticles(filters, coders, after, {
      coded: "any",
      body: false,
      limit: batch,
    });
    if (!articles.length) return { rows: [], last: null };
    const ids = articles.map((a) => a.id);
    const [articleCodes, passageCodes] = await Promise.all([
      bulkRows<CodeRow>(Prisma.sql`
        SELECT ac.article_id, cd.key AS coder, d.key AS dimension, c.key AS code
        FROM article_code ac
          JOIN code c ON c.id = ac.code_id
          JOIN dimension d ON d.id = ac.dimension_id
          JOIN coder cd ON cd.id = ac.coder_id
        WHERE ac.article_id = ANY(${ids}::int[]) AND ${byCoders("ac", coders)}`),
      bulkRows<CodeRow & { n: number }>(Prisma.sql`
        SELECT pc.article_id, cd.key AS coder, d.key AS dimension, c.key AS code, count(*)::int AS n
        FROM passage_code pc
          JOIN code c ON c.id = pc.code_id
          JOIN dimension d ON d.id = c.dimension_id
          JOIN coder cd ON cd.id = pc.coder_id
        WHERE pc.article_id = ANY(${ids}::int[]) AND ${byCoders("pc", coders)}
        GROUP BY pc.article_id, cd.key, d.key, c.key`),
    ]);
    return {
      rows: toRows(articles, articleCodes, passageCodes, table, codebook),
      last: ids[ids.length - 1],
    };
  });
}

/** What one coder coded in one article. */
interface Coding {
  articleCodes: Map<string, string>;
  passages: number;
  present: Set<string>;
}

function toRows(
  articles: ArticleMeta[],
  articleCodes: CodeRow[],
  passageCodes: (CodeRow & { n: number })[],
  table: ArticleTable,
  codebook: readonly CodebookDimension[],
): CsvRow[] {
  const codings = new Map<number, Map<string, Coding>>();
  const codingOf = (articleId: number, coder: string): Coding => {
    const byCoder = codings.get(articleId) ?? new Map<string, Coding>();
    codings.set(articleId, byCoder);
    const coding = byCoder.get(coder) ?? {
      articleCodes: new Map(),
      passages: 0,
      present: new Set(),
    };
    byCoder.set(coder, coding);
    return coding;
  };
  for (const r of articleCodes)
    codingOf(r.article_id, r.coder).articleCodes.set(r.dimension, r.code);
  for (const r of passageCodes) {
    const coding = codingOf(r.article_id, r.coder);
    coding.passages += r.n;
    coding.present.add(`${r.dimension}\u0000${r.code}`);
  }
  const codeValues = new Map(
    codebook.flatMap((d) => d.codes.map((c) => [`${d.key}\u0000${c.key}`, c.value] as const)),
  );
  const rows: CsvRow[] = [];
  for (const a of articles) {
    const byCoder = codings.get(a.id);
    if (!byCoder) continue;
    for (const coder of [...byCoder.keys()].sort()) {
      const coding = byCoder.get(coder) as Coding;
      const row: CsvRow = {
        article_slug: a.slug,
        outlet: a.outlet,
        genre: a.genre,
        date: a.date,
        date_precision: a.date_precision,
        language: a.language,
        coder,
        passages: coding.passages,
      };
      for (const col of table.codeColumns) row[col.name] = cell(col, coding, codeValues);
      rows.push(row);
    }
  }
  return rows;
}

function cell(col: CodeColumn, coding: Coding, codeValues: Map<string, number | null>): CsvValue {
  if (col.kind === "present")
    return coding.present.has(`${col.dimension}\u0000${col.code}`) ? 1 : 0;
  const code = coding.articleCodes.get(col.dimension) ?? null;
  if (col.kind === "code") return code;
  return code === null ? null : (codeValues.get(`${col.dimension}\u0000${code}`) ?? null);
}
