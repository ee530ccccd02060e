"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { highlightStyle } from "@/app/ui/article/highlight";
import { ArticleCodeGroup } from "./article-codes-panel";
import { excerpt } from "./code-popover";
import type { ArticleCodeValue, Coding, CodingPassage, Voice } from "./coding-api";
import { PENDING_DONE } from "./coding-ops";
import { codeIndex, CodingText, type EditorTarget } from "./coding-text";
import { draftKey, passageDrafts } from "./note-drafts";
import { findCode } from "./passage-editor";
import { SaveStatus } from "./save-status";
import { shortcutKeys } from "./shortcuts";
import { TakeArticle } from "./take-article";
import type { TextRange } from "./text-ranges";
import type { WorkspaceDimension } from "./types";
import { type CodingSession, useCodingSession } from "./use-coding-session";

interface Toast {
  text: string;
  undo?: () => void;
}

/**
 * The coding workspace of one article for the signed-in coder: the text with their passages,
 * the article-level codes, "Mark done" / "Reopen", and the save line. Only the coder's own
 * coding is loaded (GET …/codings?coder=me), so coding stays blind.
 */
export function CodingWorkspace({
  slug,
  body,
  coder,
  dimensions,
  initial,
}: {
  slug: string;
  body: string;
  coder: string;
  dimensions: WorkspaceDimension[];
  /** The coding as the page read it on the server (dates as ISO strings). */
  initial: Coding | null;
}) {
  const session = useCodingSession(slug, coder, body, initial);
  const signIn = `/sign-in?next=${encodeURIComponent(`/code/${slug}`)}`;
  const { coding, loadError } = session;
  const pending = session.queue.items.length > 0;

  // Leaving with unsaved actions asks first.
  useEffect(() => {
    if (!pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending]);

  if (!coding) {
    return loadError ? (
      <div className="notice" role="alert">
        <p>Your coding of this article could not be loaded: {loadError.message}.</p>
        {loadError.status === 401 ? (
          <a href={signIn}>Sign in again</a>
        ) : (
          <button type="button" onClick={() => void session.reload()}>
            Try again
          </button>
        )}
      </div>
    ) : (
      <p role="status" className="muted">
        Loading your coding…
      </p>
    );
  }
  if (!coding.assignment)
    return <TakeArticle slug={slug} coder={coder} onTaken={() => void session.reload()} />;
  return (
    <Workspace
      session={session}
      slug={slug}
      body={body}
      coder={coder}
      dimensions={dimensions}
      signIn={signIn}
    />
  );
}

function Workspace({
  session,
  slug,
  body,
  coder,
  dimensions,
  signIn,
}: {
  session: CodingSession;
  slug: string;
  body: string;
  coder: string;
  dimensions: WorkspaceDimension[];
  signIn: string;
}) {
  const coding = session.coding!;
  const { resolve, enqueue } = session;
  const passageDims = useMemo(() => dimensions.filter((d) => d.scope === "passage"), [dimensions]);
  const articleDims = useMemo(() => dimensions.filter((d) => d.scope === "article"), [dimensions]);
  const keys = useMemo(() => shortcutKeys(passageDims), [passageDims]);
  const codes = useMemo(() => codeIndex(dimensions), [dimensions]);
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [drafts, setDrafts] = useState<number[]>([]);
  const historyIds = useRef(new Map<number, number>());
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setDrafts(passageDrafts(slug, coder));
    setReady(true);
  }, [slug, coder]);

  const label = (dimension: string, code: string) =>
    findCode(dimensions, dimension, code)?.label ?? code;
  const savedNote = useCallback(
    (id: number) => session.saved?.passages.find((p) => p.id === resolve(id))?.note ?? null,
    [session.saved, resolve],
  );

  const removePassage = (passage: CodingPassage, what: string) => {
    let id = 0;
    id = enqueue({ kind: "delete", passage }, what, (r) => {
      if (r.kind === "deleted") historyIds.current.set(id, r.historyId);
    });
    return id;
  };

  const apply = (
    range: TextRange,
    dimension: string,
    code: string,
    note: string | null,
    voice: Voice,
  ) => {
    const tempId = session.tempId();
    const name = label(dimension, code);
    const id = enqueue(
      { kind: "add", tempId, dimension, code, start: range.start, end: range.end, note, voice },
      `code “${name}”`,
    );
    setToast({
      text: `Coded “${name}”.`,
      undo: () => {
        if (session.discard(id)) return;
        const passage = session.current()?.passages.find((p) => p.id === resolve(tempId));
        removePassage(
          passage ?? { id: tempId, dimension, code, ...range, quote: "", note, voice },
          `undo “${name}”`,
        );
      },
    });
  };

  const update = (
    passage: CodingPassage,
    patch: { dimension?: string; code?: string; note?: string | null; voice?: Voice },
  ) => {
    const what = patch.code
      ? `change to “${label(patch.dimension ?? passage.dimension, patch.code)}”`
      : patch.voice
        ? `voice of “${label(passage.dimension, passage.code)}”`
        : `note on “${label(passage.dimension, passage.code)}”`;
    enqueue({ kind: "update", id: passage.id, patch }, what);
    if (patch.note !== undefined) setDrafts((d) => d.filter((x) => x !== resolve(passage.id)));
  };

  const remove = (passage: CodingPassage) => {
    const name = label(passage.dimension, passage.code);
    const id = removePassage(passage, `delete “${name}”`);
    const restore = (historyId: number) =>
      enqueue({ kind: "restore", historyId, passage }, `restore “${name}”`);
    setToast({
      text: `Deleted “${name}”.`,
      undo: () => {
        if (session.discard(id)) return;
        const known = historyIds.current.get(id);
        if (known) restore(known);
        else
          session.whenSaved(id, (r) => {
            const h = r?.kind === "deleted" ? r.historyId : historyIds.current.get(id);
            if (h) restore(h);
          });
      },
    });
  };

  const undo = () => {
    if (!toast?.undo) return;
    toast.undo();
    setToast({ text: "Undone." });
  };

  const setArticleCode = (dimension: string, value: ArticleCodeValue) =>
    enqueue(
      { kind: "article-codes", codes: { [dimension]: value } },
      `${dimensions.find((d) => d.key === dimension)?.label ?? dimension}: “${label(dimension, value.code)}”`,
    );

  const resolvedEditor = editor && {
    ...editor,
    ids: editor.ids.map(resolve),
    active: resolve(editor.active),
  };

  const openPassage = (id: number) => {
    const mark = document.getElementById(`p-${id}`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    setEditor({ ids: [id], active: id, anchor: mark });
  };

  const done = coding.assignment?.doneAt ?? null;
  const missing = articleDims.filter((d) => !coding.articleCodes[d.key]);
  const draftPassages = drafts.filter((id) => coding.passages.some((p) => p.id === id));

  return (
    <div
      className="coding-workspace"
      data-testid="coding-workspace"
      data-ready={ready ? "true" : undefined}
      data-version={coding.version}
    >
      <SaveStatus session={session} signInHref={signIn} />
      <div className="cw-columns">
        <section className="cw-main" aria-labelledby="cw-text-title">
          <h2 id="cw-text-title">Article text</h2>
          <p id="cw-text-help" className="muted cw-help">
            Select text with the mouse, or focus the text and move sentence by sentence with ↑/↓ (or
            j/k); Shift extends the selection. Press a code's key to apply it, or Enter to open the
            code list. Click a highlight (or Tab to it and press Enter) to edit or delete it; u
            undoes the last action.
          </p>
          <CodingText
            slug={slug}
            coder={coder}
            body={body}
            passages={coding.passages}
            savedNote={savedNote}
            dimensions={passageDims}
            keys={keys}
            codes={codes}
            editor={resolvedEditor}
            onEditor={setEditor}
            onApply={apply}
            onUpdate={update}
            onDelete={remove}
            onUndo={undo}
          />
        </section>
        <aside className="cw-side" aria-label="Article codes and progress">
          <section aria-labelledby="cw-done-title" className="cw-box">
            <h2 id="cw-done-title">Progress</h2>
            <p data-testid="coding-progress">
              {coding.passages.length} passage{coding.passages.length === 1 ? "" : "s"} coded ·{" "}
              {done === PENDING_DONE
                ? "marking done…"
                : done
                  ? `done on ${done.slice(0, 10)}`
                  : "in progress"}
            </p>
            <p className="muted">
              {coding.articlePublic
                ? "Every coder of this article is done: its codings are public."
                : "Your coding stays private until every coder of this article marks it done."}
            </p>
            {done ? (
              <button type="button" onClick={() => enqueue({ kind: "reopen" }, "reopen")}>
                Reopen
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="primary"
                  disabled={missing.length > 0}
                  aria-describedby={missing.length ? "cw-done-needs" : undefined}
                  onClick={() => enqueue({ kind: "done" }, "mark done")}
                >
                  Mark done
                </button>
                {missing.length > 0 && (
                  <p id="cw-done-needs" className="muted">
                    Set {missing.map((d) => d.label).join(" and ")} first.
                  </p>
                )}
              </>
            )}
          </section>
          {draftPassages.length > 0 && (
            <section className="notice" aria-label="Unsaved notes">
              <p>Unsaved notes from an earlier visit on {draftPassages.length} passage(s):</p>
              <ul>
                {draftPassages.map((id) => {
                  const p = coding.passages.find((x) => x.id === id)!;
                  return (
                    <li key={id}>
                      <button type="button" className="link-button" onClick={() => openPassage(id)}>
                        {label(p.dimension, p.code)}: “{excerpt(p.quote, 60)}”
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {articleDims.map((d) => (
            <ArticleCodeGroup
              key={d.key}
              dimension={d}
              value={coding.articleCodes[d.key]}
              savedNote={session.saved?.articleCodes[d.key]?.note ?? null}
              draftKey={draftKey(slug, coder, `article:${d.key}`)}
              onSet={(v) => setArticleCode(d.key, v)}
            />
          ))}
          <PassageList passages={coding.passages} dimensions={passageDims} onOpen={openPassage} />
        </aside>
      </div>
      {toast && (
        <div className="cw-toast" role="status" data-testid="coding-toast">
          <span>{toast.text}</span>
          {toast.undo && (
            <button type="button" onClick={undo}>
              Undo
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

function PassageList({
  passages,
  dimensions,
  onOpen,
}: {
  passages: CodingPassage[];
  dimensions: WorkspaceDimension[];
  onOpen: (id: number) => void;
}) {
  return (
    <section className="cw-box" aria-labelledby="cw-list-title">
      <h2 id="cw-list-title">Your passages ({passages.length})</h2>
      {passages.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ol className="cw-passages">
          {passages.map((p) => {
            const c = findCode(dimensions, p.dimension, p.code);
            return (
              <li key={p.id} data-passage-id={p.id} data-saved={p.id > 0 ? "true" : "false"}>
                <button type="button" className="link-button" onClick={() => onOpen(p.id)}>
                  <span
                    className="legend-swatch"
                    style={c ? highlightStyle(c.colour, c.tint) : undefined}
                    aria-hidden="true"
                  />
                  <strong>{c?.label ?? p.code}</strong> “{excerpt(p.quote, 70)}”
                </button>
                {p.note && <span className="muted"> · note</span>}
                {p.id < 0 && <span className="muted"> · not saved yet</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
