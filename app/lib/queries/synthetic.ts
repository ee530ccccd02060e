import "server-only";
import { cache } from "react";
import { readDb as getDb } from "../db";

/** Whether the database holds generated (synthetic) articles: the dashboard then says so on every page. */
export const hasSyntheticData = cache(async (): Promise<boolean> => {
  if (!process.env.DATABASE_URL) return false; // a page prerendered at build time: no database to ask
  const [row] = await getDb().$queryRaw<
    { present: boolean }[]
  >`SELECT EXISTS (SELECT 1 FROM article WHERE synthetic) AS present`;
  return row.present;
});
