import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  sentenceAt,
  sentenceRanges,
  sentenceSpan,
  snapToSentences,
  snapToWords,
  type TextRange,
} from "./text-ranges";

const texts = (body: string, ranges: TextRange[]) => ranges.map((r) => body.slice(r.start, r.end));

describe("sentenceRanges", () => {
  it("splits at stops, question and exclamation marks, keeping closing quotes", () => {
    const body = 'Seoul must act. Will it? "Yes!" he said.  Then nothing.';
    expect(texts(body, sentenceRanges(body))).toEqual([
      "Seoul must act.",
      "Will it?",
      '"Yes!" he said.',
      "Then nothing.",
    ]);
  });

  it("does not split after titles, initials, dotted abbreviations or before lower case", () => {
    const body =
      "Mr. Putin met Kim Jong-un in the U.S. embassy. J. Smith left at 3 p.m. yesterday. Done.";
    expect(texts(body, sentenceRanges(body))).toEqual([
      "Mr. Putin met Kim Jong-un in the U.S. embassy.",
      "J. Smith left at 3 p.m. yesterday.",
      "Done.",
    ]);
  });

  it("never crosses a paragraph or a line break, and keeps offsets into the whole body", () => {
    const body = "First one. Second\n\nThird para\nA line. Last";
    const ranges = sentenceRanges(body);
    expect(texts(body, ranges)).toEqual(["First one.", "Second", "Third para", "A line.", "Last"]);
    expect(ranges[2].start).toBe(body.indexOf("Third"));
  });

  it("covers every non-space character once, in order, with trimmed sentences (property)", () => {
    const body = fc
      .array(fc.constantFrom("a", "B", " ", ".", "?", "\n", '"', "Mr", "😀", "é"), {
        maxLength: 80,
      })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(body, (b) => {
        const ranges = sentenceRanges(b);
        let last = 0;
        for (const r of ranges) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(r.end).toBeGreaterThan(r.start);
          expect(/\s/.test(b[r.start])).toBe(false);
          expect(/\s/.test(b[r.end - 1])).toBe(false);
          expect(b.slice(r.start, r.end)).not.toContain("\n");
          expect(b.slice(last, r.start).trim()).toBe("");
          last = r.end;
        }
        expect(b.slice(last).trim()).toBe("");
      }),
    );
  });
});

describe("snapToWords", () => {
  const body = "Seoul's  diplomacy faltered, Russia-NK ties grew.";
  it("takes a word cut in two whole and drops edge whitespace", () => {
    expect(texts(body, [snapToWords(body, { start: 2, end: 12 })!])).toEqual([
      "Seoul's  diplomacy",
    ]);
    expect(snapToWords(body, { start: 7, end: 9 })).toBeNull();
    expect(texts(body, [snapToWords(body, { start: 32, end: 36 })!])).toEqual(["Russia-NK"]);
  });

  it("keeps punctuation the coder selected and accepts a backwards selection", () => {
    expect(texts(body, [snapToWords(body, { start: 28, end: 20 })!])).toEqual(["faltered,"]);
  });

  it("is idempotent and only widens (property)", () => {
    fc.assert(
      fc.property(fc.nat(body.length), fc.nat(body.length), (a, b) => {
        const r = snapToWords(body, { start: a, end: b });
        if (!r) {
          expect(body.slice(Math.min(a, b), Math.max(a, b)).trim()).toBe("");
          return;
        }
        expect(snapToWords(body, r)).toEqual(r);
        expect(body.slice(r.start, r.end)).toContain(
          body.slice(Math.min(a, b), Math.max(a, b)).trim(),
        );
      }),
    );
  });
});

describe("sentence snapping and spans", () => {
  const body = "One two. Three four. Five six.";
  const sentences = sentenceRanges(body);
  it("widens a selection to the sentences it touches", () => {
    expect(texts(body, [snapToSentences(sentences, { start: 4, end: 11 })])).toEqual([
      "One two. Three four.",
    ]);
    // Ending exactly where a sentence starts does not take that sentence.
    expect(texts(body, [snapToSentences(sentences, { start: 0, end: 9 })])).toEqual(["One two."]);
  });

  it("finds the sentence at an offset and spans sentences in either order", () => {
    expect(sentenceAt(sentences, 0)).toBe(0);
    expect(sentenceAt(sentences, 8)).toBe(1);
    expect(sentenceAt(sentences, 999)).toBe(2);
    expect(texts(body, [sentenceSpan(sentences, 2, 1)])).toEqual(["Three four. Five six."]);
  });
});
