"use client";

import { useCallback, useEffect, useState } from "react";

/*
 * Half-typed notes, kept in localStorage until they are saved, so a reload or a crash does not
 * lose them. A draft is keyed by article, coder and what it annotates: a passage ("passage:12"),
 * an article-level code ("article:weapons") or the note of a passage not yet coded ("new").
 */

const PREFIX = "framescope:note";

export function draftKey(slug: string, coder: string, target: string): string {
  return `${PREFIX}:${slug}:${coder}:${target}`;
}

export function readDraft(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeDraft(key: string, text: string | null): void {
  try {
    if (text === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, text);
  } catch {
    // Storage full or disabled: the note still saves; only the reload safety net is missing.
  }
}

/** Passage ids with an unsaved note draft for this article and coder. */
export function passageDrafts(slug: string, coder: string): number[] {
  const prefix = draftKey(slug, coder, "passage:");
  const ids: number[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(prefix)) {
        const id = Number(key.slice(prefix.length));
        if (Number.isInteger(id) && id > 0) ids.push(id);
      }
    }
  } catch {
    return [];
  }
  return ids.sort((a, b) => a - b);
}

/**
 * A note field backed by a draft: starts from the draft if there is one (else `saved`, the note
 * the server has) and writes every keystroke to the draft; the draft goes once the server's note
 * equals it, so a note whose save failed still survives a reload.
 */
export function useNoteDraft(key: string, saved: string | null) {
  const [text, setText] = useState(saved ?? "");
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const draft = readDraft(key);
    if (draft !== null && draft !== (saved ?? "")) {
      setText(draft);
      setRestored(true);
    } else {
      if (draft !== null) writeDraft(key, null);
      setText(saved ?? "");
      setRestored(false);
    }
  }, [key, saved]);
  const change = useCallback(
    (value: string) => {
      setText(value);
      writeDraft(key, value === (saved ?? "") ? null : value);
    },
    [key, saved],
  );
  return { text, change, restored, dirty: text !== (saved ?? "") };
}
