import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type MouseEvent,
} from "react";
import { MARK } from "./highlight";

/** The passages the popover shows and where. */
export interface ActivePassages {
  /** Passages shown, the one in focus (if any) first. */
  ids: number[];
  focusId: number | null;
  top: number;
  left: number;
}

/**
 * The popover over the article body: it follows the pointer over highlights
 * and keyboard focus on them, lingers briefly so the pointer can reach it,
 * and closes on Escape (WCAG 1.4.13: hoverable, dismissible). Spread
 * `bodyProps` on the element that holds the highlighted text.
 */
export function usePassagePopover() {
  const [active, setActive] = useState<ActivePassages | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const leaveTimer = useRef<number | undefined>(undefined);
  const popoverId = `passage-popover-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;

  const showFocused = (el: HTMLElement) => {
    if (el.hasAttribute("data-hidden")) return setActive(null);
    const chain = marksAt(bodyRef.current, el).map(passageIdOf);
    const focusId = passageIdOf(el);
    el.setAttribute("aria-describedby", popoverId);
    setActive({
      ids: [focusId, ...chain.filter((id) => id !== focusId)],
      focusId,
      ...popoverPosition(bodyRef.current!, el),
    });
  };

  const cancelLeave = () => window.clearTimeout(leaveTimer.current);
  const scheduleLeave = () => {
    cancelLeave();
    leaveTimer.current = window.setTimeout(() => {
      const focused = document.activeElement;
      if (
        focused instanceof HTMLElement &&
        focused.matches(MARK) &&
        bodyRef.current?.contains(focused)
      )
        showFocused(focused);
      else setActive(null);
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);
  const close = useCallback(() => setActive(null), []);
  useCloseOnEscape(active !== null, close);

  const onMouseOver = (e: MouseEvent) => {
    const target = e.target as Element;
    if (popoverRef.current?.contains(target)) return cancelLeave();
    const chain = marksAt(bodyRef.current, target);
    if (!chain.length) return scheduleLeave();
    cancelLeave();
    const ids = chain.map(passageIdOf);
    setActive((prev) =>
      prev && prev.focusId === null && prev.ids.join() === ids.join()
        ? prev
        : { ids, focusId: null, ...popoverPosition(bodyRef.current!, chain[0], e.clientY) },
    );
  };

  const onFocus = (e: FocusEvent) => {
    const el = (e.target as Element).closest<HTMLElement>(MARK);
    if (el && e.target === el) {
      cancelLeave();
      showFocused(el);
    }
  };

  const onBlur = (e: FocusEvent) => {
    (e.target as Element).removeAttribute("aria-describedby");
    const next = e.relatedTarget as Element | null;
    if (!next?.matches(MARK) || !bodyRef.current?.contains(next))
      setActive((prev) => (prev && prev.focusId !== null ? null : prev));
  };

  return {
    active,
    close,
    popoverId,
    popoverRef,
    cancelLeave,
    bodyProps: { ref: bodyRef, onMouseOver, onMouseLeave: scheduleLeave, onFocus, onBlur },
  };
}

/** While `open`, Escape calls `close` wherever focus is. */
function useCloseOnEscape(open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, close]);
}

const passageIdOf = (el: Element) => Number(el.getAttribute("data-passage-id"));

/** The marks wrapping one segment, innermost first, skipping hidden ones. */
function marksAt(body: HTMLElement | null, target: Element): HTMLElement[] {
  let inner = target.closest<HTMLElement>(MARK);
  if (!inner) return [];
  while (
    inner.firstElementChild instanceof HTMLElement &&
    inner.firstElementChild.matches(MARK) &&
    inner.childNodes.length === 1
  ) {
    inner = inner.firstElementChild;
  }
  const out: HTMLElement[] = [];
  for (
    let el: HTMLElement | null = inner;
    el && body?.contains(el);
    el = el.parentElement?.closest<HTMLElement>(MARK) ?? null
  ) {
    if (!el.hasAttribute("data-hidden")) out.push(el);
  }
  return out;
}

/** Below the hovered line, or below the last line of a focused segment so the popover does not hide it. */
function popoverPosition(
  body: HTMLElement,
  el: HTMLElement,
  pointerY?: number,
): { top: number; left: number } {
  const box = body.getBoundingClientRect();
  const rects = [...el.getClientRects()];
  const r =
    (pointerY !== undefined
      ? rects.find((x) => pointerY >= x.top && pointerY <= x.bottom)
      : rects[rects.length - 1]) ??
    rects[0] ??
    el.getBoundingClientRect();
  const width = Math.min(384, box.width);
  return {
    top: r.bottom - box.top + 4,
    left: Math.max(0, Math.min(r.left - box.left, box.width - width)),
  };
}
