import "server-only";
import { getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";
import { isoDateToUtc } from "../dates";
import type { Filters, Unit } from "../filters";
import { planPeriods } from "../periods";
import { assembleFrameCounts, type FrameCounts } from "./frame-counts";

export type { FrameCounts, FrameRow } from "./frame-counts";

/** The rollup rows a filter covers: whole months from the monthly table, edge days from the daily one. */
function periodSelects(filters: Filters, table: "frame" | "article", extra: Prisma.Sql): Prisma.Sql[] {
  const plan = planPeriods(filters.from, filters.to);
  const common: Prisma.Sql[] = [extra];
  if (filters.outlets.length) common.push(Prisma.sql`r.outlet_id IN (SELECT id FROM outlet WHERE slug IN (${Prisma.join(filters.outlets)}))`);
  if (filters.genres.length) common.push(Prisma.sql`r.genre::text IN (${Prisma.join(filters.genres)})`);
  const columns = table === "frame" ? Prisma.sql`r.outlet_id, r.code_id, r.passages, r.passage_articles, r.article_codes` : Prisma.sql`r.outlet_id, r.articles`;
  const selects: Prisma.Sql[] = [];
  if (plan.months) {
    const range: Prisma.Sql[] = [];
    if (plan.months.from) range.push(Prisma.sql`r.month >= ${isoDateToUtc(plan.months.from)}::date`);
    if (plan.months.toExclusive) range.push(Prisma.sql`r.month < ${isoDateToUtc(plan.months.toExclusive)}::date`);
    const monthTable = table === "frame" ? Prisma.sql`frame_rollup_month` : Prisma.sql`article_rollup_month`;
    selects.push(Prisma.sql`SELECT ${columns} FROM ${monthTable} r WHERE ${Prisma.join([...common, ...range], " AND ")}`);
  }
  const dayTable = table === "frame" ? Prisma.sql`frame_rollup_day` : Prisma.sql`article_rollup_day`;
  for (const d of plan.days) {
    selects.push(
      Prisma.sql`SELECT ${columns} FROM ${dayTable} r WHERE ${Prisma.join([...common, Prisma.sql`r.day BETWEEN ${isoDateToUtc(d.from)}::date AND ${isoDateToUtc(d.to)}::date`], " AND ")}`,
    );
  }
  return selects;
}

/**
 * How often each code of a dimension occurs per outlet, for the articles a
 * filter covers and one coder, read from the rollup tables. With unit
 * "passages" each coded passage counts and shares sum to 1 per outlet. With
 * unit "articles" a code counts once per article that has it (at least one
 * passage, or the article-level code for weapons and tone_gov); shares are of
 * the outlet's articles and may sum to more than 1 for many-valued dimensions.
 * Equal to getFrameCountsNaive (tested on the seed corpus and a synthetic one).
 */
export async function getFrameCounts(filters: Filters, dimension: string, unit: Unit = filters.unit): Promise<FrameCounts> {
  const db = getDb();
  const dim = await db.dimension.findUnique({ where: { key: dimension }, select: { scope: true, codes: { select: { id: true, key: true }, orderBy: { order: "asc" } } } });
  if (!dim) throw new Error(`unknown dimension ${dimension}`);
  const codeIds = dim.codes.map((c) => c.id);
  const frameSelects = periodSelects(
    filters,
    "frame",
    Prisma.sql`r.coder_id = (SELECT id FROM coder WHERE key = ${filters.coder}) AND r.code_id IN (${Prisma.join(codeIds)})`,
  );
  const articleSelects = periodSelects(filters, "article", Prisma.sql`TRUE`);

  const [perOutlet, counts] = await Promise.all([
    db.$queryRaw<{ outlet: string; articles: number }[]>(Prisma.sql`
      SELECT o.slug AS outlet, sum(t.articles)::int AS articles
      FROM (${Prisma.join(articleSelects, " UNION ALL ")}) t JOIN outlet o ON o.id = t.outlet_id
      GROUP BY o.slug`),
    db.$queryRaw<{ outlet: string; code_id: number; passages: number; passage_articles: number; article_codes: number }[]>(Prisma.sql`
      SELECT o.slug AS outlet, t.code_id, sum(t.passages)::int AS passages, sum(t.passage_articles)::int AS passage_articles, sum(t.article_codes)::int AS article_codes
      FROM (${Prisma.join(frameSelects, " UNION ALL ")}) t JOIN outlet o ON o.id = t.outlet_id
      GROUP BY o.slug, t.code_id`),
  ]);
  const codeKey = new Map(dim.codes.map((c) => [c.id, c.key]));
  return assembleFrameCounts({
    dimension,
    unit,
    coder: filters.coder,
    codes: dim.codes.map((c) => c.key),
    articleLevel: dim.scope === "article",
    perOutlet,
    passageCounts: counts.filter((r) => r.passages > 0).map((r) => ({ outlet: r.outlet, code: codeKey.get(r.code_id)!, passages: r.passages, articles: r.passage_articles })),
    articleCodeCounts: counts.filter((r) => r.article_codes > 0).map((r) => ({ outlet: r.outlet, code: codeKey.get(r.code_id)!, articles: r.article_codes })),
  });
}
