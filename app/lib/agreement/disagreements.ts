import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { ApiError } from "../api";
import { getDb } from "../db";
import type { Filters } from "../filters";
import { isPossibleSlug } from "../params";
import { articleScope } from "../queries/scope";

/*
 * Where two coders disagree on one article. Only public codings of coders who completed the
 * article take part (the article's codings are public and the coder has set its article-level
 * codes), as in agreement itself. Within one passage dimension, the passages of A and B that
 * overlap (transitively) form a cluster; a cluster in which both coders coded the same set of
 * (start, end, code) is agreed, any other is a disagreement item. The article-level dimensions
 * (weapons, tone_gov) disagree when the codes differ.
 */

/** What one coder coded inside an item. */
export interface SideCode {
  code: string;
  label: string;
  colour: string;
  start?: number;
  end?: number;
  quote?: string;
  note?: string | null;
  voice?: string;
}

export interface DisagreementItem {
  /** Stable within the article: "weapons", "tone_gov", or "<dimension>:<start>-<end>" (cluster extent). */
  key: string;
  dimension: string;
  /** Passage clusters: the extent. */
  start?: number;
  end?: number;
  /** What each coder coded there (may be empty). */
  a: SideCode[];
  b: SideCode[];
}

export interface ArticleDisagreements {
  article: { slug: string; headline: string; outlet: string };
  a: string;
  b: string;
  items: DisagreementItem[];
  /** Agreed clusters and agreed article-level dimensions. */
  agreed: number;
}

/** A coded passage or article code of one coder, as the comparison reads it. */
export interface CodedRow {
  dimension: string;
  code: string;
  label: string;
  colour: string;
  /** Passage rows only. */
  start?: number;
  end?: number;
  quote?: string;
  note: string | null;
  voice?: string;
}

/** The codebook's dimensions in order, with their scope. */
export interface DimensionInfo {
  key: string;
  scope: "passage" | "article";
}

/** Everything a comparison yields: the disagreement items and the agreed parts. */
export interface Comparison {
  items: DisagreementItem[];
  /** Agreed items (same shape; a and b carry the same codes). */
  agreed: DisagreementItem[];
}

const sideOf = (r: CodedRow): SideCode => {
  const side: SideCode = { code: r.code, label: r.label, colour: r.colour, note: r.note };
  if (r.start !== undefined) {
    side.start = r.start;
    side.end = r.end;
    side.quote = r.quote;
    side.voice = r.voice;
  }
  return side;
};

const spanKey = (r: { start?: number; end?: number; code: string }) =>
  `${r.start}-${r.end}-${r.code}`;

function sameSet(a: readonly CodedRow[], b: readonly CodedRow[]): boolean {
  const sa = new Set(a.map(spanKey));
  const sb = new Set(b.map(spanKey));
  if (sa.size !== sb.size) return false;
  for (const k of sa) if (!sb.has(k)) return false;
  return true;
}

const byPosition = (x: CodedRow, y: CodedRow) =>
  (x.start ?? 0) - (y.start ?? 0) || (x.end ?? 0) - (y.end ?? 0) || x.code.localeCompare(y.code);

/**
 * Compares two coders' codings of one article: pure, so tests and adjudication share it. Items
 * come in codebook order of dimensions; passage clusters by their start.
 */
export function compareCodings(
  dimensions: readonly DimensionInfo[],
  rowsA: readonly CodedRow[],
  rowsB: readonly CodedRow[],
): Comparison {
  const items: DisagreementItem[] = [];
  const agreed: DisagreementItem[] = [];
  for (const dim of dimensions) {
    const a = rowsA.filter((r) => r.dimension === dim.key);
    const b = rowsB.filter((r) => r.dimension === dim.key);
    if (dim.scope === "article") {
      if (a.length === 0 && b.length === 0) continue;
      const item: DisagreementItem = {
        key: dim.key,
        dimension: dim.key,
        a: a.map(sideOf),
        b: b.map(sideOf),
      };
      const same = a.length === b.length && a.every((r) => b.some((s) => s.code === r.code));
      (same ? agreed : items).push(item);
      continue;
    }
    const all = [
      ...a.map((row) => ({ row, side: "a" as const })),
      ...b.map((row) => ({ row, side: "b" as const })),
    ].sort((x, y) => byPosition(x.row, y.row));
    let i = 0;
    while (i < all.length) {
      const start = all[i].row.start ?? 0;
      let end = all[i].row.end ?? 0;
      let j = i + 1;
      while (j < all.length && (all[j].row.start ?? 0) < end) {
        end = Math.max(end, all[j].row.end ?? 0);
        j++;
      }
      const members = all.slice(i, j);
      const ca = members.filter((m) => m.side === "a").map((m) => m.row);
      const cb = members.filter((m) => m.side === "b").map((m) => m.row);
      const item: DisagreementItem = {
        key: `${dim.key}:${start}-${end}`,
        dimension: dim.key,
        start,
        end,
        a: ca.map(sideOf),
        b: cb.map(sideOf),
      };
      (sameSet(ca, cb) ? agreed : items).push(item);
      i = j;
    }
  }
  return { items, agreed };
}

