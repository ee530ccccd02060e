"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { type Coding, getCoding, RequestError } from "./coding-api";
import { applyResult, type CodingOp, type OpResult, sendOp, withPending } from "./coding-ops";
import {
  lowestTempId,
  queueKey,
  readStoredQueue,
  restoredHold,
  writeStoredQueue,
} from "./queue-store";
import { emptyQueue, nextToSend, queueReducer, queueStatus } from "./save-queue";

/** Called with the reply once the action saved. */
type OnSaved = (result: OpResult) => void;

/** Points an action at the server's id of a passage the coder added in this session. */
function resolveOp(op: CodingOp, resolve: (id: number) => number): CodingOp {
  if (op.kind === "update") return { ...op, id: resolve(op.id) };
  if (op.kind === "delete")
    return { ...op, passage: { ...op.passage, id: resolve(op.passage.id) } };
  return op;
}

/**
 * The coder's coding of one article and the queue that saves their actions: loads it, sends the
 * queued actions one at a time with the version the last reply gave, keeps a failed one for retry,
 * and on a conflict (409) loads the current state and says so. The actions not yet saved are kept
 * in the tab's sessionStorage, and a reload puts them back in the queue (queue-store.ts).
 */
export function useCodingSession(
  slug: string,
  coder: string,
  body: string,
  initial: Coding | null,
) {
  const [saved, setSaved] = useState<Coding | null>(initial);
  const [loadError, setLoadError] = useState<{ status: number; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [queue, dispatch] = useReducer(queueReducer<CodingOp>, undefined, emptyQueue<CodingOp>);
  const savedRef = useRef<Coding | null>(initial);
  const nextId = useRef(1);
  const nextTemp = useRef(-1);
  const serverIds = useRef(new Map<number, number>());
  const onSaved = useRef(new Map<number, OnSaved>());
  const resolve = useCallback((id: number) => serverIds.current.get(id) ?? id, []);
  // Callbacks kept by a toast outlive the render that made them: they read the latest state here.
  const queueRef = useRef(queue);
  queueRef.current = queue;

  const setCoding = useCallback((coding: Coding) => {
    savedRef.current = coding;
    setSaved(coding);
  }, []);

  const reload = useCallback(async () => {
    try {
      setCoding(await getCoding(slug));
      setLoadError(null);
      return true;
    } catch (err) {
      const e = err instanceof RequestError ? err : new RequestError(0, String(err));
      setLoadError({ status: e.status, message: e.message });
      return false;
    }
  }, [slug, setCoding]);

  // The page renders the coding it read; without it (or after a conflict) it is fetched here.
  const loaded = useRef(initial !== null);
  useEffect(() => {
    if (!loaded.current) void reload();
    loaded.current = true;
  }, [reload]);

  // Keeps the unsaved actions for a reload; declared before the restore below, so the first pass
  // never removes a stored queue before it has been read.
  const storeKey = queueKey(slug, coder);
  const restored = useRef(false);
  useEffect(() => {
    if (!restored.current) return;
    const head = queue.items[0];
    writeStoredQueue(
      storeKey,
      saved && head
        ? {
            version: saved.version,
            items: queue.items.map((i) => ({ op: resolveOp(i.op, resolve), label: i.label })),
            failure:
              queue.failure?.id === head.id
                ? { message: queue.failure.message, conflict: queue.failure.conflict }
                : null,
          }
        : null,
    );
  }, [queue, saved, storeKey, resolve]);

  // Once the coding is loaded, the actions a reload interrupted go back in the queue: sent on at
  // once when nothing changed since, else held for the coder to apply again or discard.
  useEffect(() => {
    if (restored.current || !saved) return;
    restored.current = true;
    const stored = readStoredQueue(storeKey);
    if (!stored) return;
    nextTemp.current = Math.min(nextTemp.current, lowestTempId(stored) - 1);
    for (const item of stored.items)
      dispatch({ type: "enqueue", op: item.op, label: item.label, id: nextId.current++ });
    const hold = restoredHold(stored, saved.version);
    if (hold) dispatch({ type: "hold", ...hold });
    else {
      const n = stored.items.length;
      setNotice(
        `${n} change${n === 1 ? "" : "s"} from before the reload ${n === 1 ? "was" : "were"} kept and ${n === 1 ? "is" : "are"} being saved.`,
      );
    }
  }, [saved, storeKey]);

  const head = nextToSend(queue);
  useEffect(() => {
    const base = savedRef.current;
    if (!head || !base) return;
    dispatch({ type: "sent", id: head.id });
    sendOp(slug, resolveOp(head.op, resolve), base.version).then(
      (result) => {
        if (result.kind === "passage" && result.replaces !== undefined)
          serverIds.current.set(result.replaces, result.passage.id);
        setCoding(applyResult(savedRef.current ?? base, result));
        onSaved.current.get(head.id)?.(result);
        onSaved.current.delete(head.id);
        dispatch({ type: "succeeded", id: head.id });
      },
      async (err) => {
        const e = err instanceof RequestError ? err : new RequestError(0, String(err));
        if (e.status === 409) {
          dispatch({ type: "conflict", id: head.id, message: e.message });
          const ok = await reload();
          setNotice(
            ok
              ? "This article's coding changed in another tab or window, so the current state was loaded."
              : "This article's coding changed elsewhere, and loading the current state failed.",
          );
        } else {
          dispatch({ type: "failed", id: head.id, message: e.message });
        }
      },
    );
  }, [head, slug, resolve, reload, setCoding]);

  /** Queues an action; returns its queue id. */
  const enqueue = useCallback((op: CodingOp, label: string, then?: OnSaved): number => {
    const id = nextId.current++;
    if (then) onSaved.current.set(id, then);
    dispatch({ type: "enqueue", op, label, id });
    return id;
  }, []);

  /** Drops a queued action that has not been sent; false when it is in flight or already saved. */
  const discard = useCallback((id: number): boolean => {
    const q = queueRef.current;
    if (q.inFlight === id || !q.items.some((i) => i.id === id)) return false;
    onSaved.current.delete(id);
    dispatch({ type: "discard", id });
    return true;
  }, []);

  const retry = useCallback(() => {
    setNotice(null);
    dispatch({ type: "retry" });
  }, []);

  /** Runs `then` once the action saves (at once when it already has: `result` null). */
  const whenSaved = useCallback((id: number, then: (result: OpResult | null) => void) => {
    if (!queueRef.current.items.some((i) => i.id === id)) return then(null);
    const before = onSaved.current.get(id);
    onSaved.current.set(id, (r) => {
      before?.(r);
      then(r);
    });
  }, []);

  const ops = useMemo(() => queue.items.map((i) => resolveOp(i.op, resolve)), [queue, resolve]);
  const coding = useMemo(() => (saved ? withPending(saved, ops, body) : null), [saved, ops, body]);
  const tempId = useCallback(() => nextTemp.current--, []);
  const codingRef = useRef(coding);
  codingRef.current = coding;
  /** The coding as shown now (for callbacks that outlive their render). */
  const current = useCallback(() => codingRef.current, []);

  return {
    coding,
    saved,
    loadError,
    notice,
    dismissNotice: () => setNotice(null),
    reload,
    queue,
    status: queueStatus(queue),
    enqueue,
    discard,
    retry,
    whenSaved,
    current,
    resolve,
    tempId,
  };
}

export type CodingSession = ReturnType<typeof useCodingSession>;
