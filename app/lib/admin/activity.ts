import "server-only";
import { getDb } from "../db";
import { summarizeHistoryValue } from "./history-summary";

export const ACTIVITY_PAGE_SIZE = 50;

/** One coding write as /admin/activity lists it. */
export interface ActivityEntry {
  id: string;
  at: Date;
  /** Who made the write: the account's email, or null for one made without an account. */
  by: string | null;
  coder: string;
  action: string;
  article: { slug: string; headline: string };
  passageId: number | null;
  before: string;
  after: string;
  version: number;
}

/**
 * The most recent coding_history rows, newest first, read straight from the table: a page of
 * `ACTIVITY_PAGE_SIZE` older than `before` (an entry id), and the id to ask for the next page.
 */
export async function getRecentActivity(
  before?: bigint,
): Promise<{ entries: ActivityEntry[]; next: string | null }> {
  const rows = await getDb().codingHistory.findMany({
    where: before === undefined ? undefined : { id: { lt: before } },
    orderBy: { id: "desc" },
    take: ACTIVITY_PAGE_SIZE + 1,
    include: {
      user: { select: { email: true } },
      coder: { select: { key: true } },
      article: { select: { slug: true, headline: true } },
    },
  });
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      by: r.user?.email ?? null,
      coder: r.coder.key,
      action: r.action,
      article: r.article,
      passageId: r.passageId,
      before: summarizeHistoryValue(r.before),
      after: summarizeHistoryValue(r.after),
      version: r.version,
    })),
    next: rows.length > ACTIVITY_PAGE_SIZE ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
