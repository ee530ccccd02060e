"use client";

import {
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type CodeIndex, codeKey, MARK, MAX_LANE } from "@/app/ui/article/highlight";
import { HighlightedBody } from "@/app/ui/article/highlighted-body";
import { assignLanes, segmentBody } from "@/app/ui/article/segments";
import type { ReaderPassage } from "@/app/ui/article/types";
import { CodePopover, excerpt } from "./code-popover";
import type { CodingPassage, Voice } from "./coding-api";
import { draftKey, useNoteDraft } from "./note-drafts";
import { PassageEditor } from "./passage-editor";
import { pressedShortcut } from "./shortcuts";
import { domRange, panelPosition, selectionOffsets, showSelection } from "./text-dom";
import {
  sentenceAt,
  sentenceRanges,
  sentenceSpan,
  snapToSentences,
  snapToWords,
  type TextRange,
} from "./text-ranges";
import type { WorkspaceDimension } from "./types";

const SNAP_KEY = "framescope:coding:sentences";
const NO_HIDDEN: ReadonlySet<string> = new Set();

export interface EditorTarget {
  /** Passages at the point, innermost first. */
  ids: number[];
  active: number;
  anchor: HTMLElement;
}

/**
 * The article text as the coder works on it: their passages as highlights (nested where they
 * overlap), a selection made with the mouse (snapped to words, or sentences) or with the keyboard
 * (a sentence cursor), the code popover for that selection, and the editor of a clicked passage.
 */
