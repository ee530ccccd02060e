import "server-only";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import type { ParamIssue } from "../query-params";
import { loadCodebook, resolvePassageCode, type WriteCodebook } from "./codebook";
import { withRollupDelta } from "./rollups";
import type { PassageInput, PassagePatch, Voice } from "./schemas";
import {
  type AssignmentState,
  recordWrite,
  checkVersion,
  inTransaction,
  type LockedArticleWithBody,
  lockArticleById,
  lockArticleBySlug,
  lockArticleOfPassage,
  notAssigned,
  rejectIssues,
  requireAssignment,
  type Tx,
  writerCoder,
} from "./transaction";

/** A coded passage as the API shows it. */
export interface PassageView {
  id: number;
  dimension: string;
  code: string;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: Voice;
}

interface PassageRow {
  id: number;
  articleId: number;
  coderId: number;
  codeId: number;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: Voice;
}

const PASSAGE_SELECT = {
  id: true,
  articleId: true,
  coderId: true,
  codeId: true,
  start: true,
  end: true,
  quote: true,
  note: true,
  voice: true,
} as const;

export function toPassageView(codebook: WriteCodebook, row: PassageRow): PassageView {
  const code = codebook.codesById.get(row.codeId);
  return {
    id: row.id,
    dimension: code?.dimension.key ?? "",
    code: code?.key ?? "",
    start: row.start,
    end: row.end,
    quote: row.quote,
    note: row.note,
    voice: row.voice,
  };
}

/** Issues of a span: offsets outside the body, or a start that is not before the end. */
function spanIssues(body: string, start: number, end: number): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const outside = `is outside the article's body (offsets 0 to ${body.length})`;
  if (start > body.length) issues.push({ param: "start", message: outside });
  if (end > body.length) issues.push({ param: "end", message: outside });
  if (start >= end) issues.push({ param: "end", message: `must be greater than start (${start})` });
  return issues;
}

/** The passage's code id, after every field is checked (400 naming each bad one). */
function validatePassage(
  codebook: WriteCodebook,
  body: string,
  p: { dimension: string; code: string; start: number; end: number },
): number {
  const resolved = resolvePassageCode(codebook, p.dimension, p.code);
  const issues = [
    ...("issues" in resolved ? resolved.issues : []),
    ...spanIssues(body, p.start, p.end),
  ];
  rejectIssues(issues);
  return (resolved as { codeId: number }).codeId;
}

async function refuseDuplicate(
  tx: Tx,
  p: { articleId: number; coderId: number; codeId: number; start: number; end: number },
  except?: number,
): Promise<void> {
  const same = await tx.passageCode.findFirst({
    where: { ...p, ...(except === undefined ? {} : { id: { not: except } }) },
    select: { id: true },
  });
  if (same)
    throw new ApiError(409, `this span already has this code (passage ${same.id})`, undefined, {
      passageId: same.id,
    });
}

/** POST …/passages: codes a span of the article for the actor's coder. */
export async function addPassage(
  actor: Actor,
  slug: string,
  input: PassageInput,
): Promise<{ version: number; passage: PassageView }> {
  const coderId = writerCoder(actor);
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug, true);
    const assignment = await requireAssignment(tx, article, coderId);
    const codebook = await loadCodebook(tx, article.codebookStamp);
    const codeId = validatePassage(codebook, article.body, input);
    checkVersion(assignment, input.baseVersion);
    const key = { articleId: article.id, coderId, codeId, start: input.start, end: input.end };
    await refuseDuplicate(tx, key);
    const row = await withRollupDelta(tx, article, coderId, [codeId], () =>
      tx.passageCode.create({
        data: {
          ...key,
          quote: article.body.slice(input.start, input.end),
          note: input.note ?? null,
          voice: input.voice,
          origin: "app",
        },
        select: PASSAGE_SELECT,
      }),
    );
    const passage = toPassageView(codebook, row);
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "passage.add",
      passageId: row.id,
      after: historyPassage(passage, codeId),
    });
    return { version, passage };
  });
}

