import { describe, expect, it } from "vitest";
import type { Coding, CodingPassage } from "./coding-api";
import { applyResult, PENDING_DONE, withPending } from "./coding-ops";

const body = "Seoul must act. Moscow will not wait.";
const passage = (id: number, start: number, end: number, code = "conflict"): CodingPassage => ({
  id,
  dimension: "generic",
  code,
  start,
  end,
  quote: body.slice(start, end),
  note: null,
  voice: "own",
});
const base: Coding = {
  article: "a",
  coder: "C-1",
  version: 3,
  assignment: { assignedAt: "2026-11-29T00:00:00.000Z", doneAt: null },
  articlePublic: false,
  passages: [passage(1, 0, 15)],
  articleCodes: {},
};

describe("withPending", () => {
  it("shows queued actions on top of the saved coding, in order", () => {
    const view = withPending(
      base,
      [
        {
          kind: "add",
          tempId: -1,
          dimension: "ties",
          code: "x",
          start: 16,
          end: 37,
          note: null,
          voice: "own",
        },
        { kind: "update", id: 1, patch: { note: "why" } },
        { kind: "update", id: -1, patch: { code: "y" } },
        { kind: "article-codes", codes: { weapons: { code: "oppose", note: null } } },
        { kind: "done" },
      ],
      body,
    );
    expect(view.passages.map((p) => [p.id, p.code, p.note, p.quote])).toEqual([
      [1, "conflict", "why", "Seoul must act."],
      [-1, "y", null, "Moscow will not wait."],
    ]);
    expect(view.articleCodes.weapons).toEqual({ code: "oppose", note: null });
    expect(view.assignment?.doneAt).toBe(PENDING_DONE);
    expect(base.passages[0].note).toBeNull();
  });

  it("hides a queued delete, shows a queued restore, and removes a code set to null", () => {
    const withCode = { ...base, articleCodes: { weapons: { code: "oppose", note: null } } };
    const view = withPending(
      withCode,
      [
        { kind: "delete", passage: base.passages[0] },
        { kind: "article-codes", codes: { weapons: null } },
      ],
      body,
    );
    expect(view.passages).toEqual([]);
    expect(view.articleCodes.weapons).toBeUndefined();
    const back = withPending(
      base,
      [{ kind: "restore", historyId: 9, passage: passage(7, 16, 22) }],
      body,
    );
    expect(back.passages.map((p) => p.id)).toEqual([1, 7]);
    expect(withPending(base, [], body)).toBe(base);
  });
});

describe("applyResult", () => {
  it("takes the server's version and passage, replacing the placeholder", () => {
    const next = applyResult(base, {
      kind: "passage",
      version: 4,
      passage: passage(12, 16, 37, "ties"),
      replaces: -1,
    });
    expect(next.version).toBe(4);
    expect(next.passages.map((p) => p.id)).toEqual([1, 12]);
    const deleted = applyResult(next, { kind: "deleted", version: 5, id: 1, historyId: 40 });
    expect(deleted.passages.map((p) => p.id)).toEqual([12]);
    const done = applyResult(deleted, {
      kind: "done",
      version: 6,
      doneAt: "2026-11-29T10:00:00.000Z",
      articlePublic: true,
    });
    expect(done.assignment?.doneAt).toBe("2026-11-29T10:00:00.000Z");
    expect(done.articlePublic).toBe(true);
  });
});
