import { describe, expect, it } from "vitest";
import { lowestTempId, parseStoredQueue, restoredHold, type StoredQueue } from "./queue-store";
import { emptyQueue, nextToSend, queueReducer, queueStatus } from "./save-queue";

const add = (tempId: number) => ({
  op: {
    kind: "add" as const,
    tempId,
    dimension: "ties",
    code: "security_threat",
    start: 0,
    end: 10,
    note: null,
    voice: "own" as const,
  },
  label: "Add “Security threat”",
});

const stored: StoredQueue = {
  version: 4,
  items: [add(-3), { op: { kind: "update", id: -3, patch: { note: "n" } }, label: "Note" }],
  failure: null,
};

describe("the stored queue", () => {
  it("reads back what was written, and nothing else", () => {
    expect(parseStoredQueue(JSON.stringify(stored))).toEqual(stored);
    for (const bad of [
      null,
      "",
      "{",
      "[]",
      JSON.stringify({ ...stored, version: "4" }),
      JSON.stringify({ ...stored, items: [] }),
      JSON.stringify({ ...stored, items: [{ op: { kind: "drop-table" }, label: "x" }] }),
      JSON.stringify({ ...stored, items: [{ op: null, label: "x" }] }),
    ])
      expect(parseStoredQueue(bad), String(bad)).toBeNull();
  });

  it("new temporary ids go below the stored ones", () => {
    expect(lowestTempId(stored)).toBe(-3);
    expect(lowestTempId({ ...stored, items: [{ op: { kind: "done" }, label: "Done" }] })).toBe(0);
  });

  it("sends restored actions on when the coding is unchanged, else holds them", () => {
    expect(restoredHold(stored, 4)).toBeNull();
    const moved = restoredHold(stored, 5);
    expect(moved?.conflict).toBe(true);
    expect(moved?.message).toMatch(/kept from before the reload, but .*version 4 → 5/);
    const failed = restoredHold(
      { ...stored, failure: { message: "could not reach the server", conflict: false } },
      4,
    );
    expect(failed).toEqual({
      message: "could not reach the server; kept from before the reload, not saved yet",
      conflict: false,
    });
  });

  it("a hold stops the queue at its head until retry, like a failure", () => {
    let s = [add(-1), add(-2)].reduce(
      (q, i) => queueReducer(q, { type: "enqueue", ...i }),
      emptyQueue<StoredQueue["items"][number]["op"]>(),
    );
    s = queueReducer(s, { type: "hold", message: "check it", conflict: true });
    expect(nextToSend(s)).toBeNull();
    expect(queueStatus(s)).toBe("conflict");
    expect(s.failure).toEqual({ id: 1, message: "check it", conflict: true });
    s = queueReducer(s, { type: "retry" });
    expect(nextToSend(s)?.id).toBe(1);
    // Nothing to hold in an empty queue, nor while an item is on its way.
    const empty = emptyQueue();
    expect(queueReducer(empty, { type: "hold", message: "x", conflict: false })).toBe(empty);
    const sending = queueReducer(s, { type: "sent", id: 1 });
    expect(queueReducer(sending, { type: "hold", message: "x", conflict: false })).toBe(sending);
  });
});
