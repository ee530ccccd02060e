"use client";

import { useEffect, useState } from "react";
import type {
  AdjudicationItem,
  AdjudicationStatus,
  DecisionView,
} from "@/app/lib/agreement/adjudication";
import type { SideCode } from "@/app/lib/agreement/disagreements";
import { highlightStyleFor } from "@/app/ui/article/highlight";
import { RequestRefused, sendJson } from "../send-json";
import styles from "./adjudicate.module.css";
import { statusText } from "./status";

/** As JSON carries them: dates are ISO strings. */
type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};
type Side = SideCode;
type Decision = Json<DecisionView>;
export type BoardItem = Omit<AdjudicationItem, "decision"> & { decision: Decision | null };
export type BoardStatus = Json<AdjudicationStatus>;

interface Draft {
  choice: "" | "a" | "b" | "own";
  /** Own: a code key, or "" for no code. */
  code: string;
  /** Own, passage items: "start-end". */
  span: string;
  voice: string;
  reason: string;
}

type Save =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: string; rebuilt: boolean }
  | { state: "error"; message: string; fields: Record<string, string> };

const VOICES = [
  { key: "own", label: "the article's own view" },
  { key: "reported", label: "a view it reports" },
  { key: "unclear", label: "unclear" },
];

const draftKey = (slug: string, a: string, b: string, item: string) =>
  `framescope:adjudicate:${slug}:${a}:${b}:${item}`;

function draftOf(item: BoardItem): Draft {
  const d = item.decision;
  const extent = item.start !== undefined ? `${item.start}-${item.end}` : "";
  if (!d || d.choice === "agreed")
    return { choice: "", code: "", span: extent, voice: "unclear", reason: "" };
  return {
    choice: d.choice,
    code: d.code ?? "",
    span: d.start !== null ? `${d.start}-${d.end}` : extent,
    voice: d.voice ?? "unclear",
    reason: d.reason ?? "",
  };
}

/** Every disagreement item of the article, decided one at a time; each decision saves at once. */
export function AdjudicationBoard({
  slug,
  a,
  b,
  agreed,
  items,
  initialStatus,
}: {
  slug: string;
  a: string;
  b: string;
  agreed: number;
  items: BoardItem[];
  initialStatus: BoardStatus;
}) {
  const [status, setStatus] = useState(initialStatus);
  const [rebuiltAt, setRebuiltAt] = useState<string | null>(initialStatus.completedAt);
  return (
    <>
      <p className={styles.status} role="status" data-testid="adjudication-progress">
        <strong>{statusText(status)}</strong>
        {status.total > 0 && status.state !== "complete" && (
          <>
            {" "}
            · {status.decided} of {status.total} disagreements decided
          </>
        )}{" "}
        · {agreed} agreed item{agreed === 1 ? "" : "s"} go into the reference coding as they are
        {rebuiltAt && status.state === "complete" && (
          <span data-testid="ref-rebuilt">
            {" "}
            · reference coding <code>REF</code> built {rebuiltAt.slice(0, 16).replace("T", " ")} UTC
          </span>
        )}
      </p>
      {items.length === 0 && (
        <p className="notice">
          {a} and {b} coded this article alike: there is nothing to decide.
        </p>
      )}
      {status.decided === status.total && status.state !== "complete" && (
        <BuildButton
          slug={slug}
          a={a}
          b={b}
          onBuilt={(s) => {
            setStatus(s);
            setRebuiltAt(s.completedAt);
          }}
        />
      )}
      <ol className={styles.items}>
        {items.map((item, i) => (
          <li key={item.key}>
            <ItemCard
              item={item}
              index={i + 1}
              slug={slug}
              a={a}
              b={b}
              onSaved={(s, rebuilt) => {
                setStatus(s);
                if (rebuilt) setRebuiltAt(s.completedAt);
              }}
            />
          </li>
        ))}
      </ol>
    </>
  );
}

