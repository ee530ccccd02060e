import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { getDb } from "../db";
import { isPossibleSlug } from "../params";
import type { ParamIssue } from "../query-params";

/*
 * The steps every coding write takes, in this order, inside one transaction: lock the article row
 * (so writes to one article, and the flips of its codings_public, happen one after another),
 * check the actor may write, validate, check the base version, apply, bump the version, append
 * history, move the rollups.
 */

export type Tx = Prisma.TransactionClient;

/** The article a write holds locked until its transaction ends. */
export interface LockedArticle {
  id: number;
  slug: string;
  codingsPublic: boolean;
  /** A digest of the codebook's dimensions and codes as the lock saw them (see loadCodebook). */
  codebookStamp: string;
}

/** The article with its body, for writes that check offsets and cut quotes. */
export interface LockedArticleWithBody extends LockedArticle {
  body: string;
}

export interface AssignmentState {
  version: number;
  doneAt: Date | null;
  assignedAt: Date;
}

const RETRIES = 3;

/**
 * Runs a write in one transaction; a deadlock or write conflict (two writes touching the same
 * rollup rows in different orders) is retried, since the whole transaction rolled back.
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
    } catch (err) {
      if (attempt >= RETRIES || !isRetryable(err)) throw err;
    }
  }
}

function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return (
    e?.code === "P2034" ||
    e?.cause?.code === "40P01" ||
    e?.cause?.code === "40001" ||
    /deadlock detected|could not serialize/.test(String(e?.message ?? ""))
  );
}

/** Locks an article by slug (SELECT … FOR UPDATE); 404 when there is none. */
export async function lockArticleBySlug(tx: Tx, slug: string): Promise<LockedArticle>;
export async function lockArticleBySlug(
  tx: Tx,
  slug: string,
  withBody: true,
): Promise<LockedArticleWithBody>;
export async function lockArticleBySlug(
  tx: Tx,
  slug: string,
  withBody = false,
): Promise<LockedArticle | LockedArticleWithBody> {
  if (!isPossibleSlug(slug)) throw noArticle(slug);
  const rows = await lockArticles(tx, Prisma.sql`slug = ${slug}`, withBody);
  if (!rows.length) throw noArticle(slug);
  return fromLockRow(rows[0], withBody);
}

/** 404 for a slug, shown back short and without control characters. */
export function noArticle(slug: string): ApiError {
  const shown = slug.slice(0, 80).replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
  return new ApiError(404, `no article with slug ${JSON.stringify(shown)}`);
}

/** Locks an article by id (the article of a passage or a history entry). */
export async function lockArticleById(
  tx: Tx,
  id: number,
  withBody: boolean,
): Promise<LockedArticle | LockedArticleWithBody> {
  const rows = await lockArticles(tx, Prisma.sql`id = ${id}`, withBody);
  if (!rows.length) throw new ApiError(404, "no such article");
  return fromLockRow(rows[0], withBody);
}

/**
 * Locks the article of a passage, found through the passage in the same statement (one round trip
 * instead of a lookup and a lock); null when there is no such passage. The passage's article never
 * changes, so the lookup needs no lock of its own; its row is read again under this one.
 */
export async function lockArticleOfPassage(
  tx: Tx,
  passageId: number,
): Promise<LockedArticleWithBody | null> {
  const rows = await lockArticles(
    tx,
    Prisma.sql`id = (SELECT article_id FROM "passage_code" WHERE id = ${passageId})`,
    true,
  );
  return rows.length ? (fromLockRow(rows[0], true) as LockedArticleWithBody) : null;
}

/**
 * The articles `where` selects, locked (SELECT … FOR UPDATE) with a digest of the codebook as the
 * lock saw it, and the body when the write needs it: one round trip, not two.
 */
function lockArticles(tx: Tx, where: Prisma.Sql, withBody: boolean): Promise<LockRow[]> {
  return tx.$queryRaw<LockRow[]>`
    SELECT id, slug, codings_public, CASE WHEN ${withBody} THEN body END AS body,
      (SELECT md5(string_agg(d.id || ':' || d.key || ':' || d.scope || ':' || c.id || ':' || c.key, ',' ORDER BY c.id))
       FROM "code" c JOIN "dimension" d ON d.id = c.dimension_id) AS codebook_stamp
    FROM "article" WHERE ${where} FOR UPDATE`;
}

