import { Prisma } from "../../generated/prisma/client";
import { isoDateToUtc } from "../dates";
import type { Filters } from "../filters";

/** The WHERE clause selecting the articles a filter covers; expects `article a` joined to `outlet o`. */
export function articleScope(filters: Filters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.outlets.length) conditions.push(Prisma.sql`o.slug IN (${Prisma.join(filters.outlets)})`);
  if (filters.genres.length) conditions.push(Prisma.sql`a.genre::text IN (${Prisma.join(filters.genres)})`);
  if (filters.from) conditions.push(Prisma.sql`a.published_at >= ${isoDateToUtc(filters.from)}::date`);
  if (filters.to) conditions.push(Prisma.sql`a.published_at <= ${isoDateToUtc(filters.to)}::date`);
  return Prisma.join(conditions, " AND ");
}