/**
 * Locks the article of an existing passage of the actor's coder, then reads the passage and the
 * coder's assignment under the lock, in one statement. 404 when there is no such passage, 403 when
 * it is another coder's or the coder is not assigned to its article.
 */
async function lockOwnPassage(
  tx: Tx,
  actor: Actor,
  id: number,
): Promise<{
  article: LockedArticleWithBody;
  row: PassageRow;
  coderId: number;
  assignment: AssignmentState;
}> {
  const coderId = writerCoder(actor);
  const article = await lockArticleOfPassage(tx, id);
  if (!article) throw new ApiError(404, `no passage ${id}`);
  const [found] = await tx.$queryRaw<
    (Omit<PassageRow, "articleId" | "coderId" | "codeId"> & {
      article_id: number;
      coder_id: number;
      code_id: number;
      version: number | null;
      done_at: Date | null;
      assigned_at: Date | null;
    })[]
  >`
    SELECT p.id, p.article_id, p.coder_id, p.code_id, p.start, p."end", p.quote, p.note,
           p.voice::text AS voice, s.version, s.done_at, s.assigned_at
    FROM "passage_code" p
    LEFT JOIN "assignment" s ON s.article_id = p.article_id AND s.coder_id = ${coderId}
    WHERE p.id = ${id}`;
  if (!found) throw new ApiError(404, `no passage ${id}`);
  if (found.coder_id !== coderId)
    throw new ApiError(403, "this passage is another coder's; you may change only your own");
  if (found.version === null || found.assigned_at === null) throw notAssigned(article);
  const { article_id, coder_id, code_id, version, done_at, assigned_at, ...rest } = found;
  return {
    article,
    row: { ...rest, articleId: article_id, coderId: coder_id, codeId: code_id },
    coderId,
    assignment: { version, doneAt: done_at, assignedAt: assigned_at },
  };
}

/** PATCH /passages/{id}: changes the fields given. */
export async function updatePassage(
  actor: Actor,
  id: number,
  patch: PassagePatch,
): Promise<{ version: number; passage: PassageView }> {
  return inTransaction(async (tx) => {
    const { article, row, coderId, assignment } = await lockOwnPassage(tx, actor, id);
    const codebook = await loadCodebook(tx, article.codebookStamp);
    const current = toPassageView(codebook, row);
    const next = {
      dimension: patch.dimension ?? current.dimension,
      code: patch.code ?? current.code,
      start: patch.start ?? row.start,
      end: patch.end ?? row.end,
    };
    const codeId = validatePassage(codebook, article.body, next);
    checkVersion(assignment, patch.baseVersion);
    const key = { articleId: article.id, coderId, codeId, start: next.start, end: next.end };
    if (codeId !== row.codeId || next.start !== row.start || next.end !== row.end)
      await refuseDuplicate(tx, key, id);
    const touched = codeId === row.codeId ? [] : [row.codeId, codeId];
    const updated = await withRollupDelta(tx, article, coderId, touched, () =>
      tx.passageCode.update({
        where: { id },
        data: {
          codeId,
          start: next.start,
          end: next.end,
          quote: article.body.slice(next.start, next.end),
          ...(patch.note === undefined ? {} : { note: patch.note }),
          ...(patch.voice === undefined ? {} : { voice: patch.voice }),
        },
        select: PASSAGE_SELECT,
      }),
    );
    const passage = toPassageView(codebook, updated);
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "passage.update",
      passageId: id,
      before: historyPassage(current, row.codeId),
      after: historyPassage(passage, codeId),
    });
    return { version, passage };
  });
}

/** DELETE /passages/{id}: removes the passage; its history entry can restore it. */
export async function deletePassage(
  actor: Actor,
  id: number,
  baseVersion: number | undefined,
): Promise<{ version: number; historyId: number }> {
  return inTransaction(async (tx) => {
    const { article, row, coderId, assignment } = await lockOwnPassage(tx, actor, id);
    const codebook = await loadCodebook(tx, article.codebookStamp);
    checkVersion(assignment, baseVersion);
    await withRollupDelta(tx, article, coderId, [row.codeId], () =>
      tx.passageCode.delete({ where: { id } }),
    );
    const { version, historyId } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId: article.id,
      action: "passage.delete",
      passageId: id,
      before: historyPassage(toPassageView(codebook, row), row.codeId),
    });
    return { version, historyId };
  });
}