// ---- Reading from the database ----

export interface CoderRow {
  id: number;
  key: string;
  kind: string;
}

/** Two distinct person coders by key; 400 naming `a`/`b` otherwise, 404 for an unknown key. */
export async function resolvePair(a: string, b: string): Promise<[CoderRow, CoderRow]> {
  if (a === b)
    throw new ApiError(400, "choose two different coders", [
      { param: "b", message: "must differ from a" },
    ]);
  const rows = await getDb().coder.findMany({
    where: { key: { in: [a, b] } },
    select: { id: true, key: true, kind: true },
  });
  const out: CoderRow[] = [];
  for (const [param, key] of [
    ["a", a],
    ["b", b],
  ] as const) {
    const row = rows.find((r) => r.key === key);
    if (!row)
      throw new ApiError(400, `unknown coder ${JSON.stringify(key)}`, [
        { param, message: "is not a known coder key" },
      ]);
    if (row.kind !== "person")
      throw new ApiError(400, `${key} is not a person coder`, [
        {
          param,
          message: "only person coders take part in agreement (not automatic coders or REF)",
        },
      ]);
    out.push(row);
  }
  return [out[0], out[1]];
}

/** A client or a transaction: the reads below run in either. */
export type Reader = Pick<PrismaClient, "$queryRaw" | "dimension">;

export async function loadDimensions(db: Reader = getDb()): Promise<DimensionInfo[]> {
  return db.dimension.findMany({
    orderBy: { order: "asc" },
    select: { key: true, scope: true },
  });
}

export interface RawRow {
  article_id: number;
  coder_id: number;
  dimension: string;
  code: string;
  label: string;
  colour: string;
  start: number | null;
  end: number | null;
  quote: string | null;
  note: string | null;
  voice: string | null;
}

/** Both coders' passages and article codes on the given articles. */
export async function readRows(
  articleIds: number[],
  coderIds: number[],
  db: Reader = getDb(),
): Promise<RawRow[]> {
  if (articleIds.length === 0) return [];
  return db.$queryRaw<RawRow[]>`
    SELECT p.article_id, p.coder_id, d.key AS dimension, c.key AS code, c.label, c.colour,
      p.start, p."end", p.quote, p.note, p.voice::text AS voice
    FROM passage_code p JOIN code c ON c.id = p.code_id JOIN dimension d ON d.id = c.dimension_id
    WHERE p.article_id IN (${Prisma.join(articleIds)}) AND p.coder_id IN (${Prisma.join(coderIds)})
    UNION ALL
    SELECT ac.article_id, ac.coder_id, d.key, c.key, c.label, c.colour,
      NULL, NULL, NULL, ac.note, NULL
    FROM article_code ac JOIN code c ON c.id = ac.code_id JOIN dimension d ON d.id = ac.dimension_id
    WHERE ac.article_id IN (${Prisma.join(articleIds)}) AND ac.coder_id IN (${Prisma.join(coderIds)})`;
}

export function toCoded(r: RawRow): CodedRow {
  const row: CodedRow = {
    dimension: r.dimension,
    code: r.code,
    label: r.label,
    colour: r.colour,
    note: r.note,
  };
  if (r.start !== null && r.end !== null) {
    row.start = r.start;
    row.end = r.end;
    row.quote = r.quote ?? "";
    row.voice = r.voice ?? undefined;
  }
  return row;
}

export interface ArticleHead {
  id: number;
  slug: string;
  headline: string;
  outlet: string;
  body: string;
  codingsPublic: boolean;
}

async function articleBySlug(slug: string): Promise<ArticleHead> {
  const notFound = new ApiError(404, `no article ${JSON.stringify(slug)}`);
  if (!isPossibleSlug(slug)) throw notFound;
  const row = await getDb().article.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      headline: true,
      body: true,
      codingsPublic: true,
      outlet: { select: { name: true } },
    },
  });
  if (!row) throw notFound;
  return { ...row, outlet: row.outlet.name };
}

/**
 * The comparison of A and B on one article, with the article and both coders' rows: 409 when
 * the article's codings are not public yet or a coder has not completed it.
 */
