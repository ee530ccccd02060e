import "server-only";
import { readDb as getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";
import type { Filters, Unit } from "../filters";
import { planPeriods } from "../periods";
import { assembleFrameCounts, type FrameCounts } from "./frame-counts";
import { allOf, dateConditions, filterConditions } from "./scope";

export type { FrameCounts, FrameRow } from "./frame-counts";

const ROLLUP_COLUMNS = { outletId: Prisma.sql`r.outlet_id`, genre: Prisma.sql`r.genre` };
const ROLLUPS = {
  frame: {
    columns: Prisma.sql`r.outlet_id, r.code_id, r.passages, r.passage_articles, r.article_codes`,
    month: Prisma.sql`frame_rollup_month`,
    day: Prisma.sql`frame_rollup_day`,
  },
  /** Articles whose codings by the coder are public: the n under coder=X. */
  coderArticle: {
    columns: Prisma.sql`r.outlet_id, r.articles`,
    month: Prisma.sql`coder_article_rollup_month`,
    day: Prisma.sql`coder_article_rollup_day`,
  },
};

/** The rollup rows a filter covers: whole months from the monthly table, edge days from the daily one. */
function periodSelects(
  filters: Filters,
  table: keyof typeof ROLLUPS,
  extra: Prisma.Sql[] = [],
): Prisma.Sql[] {
  const plan = planPeriods(filters.from, filters.to);
  const { columns, month, day } = ROLLUPS[table];
  const common = [...extra, ...filterConditions(filters, ROLLUP_COLUMNS)];
  const select = (from: Prisma.Sql, dates: Prisma.Sql[]) =>
    Prisma.sql`SELECT ${columns} FROM ${from} r WHERE ${allOf([...common, ...dates])}`;
  const selects: Prisma.Sql[] = [];
  if (plan.months)
    selects.push(
      select(
        month,
        dateConditions(Prisma.sql`r.month`, {
          from: plan.months.from,
          toExclusive: plan.months.toExclusive,
        }),
      ),
    );
  for (const d of plan.days) selects.push(select(day, dateConditions(Prisma.sql`r.day`, d)));
  return selects;
}

/**
 * How often each code of a dimension occurs per outlet, for the articles a
 * filter covers and one coder, read from the rollup tables. With unit
 * "passages" each coded passage counts and shares sum to 1 per outlet. With
 * unit "articles" a code counts once per article that has it (at least one
 * passage, or the article-level code for weapons and tone_gov); shares are of
 * the outlet's articles and may sum to more than 1 for many-valued dimensions.
 * Only public codings count, and an outlet's n of articles is the articles the
 * coder has coded publicly (at least one article-level code), so articles
 * imported but not yet coded by the coder do not dilute the shares.
 * Equal to getFrameCountsNaive (tested on the seed corpus and a synthetic one).
 */
export async function getFrameCounts(
  filters: Filters,
  dimension: string,
  unit: Unit = filters.unit,
): Promise<FrameCounts> {
  const db = getDb();
  const dim = await db.dimension.findUnique({
    where: { key: dimension },
    select: { scope: true, codes: { select: { id: true, key: true }, orderBy: { order: "asc" } } },
  });
  if (!dim) throw new Error(`unknown dimension ${dimension}`);
  const codeIds = dim.codes.map((c) => c.id);
  const coderIs = Prisma.sql`r.coder_id = (SELECT id FROM coder WHERE key = ${filters.coder})`;
  const frameSelects = periodSelects(filters, "frame", [
    coderIs,
    Prisma.sql`r.code_id IN (${Prisma.join(codeIds)})`,
  ]);
  const articleSelects = periodSelects(filters, "coderArticle", [coderIs]);

  const [perOutlet, counts] = await Promise.all([
    db.$queryRaw<{ outlet: string; articles: number }[]>(Prisma.sql`
      SELECT o.slug AS outlet, sum(t.articles)::int AS articles
      FROM (${Prisma.join(articleSelects, " UNION ALL ")}) t JOIN outlet o ON o.id = t.outlet_id
      GROUP BY o.slug`),
    db.$queryRaw<
      {
        outlet: string;
        code_id: number;
        passages: number;
        passage_articles: number;
        article_codes: number;
      }[]
    >(Prisma.sql`
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
    passageCounts: counts
      .filter((r) => r.passages > 0)
      .map((r) => ({
        outlet: r.outlet,
        code: codeKey.get(r.code_id)!,
        passages: r.passages,
        articles: r.passage_articles,
      })),
    articleCodeCounts: counts
      .filter((r) => r.article_codes > 0)
      .map((r) => ({ outlet: r.outlet, code: codeKey.get(r.code_id)!, articles: r.article_codes })),
  });
}