interface LockRow {
  id: number;
  slug: string;
  codings_public: boolean;
  body: string | null;
  codebook_stamp: string | null;
}

function fromLockRow(row: LockRow, withBody: boolean): LockedArticle | LockedArticleWithBody {
  const article = {
    id: row.id,
    slug: row.slug,
    codingsPublic: row.codings_public,
    codebookStamp: row.codebook_stamp ?? "",
  };
  return withBody ? { ...article, body: row.body ?? "" } : article;
}

/** The coder an actor writes as: their own, always (admins code under their own key too). */
export function writerCoder(actor: Actor): number {
  if (actor.coderId === null)
    throw new ApiError(403, "your account has no coder key, so it cannot code; ask an admin");
  return actor.coderId;
}

/** The actor's assignment to the article; 403 when they are not assigned to it. */
export async function requireAssignment(
  tx: Tx,
  article: LockedArticle,
  coderId: number,
): Promise<AssignmentState> {
  const assignment = await tx.assignment.findUnique({
    where: { articleId_coderId: { articleId: article.id, coderId } },
    select: { version: true, doneAt: true, assignedAt: true },
  });
  if (!assignment) throw notAssigned(article);
  return assignment;
}

/** 403: the actor's coder is not assigned to the article. */
export function notAssigned(article: LockedArticle): ApiError {
  return new ApiError(
    403,
    `you are not assigned to ${article.slug}; take it or ask an admin to assign it`,
  );
}

/** 400 naming each field, when there is any issue. */
export function rejectIssues(issues: ParamIssue[]): void {
  if (!issues.length) return;
  const names = [...new Set(issues.map((i) => i.param))].join(", ");
  throw new ApiError(400, `invalid field${issues.length > 1 ? "s" : ""}: ${names}`, issues);
}

/** 409 `{ error, version }` when the write was based on another version than the current one. */
export function checkVersion(assignment: AssignmentState, base: number | undefined): void {
  if (base === undefined || base === assignment.version) return;
  throw new ApiError(
    409,
    `this coding changed since version ${base} (it is at version ${assignment.version}); ` +
      "reload it and try again",
    undefined,
    { version: assignment.version },
  );
}

/**
 * Raises the coding's version by one and appends the write's history row, in one statement;
 * returns the new version and the history row's id.
 */
export async function recordWrite(
  tx: Tx,
  entry: Omit<Parameters<typeof appendHistory>[1], "version">,
): Promise<{ version: number; historyId: number }> {
  const [row] = await tx.$queryRaw<{ id: bigint; version: number }[]>`
    WITH v AS (
      UPDATE "assignment" SET version = version + 1
      WHERE article_id = ${entry.articleId} AND coder_id = ${entry.coderId}
      RETURNING version)
    INSERT INTO "coding_history" (user_id, coder_id, article_id, action, passage_id, before, after, version)
    SELECT ${entry.userId}, ${entry.coderId}, ${entry.articleId}, ${entry.action},
           ${entry.passageId ?? null}::int, ${jsonText(entry.before)}::jsonb, ${jsonText(entry.after)}::jsonb, v.version
    FROM v
    RETURNING id, version`;
  if (!row) throw new Error("recordWrite: the coding has no assignment");
  return { version: row.version, historyId: Number(row.id) };
}

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export type HistoryAction =
  | "passage.add"
  | "passage.update"
  | "passage.delete"
  | "passage.restore"
  | "article_codes.set"
  | "done"
  | "reopen"
  | "assign"
  | "unassign"
  | "import";

/** Appends one history row (the table refuses updates and deletes); returns its id. */
export async function appendHistory(
  tx: Tx,
  entry: {
    userId: string;
    coderId: number;
    articleId: number;
    action: HistoryAction;
    passageId?: number | null;
    before?: unknown;
    after?: unknown;
    version: number;
  },
): Promise<number> {
  const row = await tx.codingHistory.create({
    data: {
      userId: entry.userId,
      coderId: entry.coderId,
      articleId: entry.articleId,
      action: entry.action,
      passageId: entry.passageId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      version: entry.version,
    },
    select: { id: true },
  });
  return Number(row.id);
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
