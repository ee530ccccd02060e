import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignLanes, paragraphRanges, segmentBody, tint, type Paragraph } from "./segments";

/** What a reader of the page sees for one passage: its segments in order, "\n\n" between paragraphs. */
function highlighted(paragraphs: Paragraph[], id: number): string {
  let out = "";
  let last = -1;
  for (const p of paragraphs) {
    for (const s of p.segments) {
      if (!s.ids.includes(id)) continue;
      if (last !== -1 && last !== p.index) out += "\n\n";
      out += s.text;
      last = p.index;
    }
  }
  return out;
}

describe("segmentBody", () => {
  it("splits paragraphs on blank lines and keeps offsets into the whole body", () => {
    expect(paragraphRanges("ab\n\ncd\n\ne")).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
      { start: 8, end: 9 },
    ]);
  });

  it("nests overlapping passages and marks each passage's first segment", () => {
    const body = "One two three.\n\nFour five.";
    const passages = [
      { id: 1, start: 0, end: 14 },
      { id: 2, start: 4, end: 7 },
      { id: 3, start: 8, end: 26 },
    ];
    const paras = segmentBody(body, passages);
    expect(paras.map((p) => p.segments.map((s) => s.text))).toEqual([
      ["One ", "two", " ", "three."],
      ["Four five."],
    ]);
    const two = paras[0].segments[1];
    expect(new Set(two.ids)).toEqual(new Set([1, 2]));
    expect(two.first).toEqual([2]);
    expect(paras[1].segments[0].ids).toEqual([3]);
    expect(paras[1].segments[0].first).toEqual([]);
    expect(highlighted(paras, 3)).toBe("three.\n\nFour five.");
    // The contained passage gets the lower lane and is nested innermost.
    const lanes = assignLanes(passages);
    expect(lanes.get(2)).toBeLessThan(lanes.get(1)!);
    expect(two.ids[two.ids.length - 1]).toBe(2);
  });

  it("every passage's segments concatenate to its quote (property)", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", " ", "\n", "é", "😀"), { minLength: 1, maxLength: 60 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
        (body, pairs) => {
          const passages = pairs.map(([a, b], id) => {
            const x = a % (body.length + 1);
            const y = b % (body.length + 1);
            return { id, start: Math.min(x, y), end: Math.max(x, y) };
          });
          const paras = segmentBody(body, passages);
          const lanes = assignLanes(passages);
          for (const p of passages) {
            // What lies inside paragraphs, one piece per paragraph; equals the quote whenever the
            // passage neither starts nor ends inside a separator and skips no empty paragraph.
            const pieces = paragraphRanges(body)
              .map((r) => body.slice(Math.max(r.start, p.start), Math.min(r.end, p.end)))
              .filter((piece) => piece !== "");
            if (pieces.length === 0) continue; // nothing to draw; the page still shows an empty mark for it
            expect(highlighted(paras, p.id)).toBe(pieces.join("\n\n"));
            expect(
              paras.flatMap((q) => q.segments).filter((s) => s.first.includes(p.id)),
            ).toHaveLength(1);
          }
          for (const a of passages)
            for (const b of passages)
              if (a.id !== b.id && a.start < b.end && b.start < a.end)
                expect(lanes.get(a.id)).not.toBe(lanes.get(b.id));
        },
      ),
    );
  });
});

describe("tint", () => {
  it("mixes a colour with white", () => {
    expect(tint("#000000", 0.25)).toBe("#bfbfbf");
    expect(tint("#FFFFFF")).toBe("#ffffff");
    expect(tint("nonsense")).toBe("#f1f1f4");
  });
});