/** A passage as history keeps it: the view plus the code's id at the time. */
function historyPassage(view: PassageView, codeId: number) {
  return { ...view, codeId };
}

const storedPassage = (value: unknown): PassageView | null => {
  const v = value as Partial<PassageView> | null;
  if (
    !v ||
    typeof v.id !== "number" ||
    typeof v.dimension !== "string" ||
    typeof v.code !== "string" ||
    typeof v.start !== "number" ||
    typeof v.end !== "number"
  )
    return null;
  return {
    id: v.id,
    dimension: v.dimension,
    code: v.code,
    start: v.start,
    end: v.end,
    quote: String(v.quote ?? ""),
    note: typeof v.note === "string" ? v.note : null,
    voice: v.voice === "own" || v.voice === "reported" ? v.voice : "unclear",
  };
};

/**
 * POST /history/{id}/restore: brings back a deleted passage, under its old id, for its coder.
 * Its coder may restore it, and so may an admin; the coder must still be assigned to the article.
 */
export async function restorePassage(
  actor: Actor,
  historyId: number,
  baseVersion: number,
): Promise<{ version: number; passage: PassageView }> {
  return inTransaction(async (tx) => {
    const { stored, articleId, coderId } = await deletedPassage(tx, actor, historyId);
    const article = (await lockArticleById(tx, articleId, true)) as LockedArticleWithBody;
    const assignment = await tx.assignment.findUnique({
      where: { articleId_coderId: { articleId, coderId } },
    });
    if (!assignment)
      throw new ApiError(409, "the passage's coder is no longer assigned to this article");
    const codebook = await loadCodebook(tx, article.codebookStamp);
    const resolved = resolvePassageCode(codebook, stored.dimension, stored.code);
    if ("issues" in resolved)
      throw new ApiError(409, `the codebook no longer has ${stored.dimension}/${stored.code}`);
    if (stored.end > article.body.length || stored.start >= stored.end)
      throw new ApiError(409, "the passage no longer fits the article's body");
    checkVersion(assignment, baseVersion);
    if (await tx.passageCode.findUnique({ where: { id: stored.id }, select: { id: true } }))
      throw new ApiError(409, `passage ${stored.id} was already restored`);
    const { codeId } = resolved;
    const key = { articleId, coderId, codeId, start: stored.start, end: stored.end };
    await refuseDuplicate(tx, key);
    const row = await withRollupDelta(tx, article, coderId, [codeId], () =>
      tx.passageCode.create({
        data: {
          id: stored.id,
          ...key,
          quote: article.body.slice(stored.start, stored.end),
          note: stored.note,
          voice: stored.voice,
          origin: "app",
        },
        select: PASSAGE_SELECT,
      }),
    );
    const passage = toPassageView(codebook, row);
    const { version } = await recordWrite(tx, {
      userId: actor.userId,
      coderId,
      articleId,
      action: "passage.restore",
      passageId: row.id,
      after: { ...historyPassage(passage, codeId), restoredFrom: historyId },
    });
    return { version, passage };
  });
}

/** The passage a history entry deleted, if the actor may restore it (its coder, or an admin). */
async function deletedPassage(
  tx: Tx,
  actor: Actor,
  historyId: number,
): Promise<{ stored: PassageView; articleId: number; coderId: number }> {
  const entry = await tx.codingHistory.findUnique({ where: { id: BigInt(historyId) } });
  if (!entry) throw new ApiError(404, `no history entry ${historyId}`);
  if (entry.coderId !== actor.coderId && actor.role !== "admin")
    throw new ApiError(403, "only its coder or an admin may restore this passage");
  const stored = entry.action === "passage.delete" ? storedPassage(entry.before) : null;
  if (!stored)
    throw new ApiError(400, `history entry ${historyId} is not a deleted passage`, [
      { param: "id", message: "is not the history entry of a deleted passage" },
    ]);
  return { stored, articleId: entry.articleId, coderId: entry.coderId };
}
