import { describe, expect, it } from "vitest";
import { pressedShortcut, RESERVED_KEYS, shortcutKeys } from "./shortcuts";

const codebook = [
  { key: "ties", codes: [{ key: "a" }, { key: "b" }, { key: "c" }, { key: "d" }, { key: "e" }] },
  { key: "remedy", codes: [{ key: "a" }, { key: "b" }, { key: "c" }, { key: "d" }, { key: "e" }] },
  { key: "blame", codes: [{ key: "a" }, { key: "b" }, { key: "c" }] },
  { key: "generic", codes: [{ key: "a" }, { key: "b" }, { key: "c" }] },
];

describe("shortcutKeys", () => {
  it("gives digits then letters in codebook order", () => {
    const keys = shortcutKeys(codebook);
    expect(keys.get("ties.a")).toBe("1");
    expect(keys.get("remedy.e")).toBe("0");
    expect(keys.get("blame.a")).toBe("a");
    expect([...keys.values()].slice(10)).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("is the same for the same codebook and never uses a reserved key or a key twice", () => {
    const big = Array.from({ length: 8 }, (_, d) => ({
      key: `d${d}`,
      codes: Array.from({ length: 6 }, (_, c) => ({ key: `c${c}` })),
    }));
    const keys = shortcutKeys(big);
    expect([...shortcutKeys(big)]).toEqual([...keys]);
    const values = [...keys.values()];
    expect(new Set(values).size).toBe(values.length);
    for (const k of values) expect(RESERVED_KEYS.has(k)).toBe(false);
    expect(values).not.toContain("j");
    expect(values).not.toContain("k");
    // 10 digits and 22 letters: the 33rd code onwards has no key.
    expect(values).toHaveLength(32);
    expect(keys.has("d5.c1")).toBe(true);
    expect(keys.has("d5.c2")).toBe(false);
  });

  it("moves later codes along when a code is added earlier in the codebook", () => {
    const more = [
      { key: "ties", codes: [{ key: "z" }, ...codebook[0].codes] },
      ...codebook.slice(1),
    ];
    expect(shortcutKeys(more).get("ties.a")).toBe("2");
  });
});

describe("pressedShortcut", () => {
  it("reads letters in either case and digits from the physical key", () => {
    expect(pressedShortcut({ key: "a" })).toBe("a");
    expect(pressedShortcut({ key: "A" })).toBe("a");
    expect(pressedShortcut({ key: "!", code: "Digit1" })).toBe("1");
    expect(pressedShortcut({ key: "3", code: "Numpad3" })).toBe("3");
  });

  it("ignores modified keys and keys that are not letters or digits", () => {
    expect(pressedShortcut({ key: "a", ctrlKey: true })).toBeNull();
    expect(pressedShortcut({ key: "a", metaKey: true })).toBeNull();
    expect(pressedShortcut({ key: "1", code: "Digit1", altKey: true })).toBeNull();
    expect(pressedShortcut({ key: "ArrowDown" })).toBeNull();
    expect(pressedShortcut({ key: " " })).toBeNull();
    expect(pressedShortcut({ key: "é" })).toBeNull();
  });
});
