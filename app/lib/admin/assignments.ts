import "server-only";
import { getDb } from "../db";

export const ASSIGNMENT_PAGE_SIZE = 40;

export interface MatrixCoder {
  key: string;
  /** An active account codes as this key, so new articles can be assigned to it. */
  assignable: boolean;
}

export interface MatrixArticle {
  slug: string;
  headline: string;
  outlet: string;
  publishedAt: Date;
  codingsPublic: boolean;
  /** Coder key → that coder's assignment of this article. */
  assignments: Record<string, { assignedAt: Date; doneAt: Date | null }>;
}

/**
 * Articles × coders for /admin/assignments: a page of articles, newest import first, with every
 * assignment of them; the columns are the coders with an account plus any other coder assigned
 * on this page (the seed coder, a deactivated account).
 */
export async function getAssignmentMatrix(page: number): Promise<{
  articles: MatrixArticle[];
  coders: MatrixCoder[];
  total: number;
}> {
  const db = getDb();
  const [rows, total, accounts] = await Promise.all([
    db.article.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ASSIGNMENT_PAGE_SIZE,
      take: ASSIGNMENT_PAGE_SIZE,
      select: {
        slug: true,
        headline: true,
        publishedAt: true,
        codingsPublic: true,
        outlet: { select: { name: true } },
        assignments: {
          select: { assignedAt: true, doneAt: true, coder: { select: { key: true } } },
        },
      },
    }),
    db.article.count(),
    db.user.findMany({
      where: { coderId: { not: null } },
      select: { banned: true, coder: { select: { key: true } } },
    }),
  ]);
  const coders = new Map<string, boolean>();
  for (const a of accounts) if (a.coder) coders.set(a.coder.key, !a.banned);
  for (const r of rows)
    for (const a of r.assignments) if (!coders.has(a.coder.key)) coders.set(a.coder.key, false);
  return {
    total,
    coders: [...coders]
      .map(([key, assignable]) => ({ key, assignable }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    articles: rows.map((r) => ({
      slug: r.slug,
      headline: r.headline,
      outlet: r.outlet.name,
      publishedAt: r.publishedAt,
      codingsPublic: r.codingsPublic,
      assignments: Object.fromEntries(
        r.assignments.map((a) => [a.coder.key, { assignedAt: a.assignedAt, doneAt: a.doneAt }]),
      ),
    })),
  };
}
