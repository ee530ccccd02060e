import type { CodingOp } from "./coding-ops";

/*
 * The actions not yet saved, kept in the tab's sessionStorage while any are queued, so a reload
 * (or a crash the browser restores) does not lose them. Per tab, not shared: two tabs on one
 * article never send each other's actions. `version` is the coding's version the first of them
 * will be sent on; when the server's differs on reload, some may have saved in the meantime, and
 * the coder decides. `failure` is why the first did not save, when it had failed.
 */

export interface StoredQueue {
  version: number;
  items: { op: CodingOp; label: string }[];
  failure: { message: string; conflict: boolean } | null;
}

const PREFIX = "framescope:queue";

export function queueKey(slug: string, coder: string): string {
  return `${PREFIX}:${slug}:${coder}`;
}

const OP_KINDS = new Set(["add", "update", "delete", "restore", "article-codes", "done", "reopen"]);

/** The stored queue, or null when there is none or it is not one this code wrote. */
export function parseStoredQueue(text: string | null): StoredQueue | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<StoredQueue>;
    if (!Number.isInteger(v.version) || !Array.isArray(v.items) || !v.items.length) return null;
    const wellFormed = v.items.every(
      (i) =>
        typeof i?.label === "string" &&
        typeof i.op === "object" &&
        i.op !== null &&
        OP_KINDS.has((i.op as { kind?: string }).kind ?? ""),
    );
    if (!wellFormed) return null;
    const f = v.failure;
    const failure =
      f && typeof f.message === "string" ? { message: f.message, conflict: !!f.conflict } : null;
    return { version: v.version as number, items: v.items, failure };
  } catch {
    return null;
  }
}

export function readStoredQueue(key: string): StoredQueue | null {
  try {
    return parseStoredQueue(window.sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

export function writeStoredQueue(key: string, queue: StoredQueue | null): void {
  try {
    if (!queue?.items.length) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(queue));
  } catch {
    // Storage full or disabled: saving goes on; only the reload safety net is missing.
  }
}

/** The lowest temporary passage id the stored actions use (0 when none), so new ones go below. */
export function lowestTempId(queue: StoredQueue): number {
  let low = 0;
  for (const { op } of queue.items) {
    if (op.kind === "add") low = Math.min(low, op.tempId);
    if (op.kind === "update") low = Math.min(low, op.id);
  }
  return low;
}

/**
 * Why actions restored after a reload wait for the coder (the save line shows it after the first
 * one's label), or null when they can be sent on at once.
 */
export function restoredHold(
  stored: StoredQueue,
  currentVersion: number,
): { message: string; conflict: boolean } | null {
  if (stored.failure)
    return {
      message: `${stored.failure.message}; kept from before the reload, not saved yet`,
      conflict: stored.failure.conflict,
    };
  if (stored.version !== currentVersion)
    return {
      message:
        `kept from before the reload, but your coding changed since (version ${stored.version} → ` +
        `${currentVersion}), so it may already have saved: check it, then apply it again or discard it`,
      conflict: true,
    };
  return null;
}
