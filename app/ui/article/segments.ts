/**
 * Splits an article body into paragraphs and, inside each paragraph, into
 * segments at every passage boundary, so overlapping and nested passages can
 * be drawn as nested <mark> elements. Offsets are JS string (UTF-16) indices
 * into the full body; paragraphs are separated by "\n\n".
 */

export interface SpanPassage {
  id: number;
  start: number;
  end: number;
}

export interface Segment {
  /** The body text of this segment (may be "" only for a zero-length passage). */
  text: string;
  start: number;
  end: number;
  /** Passages covering the segment, outermost mark first. */
  ids: number[];
  /** Passages for which this is the first segment (they carry id="p-<id>" here). */
  first: number[];
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  segments: Segment[];
}

const PARAGRAPH_SEPARATOR = "\n\n";

/** The paragraphs of a body as [start, end) ranges, separators excluded. */
export function paragraphRanges(body: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const at = body.indexOf(PARAGRAPH_SEPARATOR, start);
    if (at === -1) break;
    out.push({ start, end: at });
    start = at + PARAGRAPH_SEPARATOR.length;
  }
  out.push({ start, end: body.length });
  return out;
}

/**
 * One drawing lane per passage: overlapping passages never share a lane, and
 * shorter passages take lower lanes than the passages that contain them, so a
 * nested passage's underline sits closest to the text and each passage's
 * underline stays at one height along its whole length.
 */
export function assignLanes(passages: readonly SpanPassage[]): Map<number, number> {
  const order = [...passages].sort(
    (a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || a.id - b.id,
  );
  const lanes = new Map<number, number>();
  const placed: { p: SpanPassage; lane: number }[] = [];
  for (const p of order) {
    const used = new Set(placed.filter((q) => overlaps(p, q.p)).map((q) => q.lane));
    let lane = 0;
    while (used.has(lane)) lane++;
    lanes.set(p.id, lane);
    placed.push({ p, lane });
  }
  return lanes;
}

function overlaps(a: SpanPassage, b: SpanPassage): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Paragraphs split into segments; every passage appears in at least one segment. */
export function segmentBody(
  body: string,
  passages: readonly SpanPassage[],
  lanes = assignLanes(passages),
): Paragraph[] {
  const clamp = (n: number) => Math.max(0, Math.min(body.length, n));
  const spans = passages.map((p) => ({
    id: p.id,
    start: clamp(p.start),
    end: Math.max(clamp(p.start), clamp(p.end)),
  }));
  const lane = (id: number) => lanes.get(id) ?? 0;
  // Outermost mark first: the highest lane wraps the others.
  const nestOrder = (a: number, b: number) => lane(b) - lane(a) || a - b;

  const cuts = new Set<number>();
  for (const s of spans) cuts.add(s.start).add(s.end);
  const seen = new Set<number>();

  const paragraphs: Paragraph[] = paragraphRanges(body).map((r, index) => {
    const points = [r.start, r.end, ...[...cuts].filter((c) => c > r.start && c < r.end)].sort(
      (a, b) => a - b,
    );
    const segments: Segment[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const start = points[k];
      const end = points[k + 1];
      if (start === end) continue;
      const ids = spans
        .filter((s) => s.start <= start && s.end >= end)
        .map((s) => s.id)
        .sort(nestOrder);
      const first = ids.filter((id) => !seen.has(id));
      for (const id of first) seen.add(id);
      segments.push({ text: body.slice(start, end), start, end, ids, first });
    }
    return { index, start: r.start, end: r.end, segments };
  });

  // Zero-length passages (or ones lying wholly inside a separator) still get an empty mark.
  for (const s of spans) {
    if (seen.has(s.id)) continue;
    const para = paragraphs.find((p) => s.start <= p.end) ?? paragraphs[paragraphs.length - 1];
    let at = para.segments.findIndex((seg) => seg.start >= s.start);
    if (at === -1) at = para.segments.length;
    para.segments.splice(at, 0, {
      text: "",
      start: s.start,
      end: s.start,
      ids: [s.id],
      first: [s.id],
    });
    seen.add(s.id);
  }
  return paragraphs;
}

/** A light, opaque tint of a #RRGGBB colour (mixed with white), for highlight backgrounds. */
export function tint(hex: string, amount = 0.24): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return "#f1f1f4";
  const n = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
