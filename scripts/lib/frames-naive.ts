import "server-only";
import { getDb } from "../../app/lib/db";
import { Prisma } from "../../app/generated/prisma/client";
import type { Filters, Unit } from "../../app/lib/filters";
import { assembleFrameCounts, type FrameCounts } from "../../app/lib/queries/frame-counts";
import { articleScope } from "../../app/lib/queries/scope";

/**
 * The straightforward way (joins over every passage and article code), kept as
 * the reference the rollup-based getFrameCounts must equal, and for benchmarks.
 *
 * How often each code of a dimension occurs per outlet, for the articles a
 * filter covers and one coder. With unit "passages" each coded passage counts
 * and shares sum to 1 per outlet. With unit "articles" a code counts once per
 * article that has it (at least one passage, or the article-level code for
 * weapons and tone_gov); shares are of the outlet's articles and may sum to
 * more than 1 for many-valued dimensions. Only public codings count
 * (article.codings_public), and an outlet's n of articles is its public articles
 * with at least one article-level code by the coder.
 */
export async function getFrameCountsNaive(
  filters: Filters,
  dimension: string,
  unit: Unit = filters.unit,
): Promise<FrameCounts> {
  const db = getDb();
  const scope = articleScope(filters);
  const [dim, perOutlet, passageCounts, articleCodeCounts] = await Promise.all([
    db.dimension.findUnique({
      where: { key: dimension },
      select: { scope: true, codes: { select: { key: true }, orderBy: { order: "asc" } } },
    }),
    db.$queryRaw<{ outlet: string; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, count(*) AS articles
      FROM article a JOIN outlet o ON o.id = a.outlet_id
      WHERE ${scope} AND a.codings_public AND EXISTS (
        SELECT 1 FROM article_code ac JOIN coder k ON k.id = ac.coder_id
        WHERE ac.article_id = a.id AND k.key = ${filters.coder})
      GROUP BY o.slug`),
    db.$queryRaw<{ outlet: string; code: string; passages: bigint; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, c.key AS code,
             count(*) AS passages, count(DISTINCT pc.article_id) AS articles
      FROM passage_code pc
      JOIN article a ON a.id = pc.article_id
      JOIN outlet o ON o.id = a.outlet_id
      JOIN code c ON c.id = pc.code_id
      JOIN dimension d ON d.id = c.dimension_id
      JOIN coder k ON k.id = pc.coder_id
      WHERE ${scope} AND a.codings_public AND d.key = ${dimension} AND k.key = ${filters.coder}
      GROUP BY o.slug, c.key`),
    db.$queryRaw<{ outlet: string; code: string; articles: bigint }[]>(Prisma.sql`
      SELECT o.slug AS outlet, c.key AS code, count(*) AS articles
      FROM article_code ac
      JOIN article a ON a.id = ac.article_id
      JOIN outlet o ON o.id = a.outlet_id
      JOIN code c ON c.id = ac.code_id
      JOIN dimension d ON d.id = ac.dimension_id
      JOIN coder k ON k.id = ac.coder_id
      WHERE ${scope} AND a.codings_public AND d.key = ${dimension} AND k.key = ${filters.coder}
      GROUP BY o.slug, c.key`),
  ]);
  if (!dim) throw new Error(`unknown dimension ${dimension}`);
  return assembleFrameCounts({
    dimension,
    unit,
    coder: filters.coder,
    codes: dim.codes.map((c) => c.key),
    articleLevel: dim.scope === "article",
    perOutlet: perOutlet.map((r) => ({ outlet: r.outlet, articles: Number(r.articles) })),
    passageCounts: passageCounts.map((r) => ({
      outlet: r.outlet,
      code: r.code,
      passages: Number(r.passages),
      articles: Number(r.articles),
    })),
    articleCodeCounts: articleCodeCounts.map((r) => ({
      outlet: r.outlet,
      code: r.code,
      articles: Number(r.articles),
    })),
  });
}
