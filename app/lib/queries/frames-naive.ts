import "server-only";
import { getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";
import type { Filters, Unit } from "../filters";
import { articleScope } from "./scope";

export interface FrameRow {
  outlet: string;
  code: string;
  count: number;
  /** count / n.passages (unit passages) or count / n.articles (unit articles); null when that n is 0. */
  share: number | null;
}

export interface FrameCounts {
  dimension: string;
  unit: Unit;
  coder: string;
  rows: FrameRow[];
  n: Record<string, { articles: number; passages: number }>;
}

/**
 * How often each code of a dimension occurs per outlet, for the articles a
 * filter covers and one coder. With unit "passages" each coded passage counts
 * and shares sum to 1 per outlet. With unit "articles" a code counts once per
 * article that has it (at least one passage, or the article-level code for
 * weapons and tone_gov); shares are of the outlet's articles and may sum to
 * more than 1 for many-valued dimensions.
 */
export async function getFrameCounts(filters: Filters, dimension: string, unit: Unit = filters.unit): Promise<FrameCounts> {
  const db = getDb();
  const scope = articleScope(filters);
  const [dim, perOutlet, passageCounts, articleCodeCounts] = await Promise.all([
    db.dimension.findUnique({ where: { key: dimension }, select: { scope: true, codes: { select: { key: true }, orderBy: { order: "asc" } } } }),
    db.$queryRaw<{ outlet: string; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, count(*) AS articles
      FROM article a JOIN outlet o ON o.id = a.outlet_id
      WHERE ${scope}
      GROUP BY o.slug`),
    db.$queryRaw<{ outlet: string; code: string; passages: bigint; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, c.key AS code, count(*) AS passages, count(DISTINCT pc.article_id) AS articles
      FROM passage_code pc
      JOIN article a ON a.id = pc.article_id
      JOIN outlet o ON o.id = a.outlet_id
      JOIN code c ON c.id = pc.code_id
      JOIN dimension d ON d.id = c.dimension_id
      JOIN coder k ON k.id = pc.coder_id
      WHERE ${scope} AND d.key = ${dimension} AND k.key = ${filters.coder}
      GROUP BY o.slug, c.key`),
    db.$queryRaw<{ outlet: string; code: string; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, c.key AS code, count(*) AS articles
      FROM article_code ac
      JOIN article a ON a.id = ac.article_id
      JOIN outlet o ON o.id = a.outlet_id
      JOIN code c ON c.id = ac.code_id
      JOIN dimension d ON d.id = ac.dimension_id
      JOIN coder k ON k.id = ac.coder_id
      WHERE ${scope} AND d.key = ${dimension} AND k.key = ${filters.coder}
      GROUP BY o.slug, c.key`),
  ]);
  if (!dim) throw new Error(`unknown dimension ${dimension}`);

  const n: FrameCounts["n"] = {};
  for (const o of [...perOutlet].sort((x, y) => x.outlet.localeCompare(y.outlet))) n[o.outlet] = { articles: Number(o.articles), passages: 0 };
  const key = (outlet: string, code: string) => `${outlet}\0${code}`;
  const passages = new Map(passageCounts.map((r) => [key(r.outlet, r.code), Number(r.passages)]));
  const articlesWith = new Map(
    (dim.scope === "article" ? articleCodeCounts : passageCounts).map((r) => [key(r.outlet, r.code), Number(r.articles)]),
  );
  for (const r of passageCounts) if (n[r.outlet]) n[r.outlet].passages += Number(r.passages);

  const rows: FrameRow[] = [];
  for (const [outlet, totals] of Object.entries(n)) {
    for (const { key: code } of dim.codes) {
      const count = (unit === "passages" ? passages : articlesWith).get(key(outlet, code)) ?? 0;
      const denominator = unit === "passages" ? totals.passages : totals.articles;
      rows.push({ outlet, code, count, share: denominator ? count / denominator : null });
    }
  }
  return { dimension, unit, coder: filters.coder, rows, n };
}