export function CodingText({
  slug,
  coder,
  body,
  passages,
  savedNote,
  dimensions,
  keys,
  codes,
  editor,
  onEditor,
  onApply,
  onUpdate,
  onDelete,
  onUndo,
}: {
  slug: string;
  coder: string;
  body: string;
  passages: CodingPassage[];
  savedNote: (id: number) => string | null;
  dimensions: WorkspaceDimension[];
  keys: Map<string, string>;
  codes: CodeIndex;
  editor: EditorTarget | null;
  onEditor: (target: EditorTarget | null) => void;
  onApply: (
    range: TextRange,
    dimension: string,
    code: string,
    note: string | null,
    voice: Voice,
  ) => void;
  onUpdate: (
    passage: CodingPassage,
    patch: { dimension?: string; code?: string; note?: string | null; voice?: Voice },
  ) => void;
  onDelete: (passage: CodingPassage) => void;
  onUndo: () => void;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const popoverId = `cw-popover-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const sentences = useMemo(() => sentenceRanges(body), [body]);
  const byShortcut = useMemo(() => new Map([...keys].map(([code, key]) => [key, code])), [keys]);

  const [pending, setPending] = useState<TextRange | null>(null);
  const [cursor, setCursor] = useState<{ anchor: number; focus: number } | null>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const [voice, setVoice] = useState<Voice>("unclear");
  const [snap, setSnap] = useState(false);
  const [announce, setAnnounce] = useState("");
  const note = useNoteDraft(draftKey(slug, coder, "new"), null);

  useEffect(() => {
    setSnap(window.localStorage.getItem(SNAP_KEY) === "1");
  }, []);
  const changeSnap = (on: boolean) => {
    setSnap(on);
    window.localStorage.setItem(SNAP_KEY, on ? "1" : "0");
    if (on && pending) setPending(snapToSentences(sentences, pending));
  };

  const { paragraphs, byId, depth } = useMemo(() => {
    const lanes = assignLanes(passages);
    const byId = new Map<number, ReaderPassage>(
      passages.map((p) => [
        p.id,
        { ...p, coder, coderName: coder, lane: lanes.get(p.id) ?? 0 } satisfies ReaderPassage,
      ]),
    );
    const depth = Math.min(MAX_LANE, Math.max(0, ...lanes.values())) + 1;
    return { paragraphs: segmentBody(body, passages, lanes), byId, depth };
  }, [body, passages, coder]);

  // The pending selection is drawn after every redraw of the text, and the popover follows it.
  useLayoutEffect(() => {
    const text = textRef.current;
    const wrap = wrapRef.current;
    if (!text || !wrap || !pending) {
      showSelection(null);
      setPosition(null);
      return;
    }
    const range = domRange(text, paragraphs, pending);
    showSelection(range);
    setPosition(range ? panelPosition(wrap, range) : null);
  }, [pending, paragraphs]);
  useEffect(() => () => showSelection(null), []);

  const clearSelection = useCallback(() => {
    setPending(null);
    setAnnounce("");
  }, []);

  const select = (range: TextRange) => {
    setPending(range);
    setCursor({
      anchor: sentenceAt(sentences, range.start),
      focus: sentenceAt(sentences, range.end - 1),
    });
    onEditor(null);
  };

  const moveCursor = (delta: number, extend: boolean) => {
    if (!sentences.length) return;
    const from = cursor ?? {
      anchor: delta > 0 ? -1 : sentences.length,
      focus: delta > 0 ? -1 : sentences.length,
    };
    const focus = Math.max(0, Math.min(sentences.length - 1, from.focus + delta));
    const anchor = extend && cursor ? cursor.anchor : focus;
    setCursor({ anchor, focus });
    const span = sentenceSpan(sentences, anchor, focus);
    setPending(span);
    onEditor(null);
    const count = Math.abs(focus - anchor) + 1;
    setAnnounce(
      `${count > 1 ? `${count} sentences selected, to` : "Sentence"} ${focus + 1} of ${sentences.length}: ${excerpt(body.slice(sentences[focus].start, sentences[focus].end), 160)}`,
    );
    requestAnimationFrame(() => {
      const r = textRef.current && domRange(textRef.current, paragraphs, sentences[focus]);
      const box = r?.getBoundingClientRect();
      if (box && (box.top < 80 || box.bottom > window.innerHeight - 40))
        window.scrollBy({ top: box.top - window.innerHeight / 3 });
    });
  };

  const apply = (dimension: string, code: string) => {
    if (!pending) return;
    onApply(pending, dimension, code, note.text.trim() || null, voice);
    note.change("");
    setPending(null);
    if (cursor) setCursor({ anchor: cursor.focus, focus: cursor.focus });
    textRef.current?.focus({ preventScroll: true });
  };

  const shortcut = (e: {
    key: string;
    code?: string;
    ctrlKey?: boolean;
    altKey?: boolean;
    metaKey?: boolean;
  }) => {
    const key = pressedShortcut(e);
    const target = key ? byShortcut.get(key) : undefined;
    if (!target || !pending) return false;
    const [dimension, code] = target.split(".");
    apply(dimension, code);
    return true;
  };

  const openEditorAt = (mark: HTMLElement) => {
    const ids: number[] = [];
    for (
      let el: HTMLElement | null = mark;
      el && textRef.current?.contains(el);
      el = el.parentElement?.closest<HTMLElement>(MARK) ?? null
    )
      ids.push(Number(el.dataset.passageId));
    if (ids.length) {
      clearSelection();
      onEditor({ ids, active: ids[0], anchor: mark });
    }
  };

  const onMouseUp = (e: MouseEvent) => {
    const text = textRef.current;
    if (!text || e.button !== 0) return;
    const raw = selectionOffsets(text, paragraphs);
    if (raw) {
      const words = snapToWords(body, raw);
      window.getSelection()?.removeAllRanges();
      if (!words) return;
      select(snap ? snapToSentences(sentences, words) : words);
      text.focus({ preventScroll: true });
      return;
    }
    const mark = (e.target as Element).closest<HTMLElement>(MARK);
    if (mark && text.contains(mark)) openEditorAt(mark);
    else clearSelection();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const onMark = e.target instanceof HTMLElement && e.target.matches(MARK);
    if (e.target !== e.currentTarget && !onMark) return;
    const k = e.key;
    if (e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && k.toLowerCase() === "z") {
        e.preventDefault();
        onUndo();
      }
      return;
    }
    if (k === "ArrowDown" || k === "j" || k === "J") {
      e.preventDefault();
      moveCursor(1, e.shiftKey);
    } else if (k === "ArrowUp" || k === "k" || k === "K") {
      e.preventDefault();
      moveCursor(-1, e.shiftKey);
    } else if (k === "Escape") {
      clearSelection();
      onEditor(null);
    } else if (k === "Enter") {
      e.preventDefault();
      if (onMark) openEditorAt(e.target as HTMLElement);
      else popoverRef.current?.querySelector<HTMLElement>("button[data-code]")?.focus();
    } else if (k === "u" || k === "z") {
      e.preventDefault();
      onUndo();
    } else if (shortcut(e)) {
      e.preventDefault();
    }
  };

  const closePopover = () => {
    clearSelection();
    textRef.current?.focus({ preventScroll: true });
  };

  const active = editor ? passages.find((p) => p.id === editor.active) : undefined;
  const closeEditor = () => {
    const anchor = editor?.anchor;
    onEditor(null);
    const mark = active && document.getElementById(`p-${active.id}`);
    (mark ?? (anchor?.isConnected ? anchor : textRef.current))?.focus({ preventScroll: true });
  };
  // The editor sits under its passage's first mark, wherever a redraw has put it.
  const [editorPosition, setEditorPosition] = useState({ top: 0, left: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a redraw of the text (new paragraphs) moves the marks
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    if (!editor || !wrap) return;
    const mark = document.getElementById(`p-${editor.active}`) ?? editor.anchor;
    if (mark.isConnected) setEditorPosition(panelPosition(wrap, mark));
  }, [editor, paragraphs]);

  return (
    <div ref={wrapRef} className="cw-text-wrap">
      <div
        ref={textRef}
        className="article-body cw-text"
        data-testid="coding-text"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard widget: it takes the sentence cursor (arrows, j/k) and the codes' keys
        tabIndex={0}
        role="application"
        aria-label="Article text to code"
        aria-describedby="cw-text-help"
        aria-controls={pending ? popoverId : undefined}
        style={{ "--lanes": depth } as CSSProperties}
        onMouseUp={onMouseUp}
        onKeyDown={onKeyDown}
      >
        <HighlightedBody paragraphs={paragraphs} byId={byId} codes={codes} hidden={NO_HIDDEN} />
      </div>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      {pending && position && (
        <CodePopover
          id={popoverId}
          quote={body.slice(pending.start, pending.end)}
          position={position}
          dimensions={dimensions}
          keys={keys}
          voice={voice}
          onVoice={setVoice}
          note={note.text}
          onNote={note.change}
          sentences={snap}
          onSentences={changeSnap}
          onApply={apply}
          onClose={closePopover}
          onShortcut={shortcut}
          panelRef={popoverRef}
        />
      )}
      {editor && active && (
        <PassageEditor
          key={active.id}
          passage={active}
          others={editor.ids
            .filter((id) => id !== active.id)
            .map((id) => passages.find((p) => p.id === id))
            .filter((p): p is CodingPassage => p !== undefined)}
          savedNote={savedNote(active.id)}
          draftKey={draftKey(slug, coder, `passage:${active.id}`)}
          dimensions={dimensions}
          position={editorPosition}
          onPick={(id) => onEditor({ ...editor, active: id })}
          onChange={(patch) => onUpdate(active, patch)}
          onDelete={() => {
            onDelete(active);
            onEditor(null);
            textRef.current?.focus({ preventScroll: true });
          }}
          onClose={closeEditor}
          panelRef={editorRef}
        />
      )}
    </div>
  );
}

/** Dimension and code by "dimension.code", in the shape the article page's highlights read. */
export function codeIndex(dimensions: WorkspaceDimension[]): CodeIndex {
  const index: CodeIndex = new Map();
  for (const d of dimensions) {
    const dimension = {
      key: d.key,
      label: d.label,
      scope: d.scope,
      count: 0,
      codes: d.codes.map((c) => ({ ...c, count: 0 })),
    };
    for (const code of dimension.codes) index.set(codeKey(d.key, code.key), { dimension, code });
  }
  return index;
}