/** Builds REF when nothing is left to decide (PUT …/adjudication). */
function BuildButton({
  slug,
  a,
  b,
  onBuilt,
}: {
  slug: string;
  a: string;
  b: string;
  onBuilt: (status: BoardStatus) => void;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const build = async () => {
    setState({ busy: true, error: null });
    try {
      const res = await sendJson<{ status: BoardStatus }>(
        "PUT",
        `/api/v1/articles/${encodeURIComponent(slug)}/adjudication`,
        { a, b },
      );
      setState({ busy: false, error: null });
      onBuilt(res.status);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <p>
      <button type="button" disabled={state.busy} onClick={() => void build()}>
        {state.busy ? "Building…" : "Build the reference coding"}
      </button>{" "}
      {state.error && (
        <span role="alert" className="field-error">
          Not built: {state.error}{" "}
          <button type="button" onClick={() => void build()}>
            Retry
          </button>
        </span>
      )}
    </p>
  );
}

function SideList({ coder, sides, label }: { coder: string; sides: Side[]; label: string }) {
  return (
    <div className={styles.side} data-side={label}>
      <h3 className={styles.sideHead}>
        {label === "a" ? "A" : "B"}: <code>{coder}</code>
      </h3>
      {sides.length === 0 ? (
        <p className="muted">No code here.</p>
      ) : (
        <ul className={styles.sideCodes}>
          {sides.map((s) => (
            <li key={`${s.code}:${s.start ?? ""}:${s.end ?? ""}`} data-code={s.code}>
              <span className="code-chip" style={highlightStyleFor(s.colour)}>
                {s.label}
              </span>
              {s.start !== undefined && (
                <span className="muted">
                  {" "}
                  {s.start}–{s.end}
                  {s.voice ? ` · voice: ${s.voice}` : ""}
                </span>
              )}
              {s.quote && <blockquote className={styles.quote}>{s.quote}</blockquote>}
              {s.note ? (
                <p className={styles.note}>Note: {s.note}</p>
              ) : (
                <p className={`${styles.note} muted`}>No note.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ItemCard({
  item,
  index,
  slug,
  a,
  b,
  onSaved,
}: {
  item: BoardItem;
  index: number;
  slug: string;
  a: string;
  b: string;
  onSaved: (status: BoardStatus, rebuilt: boolean) => void;
}) {
  const storageKey = draftKey(slug, a, b, item.key);
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [save, setSave] = useState<Save>(
    item.decision && item.decision.choice !== "agreed"
      ? { state: "saved", at: item.decision.decidedAt, rebuilt: false }
      : { state: "idle" },
  );
  const [dirty, setDirty] = useState(false);

  // A half-made decision survives a reload: drafts are kept in this browser until saved.
  useEffect(() => {
    const stored = window.localStorage.getItem(storageKey);
    if (!stored) return;
    try {
      setDraft({ ...draftOf(item), ...(JSON.parse(stored) as Partial<Draft>) });
      setDirty(true);
    } catch {
      window.localStorage.removeItem(storageKey);
    }
  }, [storageKey, item]);

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setDirty(true);
    if (save.state === "saved") setSave({ state: "idle" });
    window.localStorage.setItem(storageKey, JSON.stringify(next));
  };

  const spans = spanOptions(item);
  const id = `item-${index}`;
  const fields = save.state === "error" ? save.fields : {};

  const submit = async () => {
    setSave({ state: "saving" });
    const body: Record<string, unknown> = { a, b, choice: draft.choice, reason: draft.reason };
    if (draft.choice === "own") {
      body.code = draft.code === "" ? null : draft.code;
      if (item.scope === "passage" && draft.code !== "") {
        const [start, end] = draft.span.split("-").map(Number);
        body.start = start;
        body.end = end;
        body.voice = draft.voice;
      }
    }
    try {
      const res = await sendJson<{ status: BoardStatus; rebuilt: boolean; decision: Decision }>(
        "PUT",
        `/api/v1/articles/${encodeURIComponent(slug)}/adjudication/decisions/${encodeURIComponent(item.key)}`,
        body,
      );
      window.localStorage.removeItem(storageKey);
      setDirty(false);
      setSave({ state: "saved", at: res.decision.decidedAt, rebuilt: res.rebuilt });
      onSaved(res.status, res.rebuilt);
    } catch (err) {
      setSave(
        err instanceof RequestRefused
          ? { state: "error", message: err.message, fields: err.fields }
          : { state: "error", message: String(err), fields: {} },
      );
    }
  };

  const title =
    item.scope === "article"
      ? `${item.dimension} (article level)`
      : `${item.dimension}, characters ${item.start}–${item.end}`;

  return (
    <section className={styles.item} aria-labelledby={`${id}-title`} data-item={item.key}>
      <h2 id={`${id}-title`} className={styles.itemTitle}>
        {index}. {title}
      </h2>
      {item.quote && <blockquote className={styles.quote}>{item.quote}</blockquote>}
      <div className={styles.sides}>
        <SideList coder={a} sides={item.a} label="a" />
        <SideList coder={b} sides={item.b} label="b" />
      </div>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>Decision</legend>
          {(["a", "b", "own"] as const).map((choice) => (
            <label key={choice} className={styles.choice}>
              <input
                type="radio"
                name={`${id}-choice`}
                value={choice}
                checked={draft.choice === choice}
                onChange={() => change({ choice })}
                aria-invalid={fields.choice ? true : undefined}
              />{" "}
              {choice === "a"
                ? `Choose A (${a})`
                : choice === "b"
                  ? `Choose B (${b})`
                  : "Own decision"}
            </label>
          ))}
          {fields.choice && <p className="field-error">{fields.choice}</p>}
        </fieldset>
        {draft.choice === "own" && (
          <div className={styles.own}>
            <label className="field">
              Code
              <select
                value={draft.code}
                onChange={(e) => change({ code: e.target.value })}
                aria-invalid={fields.code ? true : undefined}
              >
                {item.scope === "passage" && <option value="">No code</option>}
                {item.scope === "article" && draft.code === "" && (
                  <option value="">Choose a code</option>
                )}
                {item.codes.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
              {fields.code && <span className="field-error">{fields.code}</span>}
            </label>
            {item.scope === "passage" && draft.code !== "" && (
              <>
                <label className="field">
                  Span
                  <select
                    value={draft.span}
                    onChange={(e) => change({ span: e.target.value })}
                    aria-invalid={fields.start || fields.end ? true : undefined}
                  >
                    {spans.map((s) => (
                      <option key={s.value} value={s.value}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                  {(fields.start || fields.end) && (
                    <span className="field-error">{fields.start ?? fields.end}</span>
                  )}
                </label>
                <label className="field">
                  Voice
                  <select value={draft.voice} onChange={(e) => change({ voice: e.target.value })}>
                    {VOICES.map((v) => (
                      <option key={v.key} value={v.key}>
                        {v.label}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
          </div>
        )}
        <label className="field">
          Reason (required)
          <textarea
            rows={2}
            value={draft.reason}
            maxLength={2000}
            onChange={(e) => change({ reason: e.target.value })}
            aria-invalid={fields.reason ? true : undefined}
          />
          {fields.reason && <span className="field-error">{fields.reason}</span>}
        </label>
        <div className={styles.actions}>
          <button
            type="submit"
            disabled={save.state === "saving" || draft.choice === "" || !draft.reason.trim()}
          >
            {save.state === "saving" ? "Saving…" : "Save decision"}
          </button>
          <SaveState save={save} dirty={dirty} onRetry={() => void submit()} />
        </div>
      </form>
    </section>
  );
}

function SaveState({ save, dirty, onRetry }: { save: Save; dirty: boolean; onRetry: () => void }) {
  if (save.state === "saved")
    return (
      <span role="status" className={styles.saved} data-testid="decision-saved">
        Saved {save.at.slice(0, 16).replace("T", " ")} UTC
        {save.rebuilt ? " · reference coding rebuilt" : ""}
      </span>
    );
  if (save.state === "error")
    return (
      <span role="alert" className="field-error" data-testid="decision-error">
        Not saved: {save.message}{" "}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  if (save.state === "saving")
    return (
      <span role="status" className="muted">
        Saving…
      </span>
    );
  return dirty ? (
    <span role="status" className="muted">
      Not saved yet (kept in this browser)
    </span>
  ) : (
    <span role="status" className="muted">
      Undecided
    </span>
  );
}

/** The spans an own code may take: the item's extent and every span the coders coded in it. */
function spanOptions(item: BoardItem): { value: string; label: string }[] {
  if (item.start === undefined) return [];
  const out = new Map<string, string>();
  const cut = (q: string | undefined) =>
    q ? `: “${q.length > 60 ? `${[...q].slice(0, 59).join("")}…` : q}”` : "";
  out.set(`${item.start}-${item.end}`, `Whole item ${item.start}–${item.end}${cut(item.quote)}`);
  for (const s of [...item.a, ...item.b])
    if (s.start !== undefined && !out.has(`${s.start}-${s.end}`))
      out.set(`${s.start}-${s.end}`, `${s.start}–${s.end}${cut(s.quote)}`);
  return [...out].map(([value, label]) => ({ value, label }));
}
