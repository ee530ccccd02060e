import { describe, expect, it } from "vitest";
import {
  emptyQueue,
  nextToSend,
  type QueueEvent,
  type QueueState,
  queueReducer,
  queueStatus,
} from "./save-queue";

type Op = { kind: string };
const run = (events: QueueEvent<Op>[], from: QueueState<Op> = emptyQueue<Op>()) =>
  events.reduce(queueReducer<Op>, from);

describe("save queue", () => {
  it("sends items one at a time, in order, and says saved when all are through", () => {
    let s = run([
      { type: "enqueue", op: { kind: "a" }, label: "A" },
      { type: "enqueue", op: { kind: "b" }, label: "B" },
    ]);
    expect(queueStatus(s)).toBe("saving");
    expect(nextToSend(s)?.op.kind).toBe("a");
    s = run([{ type: "sent", id: 1 }], s);
    expect(nextToSend(s)).toBeNull();
    // Only the head may go out.
    expect(run([{ type: "sent", id: 2 }], s)).toBe(s);
    s = run([{ type: "succeeded", id: 1 }], s);
    expect(nextToSend(s)?.op.kind).toBe("b");
    s = run(
      [
        { type: "sent", id: 2 },
        { type: "succeeded", id: 2 },
      ],
      s,
    );
    expect(queueStatus(s)).toBe("saved");
    expect(s.items).toEqual([]);
    expect(s.saved).toBe(2);
  });

  it("keeps a failed item at the head, holds the rest, and sends it again on retry", () => {
    let s = run([
      { type: "enqueue", op: { kind: "a" }, label: "A" },
      { type: "enqueue", op: { kind: "b" }, label: "B" },
      { type: "sent", id: 1 },
      { type: "failed", id: 1, message: "network down" },
    ]);
    expect(queueStatus(s)).toBe("failed");
    expect(s.failure).toEqual({ id: 1, message: "network down", conflict: false });
    expect(s.items.map((i) => i.label)).toEqual(["A", "B"]);
    expect(nextToSend(s)).toBeNull();
    s = run([{ type: "retry" }], s);
    expect(nextToSend(s)?.label).toBe("A");
    expect(queueStatus(s)).toBe("saving");
  });

  it("marks a conflict, and discarding the item lets the next one go", () => {
    let s = run([
      { type: "enqueue", op: { kind: "a" }, label: "A" },
      { type: "enqueue", op: { kind: "b" }, label: "B" },
      { type: "sent", id: 1 },
      { type: "conflict", id: 1, message: "changed elsewhere" },
    ]);
    expect(queueStatus(s)).toBe("conflict");
    s = run([{ type: "discard", id: 1 }], s);
    expect(s.failure).toBeNull();
    expect(nextToSend(s)?.label).toBe("B");
  });

  it("revises a waiting item but never one in flight, and cannot discard one in flight", () => {
    let s = run([
      { type: "enqueue", op: { kind: "a" }, label: "A" },
      { type: "enqueue", op: { kind: "b" }, label: "B" },
      { type: "sent", id: 1 },
    ]);
    expect(run([{ type: "revise", id: 1, op: { kind: "x" } }], s)).toBe(s);
    expect(run([{ type: "discard", id: 1 }], s)).toBe(s);
    s = run([{ type: "revise", id: 2, op: { kind: "b2" }, label: "B2" }], s);
    expect(s.items[1]).toEqual({ id: 2, op: { kind: "b2" }, label: "B2" });
  });

  it("ignores replies for items that are not in flight", () => {
    const s = run([{ type: "enqueue", op: { kind: "a" }, label: "A" }]);
    expect(run([{ type: "succeeded", id: 1 }], s)).toBe(s);
    expect(run([{ type: "failed", id: 1, message: "x" }], s)).toBe(s);
    expect(run([{ type: "retry" }], s)).toBe(s);
    expect(queueStatus(emptyQueue())).toBe("idle");
  });
});
