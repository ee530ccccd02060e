import type { Paragraph } from "@/app/ui/article/segments";
import type { TextRange } from "./text-ranges";

/*
 * Between body offsets and the DOM of the highlighted text: each <p data-paragraph=i> holds
 * exactly body.slice(paragraph.start, paragraph.end), however many <mark>s wrap its pieces.
 */

function paragraphOf(container: HTMLElement, node: Node): HTMLElement | null {
  const el = node instanceof Element ? node : node.parentElement;
  const p = el?.closest<HTMLElement>("p[data-paragraph]");
  return p && container.contains(p) ? p : null;
}

/** The body offset of a DOM position inside the text, or null when it is outside it. */
export function bodyOffset(
  container: HTMLElement,
  paragraphs: readonly Paragraph[],
  node: Node,
  offset: number,
): number | null {
  const p = paragraphOf(container, node);
  if (p) {
    const para = paragraphs[Number(p.dataset.paragraph)];
    if (!para) return null;
    const range = document.createRange();
    range.setStart(p, 0);
    range.setEnd(node, offset);
    return Math.min(para.end, para.start + range.toString().length);
  }
  if (node !== container) return null;
  // A position between paragraphs (a triple click selects up to the next one's start).
  const next = container.childNodes[offset];
  if (next instanceof HTMLElement && next.dataset.paragraph !== undefined)
    return paragraphs[Number(next.dataset.paragraph)]?.start ?? null;
  return paragraphs.at(-1)?.end ?? null;
}

/** The selection inside the text as body offsets, or null (none, collapsed, or outside it). */
export function selectionOffsets(
  container: HTMLElement,
  paragraphs: readonly Paragraph[],
): TextRange | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const start = bodyOffset(container, paragraphs, r.startContainer, r.startOffset);
  const end = bodyOffset(container, paragraphs, r.endContainer, r.endOffset);
  if (start === null || end === null || start === end) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** The DOM position of a body offset: a text node and an offset in it. */
function domPosition(
  container: HTMLElement,
  paragraphs: readonly Paragraph[],
  offset: number,
  preferEnd: boolean,
): [Node, number] | null {
  const para =
    paragraphs.find((p) => (preferEnd ? offset <= p.end : offset < p.end)) ?? paragraphs.at(-1);
  if (!para) return null;
  const p = container.querySelector<HTMLElement>(`p[data-paragraph="${para.index}"]`);
  if (!p) return null;
  let rest = Math.max(0, offset - para.start);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const len = n.data.length;
    if (rest < len || (preferEnd && rest === len)) return [n, rest];
    rest -= len;
    last = n;
  }
  return last ? [last, last.data.length] : [p, 0];
}

/** A DOM Range over body offsets [start, end). */
export function domRange(
  container: HTMLElement,
  paragraphs: readonly Paragraph[],
  range: TextRange,
): Range | null {
  const a = domPosition(container, paragraphs, range.start, false);
  const b = domPosition(container, paragraphs, range.end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

const HIGHLIGHT = "coding-selection";

/**
 * Shows a range as the pending selection: a CSS custom highlight where the browser has them
 * (the DOM stays untouched, so React can redraw the marks), else the document selection.
 */
export function showSelection(range: Range | null): void {
  const highlights = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS
    ?.highlights;
  const Highlight = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (highlights && Highlight) {
    if (range) highlights.set(HIGHLIGHT, new Highlight(range));
    else highlights.delete(HIGHLIGHT);
    return;
  }
  const sel = window.getSelection();
  sel?.removeAllRanges();
  if (range) sel?.addRange(range);
}

/** Where to put a panel under a range or element, relative to `box` (clamped to its width). */
export function panelPosition(
  box: HTMLElement,
  target: Range | Element,
  width = 384,
): { top: number; left: number } {
  const outer = box.getBoundingClientRect();
  const rects = [...target.getClientRects()];
  const r = rects.at(-1) ?? target.getBoundingClientRect();
  const w = Math.min(width, outer.width);
  return {
    top: r.bottom - outer.top + 6,
    left: Math.max(0, Math.min(r.left - outer.left, outer.width - w)),
  };
}
