"use client";

import { Fragment, memo, useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import type { Paragraph, Segment } from "./segments";
import type { ReaderCode, ReaderData, ReaderDimension, ReaderPassage } from "./types";

/** Underlines of deeper lanes share the last offset so lines stay readable. */
const MAX_LANE = 5;
const MARK = "mark[data-passage-id]";

type CodeIndex = Map<string, { dimension: ReaderDimension; code: ReaderCode }>;

interface Active {
  /** Passages shown, the one in focus (if any) first. */
  ids: number[];
  focusId: number | null;
  top: number;
  left: number;
}

function codeKey(dimension: string, code: string) {
  return `${dimension}.${code}`;
}

export function highlightStyle(colour: string, tint: string, lane = 0): CSSProperties {
  return { "--hl": colour, "--hl-tint": tint, "--lane": Math.min(lane, MAX_LANE) } as CSSProperties;
}

/**
 * The article text with every coded passage highlighted, a legend that turns
 * each dimension's highlights on and off, and a popover that shows a
 * passage's code, coder and note on hover and on keyboard focus.
 */
export function ArticleReader({ data }: { data: ReaderData }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [active, setActive] = useState<Active | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const leaveTimer = useRef<number | undefined>(undefined);
  const popoverId = `passage-popover-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;

  const byId = useMemo(() => new Map(data.passages.map((p) => [p.id, p])), [data.passages]);
  const codes: CodeIndex = useMemo(() => {
    const m: CodeIndex = new Map();
    for (const dimension of data.dimensions) for (const code of dimension.codes) m.set(codeKey(dimension.key, code.key), { dimension, code });
    return m;
  }, [data.dimensions]);

  /** The marks wrapping one segment, innermost first, skipping hidden ones. */
  const chainAt = useCallback((target: Element): HTMLElement[] => {
    let inner = target.closest<HTMLElement>(MARK);
    if (!inner) return [];
    while (inner.firstElementChild instanceof HTMLElement && inner.firstElementChild.matches(MARK) && inner.childNodes.length === 1) {
      inner = inner.firstElementChild;
    }
    const out: HTMLElement[] = [];
    for (let el: HTMLElement | null = inner; el && bodyRef.current?.contains(el); el = el.parentElement?.closest<HTMLElement>(MARK) ?? null) {
      if (!el.hasAttribute("data-hidden")) out.push(el);
    }
    return out;
  }, []);

  /** Below the hovered line, or below the last line of a focused segment so the popover does not hide it. */
  const place = useCallback((el: HTMLElement, pointerY?: number): { top: number; left: number } => {
    const box = bodyRef.current!.getBoundingClientRect();
    const rects = [...el.getClientRects()];
    const r =
      (pointerY !== undefined ? rects.find((x) => pointerY >= x.top && pointerY <= x.bottom) : rects[rects.length - 1]) ??
      rects[0] ??
      el.getBoundingClientRect();
    const width = Math.min(384, box.width);
    return { top: r.bottom - box.top + 4, left: Math.max(0, Math.min(r.left - box.left, box.width - width)) };
  }, []);

  const idOf = (el: Element) => Number(el.getAttribute("data-passage-id"));

  const showFocused = useCallback(
    (el: HTMLElement) => {
      if (el.hasAttribute("data-hidden")) return setActive(null);
      const chain = chainAt(el).map(idOf);
      const focusId = idOf(el);
      el.setAttribute("aria-describedby", popoverId);
      setActive({ ids: [focusId, ...chain.filter((id) => id !== focusId)], focusId, ...place(el) });
    },
    [chainAt, place, popoverId],
  );

  const cancelLeave = () => window.clearTimeout(leaveTimer.current);
  const scheduleLeave = () => {
    cancelLeave();
    leaveTimer.current = window.setTimeout(() => {
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused.matches(MARK) && bodyRef.current?.contains(focused)) showFocused(focused);
      else setActive(null);
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);
  // Marks the reader as interactive once hydrated (tests and styles can wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // Escape closes the popover wherever focus is (WCAG 1.4.13: dismissible).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setActive(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active]);

  const onMouseOver = (e: React.MouseEvent) => {
    const target = e.target as Element;
    if (popoverRef.current?.contains(target)) return cancelLeave();
    const chain = chainAt(target);
    if (!chain.length) return scheduleLeave();
    cancelLeave();
    const ids = chain.map(idOf);
    setActive((prev) => (prev && prev.focusId === null && prev.ids.join() === ids.join() ? prev : { ids, focusId: null, ...place(chain[0], e.clientY) }));
  };

  const onFocus = (e: React.FocusEvent) => {
    const el = (e.target as Element).closest<HTMLElement>(MARK);
    if (el && e.target === el) {
      cancelLeave();
      showFocused(el);
    }
  };

  const onBlur = (e: React.FocusEvent) => {
    (e.target as Element).removeAttribute("aria-describedby");
    const next = e.relatedTarget as Element | null;
    if (!next || !next.matches(MARK) || !bodyRef.current?.contains(next)) setActive((prev) => (prev && prev.focusId !== null ? null : prev));
  };

  const toggle = (dimension: string, show: boolean) => {
    setActive(null);
    setHidden((prev) => {
      const next = new Set(prev);
      if (show) next.delete(dimension);
      else next.add(dimension);
      return next;
    });
  };

  const total = data.passages.length;
  return (
    <div className="article-reader" data-testid="article-reader" data-ready={ready ? "true" : undefined} style={{ "--lanes": Math.min(data.lanes, MAX_LANE + 1) } as CSSProperties}>
      <Legend dimensions={data.dimensions} hidden={hidden} onToggle={toggle} onAll={(show) => {
        setActive(null);
        setHidden(show ? new Set() : new Set(data.dimensions.map((d) => d.key)));
      }} />
      <section className="article-text" aria-labelledby="article-text-title">
        <h2 id="article-text-title">Article text</h2>
        <p className="muted article-text-help">
          {total} coded passage{total === 1 ? "" : "s"} highlighted. Hover over a highlight, or press Tab to move from passage to passage, to see its code,
          coder and note; Escape closes the note.{" "}
          <a href="#after-article-text" className="skip-highlights">
            Skip past the article text
          </a>
        </p>
        <div
          className="article-body"
          ref={bodyRef}
          data-testid="article-body"
          data-hidden-dimensions={[...hidden].sort().join(" ")}
          onMouseOver={onMouseOver}
          onMouseLeave={scheduleLeave}
          onFocus={onFocus}
          onBlur={onBlur}
        >
          <Body paragraphs={data.paragraphs} byId={byId} codes={codes} hidden={hidden} />
          {active && (
            <div
              ref={popoverRef}
              id={popoverId}
              role="tooltip"
              className="passage-popover"
              data-testid="passage-popover"
              style={{ top: active.top, left: active.left }}
              onMouseEnter={cancelLeave}
            >
              {active.ids.map((id, k) => {
                const p = byId.get(id);
                if (!p) return null;
                const c = codes.get(codeKey(p.dimension, p.code));
                return (
                  <div key={id} className="pp-item" data-popover-passage={id} data-code={p.code} data-dimension={p.dimension}>
                    {k === 1 && active.focusId !== null && <p className="pp-also">Also coded on this text:</p>}
                    <p className="pp-code">
                      <span className="legend-swatch" style={c ? highlightStyle(c.code.colour, c.code.tint) : undefined} aria-hidden="true" />
                      <strong>{c?.code.label ?? p.code}</strong> <span className="pp-dim">· {c?.dimension.label ?? p.dimension}</span>
                    </p>
                    <p className="pp-coder">
                      Coder: {p.coder}
                      {p.coderName && p.coderName !== p.coder ? ` (${p.coderName})` : ""}
                    </p>
                    {p.note ? <p className="pp-note">Note: {p.note}</p> : <p className="pp-note pp-none">No note from the coder.</p>}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </section>
    </div>
  );
}

function Legend({
  dimensions,
  hidden,
  onToggle,
  onAll,
}: {
  dimensions: ReaderDimension[];
  hidden: ReadonlySet<string>;
  onToggle: (dimension: string, show: boolean) => void;
  onAll: (show: boolean) => void;
}) {
  return (
    <aside className="article-legend" aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title">Highlights</h2>
      <p className="legend-help">Each dimension’s passages can be shown or hidden; the text stays. Counts are passages in this article.</p>
      <div className="legend-actions">
        <button type="button" onClick={() => onAll(true)} data-testid="legend-show-all">
          Show all
        </button>
        <button type="button" onClick={() => onAll(false)} data-testid="legend-hide-all">
          Hide all
        </button>
      </div>
      {dimensions.map((d) => (
        <div key={d.key} className="legend-dim" data-legend-dimension={d.key} data-count={d.count}>
          <label className="legend-toggle">
            <input type="checkbox" checked={!hidden.has(d.key)} onChange={(e) => onToggle(d.key, e.target.checked)} data-testid={`toggle-${d.key}`} />
            <span>
              <span className="legend-dim-label">{d.label}</span>{" "}
              <span className="legend-count">
                {d.count} passage{d.count === 1 ? "" : "s"}
              </span>
            </span>
          </label>
          <ul className="legend-codes">
            {d.codes.map((c) => (
              <li key={c.key} data-legend-code={c.key} data-count={c.count} className={c.count ? undefined : "legend-unused"}>
                <span className="legend-swatch" style={highlightStyle(c.colour, c.tint)} aria-hidden="true" />
                <span className="legend-code-label">{c.label}</span>
                <span className="legend-count">
                  {c.count}
                  <span className="sr-only"> passage{c.count === 1 ? "" : "s"}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </aside>
  );
}

const Body = memo(function Body({
  paragraphs,
  byId,
  codes,
  hidden,
}: {
  paragraphs: Paragraph[];
  byId: Map<number, ReaderPassage>;
  codes: CodeIndex;
  hidden: ReadonlySet<string>;
}) {
  return (
    <>
      {paragraphs.map((p) =>
        p.segments.length === 0 ? null : (
          <p key={p.index} data-paragraph={p.index}>
            {p.segments.map((s, k) => (
              <Fragment key={k}>{renderSegment(s, byId, codes, hidden)}</Fragment>
            ))}
          </p>
        ),
      )}
    </>
  );
});

/** A segment wrapped in one mark per covering passage, outermost first. */
function renderSegment(s: Segment, byId: Map<number, ReaderPassage>, codes: CodeIndex, hidden: ReadonlySet<string>): ReactNode {
  let node: ReactNode = s.text;
  for (let i = s.ids.length - 1; i >= 0; i--) {
    const p = byId.get(s.ids[i]);
    if (!p) continue;
    const c = codes.get(codeKey(p.dimension, p.code));
    const first = s.first.includes(p.id);
    const off = hidden.has(p.dimension);
    node = (
      <mark
        className="hl"
        id={first ? `p-${p.id}` : undefined}
        data-passage-id={p.id}
        data-dimension={p.dimension}
        data-code={p.code}
        data-coder={p.coder}
        data-start={p.start}
        data-end={p.end}
        data-lane={p.lane}
        data-first={first ? "true" : undefined}
        data-hidden={off ? "true" : undefined}
        tabIndex={first && !off ? 0 : -1}
        style={c ? highlightStyle(c.code.colour, c.code.tint, p.lane) : undefined}
      >
        {node}
      </mark>
    );
  }
  return node;
}
