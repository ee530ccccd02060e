import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { PositionMap } from "./positions";

/** Every UTF-16 offset that starts a code point, plus the end. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  for (const ch of text) {
    out.push(i);
    i += ch.length;
  }
  out.push(text.length);
  return out;
}

function roundTripsEveryOffset(text: string): void {
  const map = new PositionMap(text);
  const units = boundaries(text);
  expect(map.codePoints).toBe([...text].length);
  units.forEach((unit, point) => {
    expect(map.toCodePoint(unit)).toBe(point);
    expect(map.toUtf16(point)).toBe(unit);
  });
}

describe("PositionMap", () => {
  test("text in the Basic Multilingual Plane: offsets are the same both ways", () => {
    const text = "Seoul's diplomacy — 북한과 러시아";
    const map = new PositionMap(text);
    expect(map.codePoints).toBe(text.length);
    for (let i = 0; i <= text.length; i++) {
      expect(map.toCodePoint(i)).toBe(i);
      expect(map.toUtf16(i)).toBe(i);
    }
    roundTripsEveryOffset(text);
  });

  test("an emoji counts one code point and two UTF-16 units", () => {
    const text = "ab😀cd";
    const map = new PositionMap(text);
    expect(map.codePoints).toBe(5);
    expect(map.toCodePoint(2)).toBe(2); // the emoji starts
    expect(map.toCodePoint(4)).toBe(3); // "c"
    expect(map.toUtf16(3)).toBe(4);
    expect(map.toUtf16(5)).toBe(6);
    // "cd" as Framescope stores it (4..6) is 3..5 in the file.
    expect(text.slice(4, 6)).toBe([...text].slice(3, 5).join(""));
    roundTripsEveryOffset(text);
  });

  test("a rare Hanja outside the BMP (U+20000)", () => {
    const text = "𠀀 이름 𠀀";
    expect(text.length).toBe(8);
    const map = new PositionMap(text);
    expect(map.codePoints).toBe(6);
    expect(map.toCodePoint(3)).toBe(2); // "이"
    expect(map.toUtf16(5)).toBe(6); // the second 𠀀
    roundTripsEveryOffset(text);
  });

  test("mixed: astral characters at the start, in the middle, at the end and in a row", () => {
    roundTripsEveryOffset("😀 a 𠀀𠀁 한국어 🇰🇷 z😀");
  });

  test("an offset that splits a surrogate pair has no code point", () => {
    const text = "a😀b𠀀";
    const map = new PositionMap(text);
    expect(map.toCodePoint(2)).toBeNull(); // between the halves of 😀
    expect(map.toCodePoint(5)).toBeNull(); // between the halves of 𠀀
    expect(map.toCodePoint(1)).toBe(1);
    expect(map.toCodePoint(3)).toBe(2);
  });

  test("offsets outside the text, or not whole numbers, have no counterpart", () => {
    const map = new PositionMap("a😀");
    expect(map.toCodePoint(-1)).toBeNull();
    expect(map.toCodePoint(4)).toBeNull();
    expect(map.toCodePoint(1.5)).toBeNull();
    expect(map.toUtf16(3)).toBeNull();
    expect(map.toUtf16(-1)).toBeNull();
    expect(map.toUtf16(Number.NaN)).toBeNull();
    expect(new PositionMap("").toUtf16(0)).toBe(0);
  });

  test("a lone surrogate counts as one code point, as Python's slicing does", () => {
    const text = "a\uD800b\uDC00c";
    const map = new PositionMap(text);
    expect(map.codePoints).toBe(5);
    for (let i = 0; i <= 5; i++) expect(map.toUtf16(i)).toBe(i);
  });

  test("property: a span's text is the same by UTF-16 offsets and by code points", () => {
    const pieces = fc.constantFrom("a", " ", "한", "😀", "𠀀", "é", "\n", "🇰🇷");
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((a) => a.join("")),
        fc.nat(),
        fc.nat(),
        (text, x, y) => {
          const map = new PositionMap(text);
          const units = boundaries(text);
          const a = units[x % units.length];
          const b = units[y % units.length];
          const [start, end] = a <= b ? [a, b] : [b, a];
          const from = map.toCodePoint(start);
          const to = map.toCodePoint(end);
          expect(from).not.toBeNull();
          expect(to).not.toBeNull();
          expect([...text].slice(from ?? 0, to ?? 0).join("")).toBe(text.slice(start, end));
          expect(map.toUtf16(from ?? -1)).toBe(start);
          expect(map.toUtf16(to ?? -1)).toBe(end);
        },
      ),
      { seed: 12, numRuns: 500 },
    );
  });
});
