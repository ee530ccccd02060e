import {
  type ArticleCodeValue,
  type Coding,
  type CodingPassage,
  codingUrls,
  requestJson,
  type Voice,
} from "./coding-api";

/**
 * The coding actions the workspace queues. The screen shows the saved coding with every queued
 * action applied on top (`withPending`), so an action shows at once and a failed one stays
 * visible, marked as not saved, until it is retried or discarded.
 */
export type CodingOp =
  | {
      kind: "add";
      /** A negative id the passage has until the server gives it one. */
      tempId: number;
      dimension: string;
      code: string;
      start: number;
      end: number;
      note: string | null;
      voice: Voice;
    }
  | {
      kind: "update";
      id: number;
      patch: { dimension?: string; code?: string; note?: string | null; voice?: Voice };
    }
  | { kind: "delete"; passage: CodingPassage }
  | { kind: "restore"; historyId: number; passage: CodingPassage }
  | { kind: "article-codes"; codes: Record<string, ArticleCodeValue | null> }
  | { kind: "done" }
  | { kind: "reopen" };

/** What a saved action returned, for the workspace to fold into its copy of the coding. */
export type OpResult =
  | { kind: "passage"; version: number; passage: CodingPassage; replaces?: number }
  | { kind: "deleted"; version: number; id: number; historyId: number }
  | { kind: "article-codes"; version: number; articleCodes: Coding["articleCodes"] }
  | { kind: "done"; version: number; doneAt: string | null; articlePublic: boolean };

/** Sends one action, based on `baseVersion`; throws RequestError when it is refused. */
export async function sendOp(slug: string, op: CodingOp, baseVersion: number): Promise<OpResult> {
  switch (op.kind) {
    case "add": {
      const { tempId, kind: _, ...body } = op;
      const r = await requestJson<{ version: number; passage: CodingPassage }>(
        "POST",
        codingUrls.passages(slug),
        { ...body, baseVersion },
      );
      return { kind: "passage", ...r, replaces: tempId };
    }
    case "update": {
      const r = await requestJson<{ version: number; passage: CodingPassage }>(
        "PATCH",
        codingUrls.passage(op.id),
        { ...op.patch, baseVersion },
      );
      return { kind: "passage", ...r };
    }
    case "delete": {
      const r = await requestJson<{ version: number; historyId: number }>(
        "DELETE",
        codingUrls.passage(op.passage.id),
        { baseVersion },
      );
      return { kind: "deleted", id: op.passage.id, ...r };
    }
    case "restore": {
      const r = await requestJson<{ version: number; passage: CodingPassage }>(
        "POST",
        codingUrls.restore(op.historyId),
        { baseVersion },
      );
      return { kind: "passage", ...r, replaces: op.passage.id };
    }
    case "article-codes": {
      const r = await requestJson<{ version: number; articleCodes: Coding["articleCodes"] }>(
        "PUT",
        codingUrls.articleCodes(slug),
        { ...op.codes, baseVersion },
      );
      return { kind: "article-codes", ...r };
    }
    case "done": {
      const r = await requestJson<{ version: number; doneAt: string; articlePublic: boolean }>(
        "POST",
        codingUrls.done(slug),
        { baseVersion },
      );
      return { kind: "done", ...r };
    }
    case "reopen": {
      const r = await requestJson<{ version: number; articlePublic: boolean }>(
        "DELETE",
        codingUrls.done(slug),
        { baseVersion },
      );
      return { kind: "done", doneAt: null, ...r };
    }
  }
}

const byPosition = (a: CodingPassage, b: CodingPassage) =>
  a.start - b.start || b.end - a.end || a.id - b.id;

/** The saved coding after a saved action's reply. */
export function applyResult(coding: Coding, result: OpResult): Coding {
  const next = { ...coding, version: result.version };
  switch (result.kind) {
    case "passage": {
      const rest = coding.passages.filter(
        (p) => p.id !== result.passage.id && p.id !== result.replaces,
      );
      return { ...next, passages: [...rest, result.passage].sort(byPosition) };
    }
    case "deleted":
      return { ...next, passages: coding.passages.filter((p) => p.id !== result.id) };
    case "article-codes":
      return { ...next, articleCodes: result.articleCodes };
    case "done":
      return {
        ...next,
        articlePublic: result.articlePublic,
        assignment: coding.assignment && { ...coding.assignment, doneAt: result.doneAt },
      };
  }
}

/** Marks a queued `done` that has not saved yet. */
export const PENDING_DONE = "pending";

/** The coding as the coder should see it: the saved one with the queued actions applied. */
export function withPending(coding: Coding, ops: readonly CodingOp[], body: string): Coding {
  let passages = coding.passages;
  let articleCodes = coding.articleCodes;
  let assignment = coding.assignment;
  for (const op of ops) {
    switch (op.kind) {
      case "add": {
        const { tempId, ...rest } = op;
        passages = [...passages, { ...rest, id: tempId, quote: body.slice(op.start, op.end) }];
        break;
      }
      case "update":
        passages = passages.map((p) =>
          p.id === op.id
            ? {
                ...p,
                ...op.patch,
                ...(op.patch.note !== undefined ? { note: op.patch.note } : {}),
              }
            : p,
        );
        break;
      case "delete":
        passages = passages.filter((p) => p.id !== op.passage.id);
        break;
      case "restore":
        passages = [...passages.filter((p) => p.id !== op.passage.id), op.passage];
        break;
      case "article-codes": {
        const next = { ...articleCodes };
        for (const [dimension, value] of Object.entries(op.codes))
          next[dimension] = value ?? undefined;
        articleCodes = next;
        break;
      }
      case "done":
        assignment = assignment && { ...assignment, doneAt: PENDING_DONE };
        break;
      case "reopen":
        assignment = assignment && { ...assignment, doneAt: null };
        break;
    }
  }
  if (passages === coding.passages && articleCodes === coding.articleCodes) {
    return assignment === coding.assignment ? coding : { ...coding, assignment };
  }
  return { ...coding, passages: [...passages].sort(byPosition), articleCodes, assignment };
}
