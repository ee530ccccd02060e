/**
 * The workspace's save queue, as a pure state machine. Every coding action becomes an item; items
 * are sent one at a time in order (each carries the version the previous reply returned). A failed
 * item stays at the head with its error and holds the ones behind it until the coder retries or
 * discards it, so nothing is dropped and nothing is applied out of order. A conflict (409: another
 * tab wrote first) fails the same way and says the current state was reloaded.
 */

export interface QueueItem<Op> {
  id: number;
  op: Op;
  /** What the action did, for the status line ("Add “Security threat”"). */
  label: string;
}

export interface QueueFailure {
  id: number;
  message: string;
  conflict: boolean;
}

export interface QueueState<Op> {
  /** Items not yet saved, oldest first. */
  items: QueueItem<Op>[];
  /** The item being sent, or null. */
  inFlight: number | null;
  /** Why the head item did not save; the queue waits while this is set. */
  failure: QueueFailure | null;
  /** How many items have saved since the page loaded. */
  saved: number;
  nextId: number;
}

export type QueueEvent<Op> =
  | { type: "enqueue"; op: Op; label: string; id?: number }
  | { type: "sent"; id: number }
  | { type: "succeeded"; id: number }
  | { type: "failed"; id: number; message: string }
  | { type: "conflict"; id: number; message: string }
  | { type: "retry" }
  | { type: "discard"; id: number }
  | { type: "revise"; id: number; op: Op; label?: string }
  | { type: "hold"; message: string; conflict: boolean };

export type QueueStatus = "idle" | "saved" | "saving" | "failed" | "conflict";

export function emptyQueue<Op>(): QueueState<Op> {
  return { items: [], inFlight: null, failure: null, saved: 0, nextId: 1 };
}

/** The next state; an event that does not fit the current state leaves it unchanged. */
export function queueReducer<Op>(state: QueueState<Op>, event: QueueEvent<Op>): QueueState<Op> {
  switch (event.type) {
    case "enqueue": {
      // The caller may choose the id (to follow the item); ids never repeat.
      const id = Math.max(event.id ?? state.nextId, state.nextId);
      return {
        ...state,
        items: [...state.items, { id, op: event.op, label: event.label }],
        nextId: id + 1,
      };
    }
    case "sent":
      if (nextToSend(state)?.id !== event.id) return state;
      return { ...state, inFlight: event.id };
    case "succeeded":
      if (state.inFlight !== event.id) return state;
      return {
        ...state,
        items: state.items.filter((i) => i.id !== event.id),
        inFlight: null,
        saved: state.saved + 1,
      };
    case "failed":
    case "conflict":
      if (state.inFlight !== event.id) return state;
      return {
        ...state,
        inFlight: null,
        failure: { id: event.id, message: event.message, conflict: event.type === "conflict" },
      };
    case "retry":
      return state.failure ? { ...state, failure: null } : state;
    case "hold": {
      // Stops the queue at its head until the coder retries or discards it (restored actions whose
      // fate is unknown wait for the coder, as a failed one does).
      const head = state.items[0];
      if (!head || state.inFlight !== null) return state;
      return {
        ...state,
        failure: { id: head.id, message: event.message, conflict: event.conflict },
      };
    }
    case "discard": {
      if (state.inFlight === event.id || !state.items.some((i) => i.id === event.id)) return state;
      return {
        ...state,
        items: state.items.filter((i) => i.id !== event.id),
        failure: state.failure?.id === event.id ? null : state.failure,
      };
    }
    case "revise":
      // An item already on its way cannot change; the caller queues a new action instead.
      if (state.inFlight === event.id) return state;
      return {
        ...state,
        items: state.items.map((i) =>
          i.id === event.id ? { ...i, op: event.op, label: event.label ?? i.label } : i,
        ),
      };
  }
}

/** The item to send now: the head, when nothing is in flight and nothing failed. */
export function nextToSend<Op>(state: QueueState<Op>): QueueItem<Op> | null {
  if (state.inFlight !== null || state.failure) return null;
  return state.items[0] ?? null;
}

/** What the status line says: saving, saved, failed or conflict (idle before any action). */
export function queueStatus<Op>(state: QueueState<Op>): QueueStatus {
  if (state.failure) return state.failure.conflict ? "conflict" : "failed";
  if (state.items.length) return "saving";
  return state.saved > 0 ? "saved" : "idle";
}
