import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5, normalisedMd5, normaliseWhitespace, whitespaceMap } from "./import-text";

/** Whitespace-normalised matching: what maps where, on hand-picked and random texts. */

const SPACES = [" ", "  ", "\n", "\r\n", "\t", " \n\n "];

/** The text with every whitespace run replaced by a random one, and some added at the ends. */
const respaced = (text: string, runs: string[], lead: string, trail: string) => {
  let i = 0;
  return lead + text.replace(/[\t\n\v\f\r ]+/g, () => runs[i++ % runs.length]) + trail;
};

describe("normalised text", () => {
  it("normalises like normalised_text_md5: runs to one space, none at either end", () => {
    expect(normaliseWhitespace("  a \t b\r\n\nc  ")).toBe("a b c");
    expect(normaliseWhitespace("\u00a0a")).toBe("\u00a0a");
    expect(md5("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(normalisedMd5(" x ")).toBe(md5("x"));
  });

  it("maps every character of the source onto the same character of the body", () => {
    const source = "  Kim 😀 met\n\nPutin  at 𠜎 Vostochny. ";
    const body = "Kim 😀 met Putin at\t𠜎 Vostochny.";
    const map = whitespaceMap(source, body);
    for (let i = 0; i < source.length; i++)
      if (!/\s/.test(source[i])) expect(body[map[i]]).toBe(source[i]);
    const quote = "Putin  at 𠜎";
    const at = source.indexOf(quote);
    expect(body.slice(map[at], map[at + quote.length])).toBe("Putin at\t𠜎");
    expect(map[source.length]).toBe(body.length);
  });

  it("random texts: characters map one to one and spans keep their text modulo whitespace", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "😀", "한", "."), minLength: 1 });
    const run = fc.constantFrom(...SPACES);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.array(run, { minLength: 1, maxLength: 4 }),
        fc.array(run, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("", " ", "\n "),
        fc.constantFrom("", " ", "\n"),
        fc.nat(),
        fc.nat(),
        (words, runsA, runsB, lead, trail, x, y) => {
          const base = words.join(" ");
          const source = respaced(base, runsA, lead, trail);
          const body = respaced(base, runsB, trail, lead);
          expect(normaliseWhitespace(source)).toBe(normaliseWhitespace(body));
          const map = whitespaceMap(source, body);
          for (let i = 0; i < source.length; i++)
            if (!/\s/.test(source[i])) expect(body[map[i]]).toBe(source[i]);
          const [a, b] = [x % (source.length + 1), y % (source.length + 1)].sort((p, q) => p - q);
          expect(map[a]).toBeLessThanOrEqual(map[b]);
          expect(normaliseWhitespace(body.slice(map[a], map[b]))).toBe(
            normaliseWhitespace(source.slice(a, b)),
          );
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});
