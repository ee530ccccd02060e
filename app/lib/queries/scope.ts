/*
 * The one place where Filters become SQL. Articles and the rollup tables
 * carry the same filterable columns (outlet, genre, a date), so both are
 * filtered by filterConditions; only the date column differs.
 */
import { Prisma } from "../../generated/prisma/client";
import { isoDateToUtc } from "../dates";
import type { Filters } from "../filters";

/** The columns a filter constrains, as SQL expressions of the caller's table alias. */
export interface FilterColumns {
  outletId: Prisma.Sql;
  genre: Prisma.Sql;
}

/** Inclusive and exclusive date bounds; null or absent means unbounded. */
export interface DateBounds {
  from?: string | null;
  to?: string | null;
  toExclusive?: string | null;
}

/** `column` within the bounds (dates as YYYY-MM-DD). */
export function dateConditions(column: Prisma.Sql, bounds: DateBounds): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (bounds.from) out.push(Prisma.sql`${column} >= ${isoDateToUtc(bounds.from)}::date`);
  if (bounds.to) out.push(Prisma.sql`${column} <= ${isoDateToUtc(bounds.to)}::date`);
  if (bounds.toExclusive)
    out.push(Prisma.sql`${column} < ${isoDateToUtc(bounds.toExclusive)}::date`);
  return out;
}

/** The outlet and genre conditions of a filter; dates are the caller's, through dateConditions. */
export function filterConditions(
  filters: Pick<Filters, "outlets" | "genres">,
  columns: FilterColumns,
): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (filters.outlets.length) {
    out.push(
      Prisma.sql`${columns.outletId} IN (SELECT id FROM outlet WHERE slug IN (${Prisma.join(filters.outlets)}))`,
    );
  }
  if (filters.genres.length)
    out.push(Prisma.sql`${columns.genre}::text IN (${Prisma.join(filters.genres)})`);
  return out;
}

/** Conditions joined with AND (TRUE when there are none). */
export function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const ARTICLE_COLUMNS: FilterColumns = {
  outletId: Prisma.sql`a.outlet_id`,
  genre: Prisma.sql`a.genre`,
};

/** The WHERE clause selecting the articles a filter covers, for `article a`. */
export function articleScope(filters: Filters): Prisma.Sql {
  return allOf([
    ...filterConditions(filters, ARTICLE_COLUMNS),
    ...dateConditions(Prisma.sql`a.published_at`, { from: filters.from, to: filters.to }),
  ]);
}