export async function compareArticle(
  slug: string,
  a: string,
  b: string,
): Promise<{
  article: ArticleHead;
  coders: [CoderRow, CoderRow];
  comparison: Comparison;
  dimensions: DimensionInfo[];
}> {
  const article = await articleBySlug(slug);
  const coders = await resolvePair(a, b);
  if (!article.codingsPublic)
    throw new ApiError(
      409,
      `the codings of ${slug} are not public yet: every coder assigned to it must mark it done ` +
        "before its disagreements can be compared or adjudicated",
    );
  const [dimensions, rows] = await Promise.all([
    loadDimensions(),
    readRows(
      [article.id],
      coders.map((c) => c.id),
    ),
  ]);
  for (const [param, coder] of [
    ["a", coders[0]],
    ["b", coders[1]],
  ] as const) {
    const completed = rows.some((r) => r.coder_id === coder.id && r.start === null);
    if (!completed)
      throw new ApiError(409, `${coder.key} has not completed ${slug}`, [
        { param, message: `${coder.key} has no article-level codes for this article` },
      ]);
  }
  const comparison = compareCodings(
    dimensions,
    rows.filter((r) => r.coder_id === coders[0].id).map(toCoded),
    rows.filter((r) => r.coder_id === coders[1].id).map(toCoded),
  );
  return { article, coders, comparison, dimensions };
}

/** The disagreements of coders A and B on one article (their public, completed codings). */
export async function getArticleDisagreements(
  slug: string,
  a: string,
  b: string,
): Promise<ArticleDisagreements> {
  const { article, coders, comparison } = await compareArticle(slug, a, b);
  return {
    article: { slug: article.slug, headline: article.headline, outlet: article.outlet },
    a: coders[0].key,
    b: coders[1].key,
    items: comparison.items,
    agreed: comparison.agreed.length,
  };
}

export const DISAGREEMENT_LIMIT = 50;

/**
 * The articles in scope on which A and B disagree (both completed it, its codings are public),
 * newest first: `total` counts them all, `articles` the first `limit`. An article has a
 * disagreement exactly when the two coders' sets of (code, start, end) or article codes differ,
 * which SQL finds without clustering.
 */
export async function getDisagreements(
  filters: Filters,
  a: string,
  b: string,
  options: { limit?: number } = {},
): Promise<{ total: number; articles: ArticleDisagreements[] }> {
  const [ca, cb] = await resolvePair(a, b);
  const limit = Math.max(0, Math.floor(options.limit ?? DISAGREEMENT_LIMIT));
  const rows = await getDb().$queryRaw<{ id: number; total: bigint }[]>`
    WITH paired AS (
      SELECT a.id, a.published_at, a.slug FROM article a
      WHERE ${articleScope(filters)} AND a.codings_public
        AND EXISTS (SELECT 1 FROM article_code x WHERE x.article_id = a.id AND x.coder_id = ${ca.id})
        AND EXISTS (SELECT 1 FROM article_code x WHERE x.article_id = a.id AND x.coder_id = ${cb.id})
    ), differing AS (
      SELECT p.id, p.published_at, p.slug FROM paired p
      WHERE EXISTS (
        (SELECT code_id, start, "end" FROM passage_code WHERE article_id = p.id AND coder_id = ${ca.id}
         EXCEPT SELECT code_id, start, "end" FROM passage_code WHERE article_id = p.id AND coder_id = ${cb.id})
        UNION ALL
        (SELECT code_id, start, "end" FROM passage_code WHERE article_id = p.id AND coder_id = ${cb.id}
         EXCEPT SELECT code_id, start, "end" FROM passage_code WHERE article_id = p.id AND coder_id = ${ca.id})
        UNION ALL
        (SELECT dimension_id, code_id, 0 FROM article_code WHERE article_id = p.id AND coder_id = ${ca.id}
         EXCEPT SELECT dimension_id, code_id, 0 FROM article_code WHERE article_id = p.id AND coder_id = ${cb.id})
        UNION ALL
        (SELECT dimension_id, code_id, 0 FROM article_code WHERE article_id = p.id AND coder_id = ${cb.id}
         EXCEPT SELECT dimension_id, code_id, 0 FROM article_code WHERE article_id = p.id AND coder_id = ${ca.id})
      )
    )
    SELECT id, count(*) OVER () AS total FROM differing
    ORDER BY published_at DESC, slug ASC
    LIMIT ${Math.max(limit, 1)}`;
  const total = Number(rows[0]?.total ?? 0);
  const ids = limit === 0 ? [] : rows.map((r) => r.id);
  if (ids.length === 0) return { total, articles: [] };
  const [dimensions, coded, heads] = await Promise.all([
    loadDimensions(),
    readRows(ids, [ca.id, cb.id]),
    getDb().article.findMany({
      where: { id: { in: ids } },
      select: { id: true, slug: true, headline: true, outlet: { select: { name: true } } },
    }),
  ]);
  const articles = ids.map((id): ArticleDisagreements => {
    const head = heads.find((h) => h.id === id);
    const mine = coded.filter((r) => r.article_id === id);
    const comparison = compareCodings(
      dimensions,
      mine.filter((r) => r.coder_id === ca.id).map(toCoded),
      mine.filter((r) => r.coder_id === cb.id).map(toCoded),
    );
    return {
      article: {
        slug: head?.slug ?? "",
        headline: head?.headline ?? "",
        outlet: head?.outlet.name ?? "",
      },
      a: ca.key,
      b: cb.key,
      items: comparison.items,
      agreed: comparison.agreed.length,
    };
  });
  return { total, articles };
}
