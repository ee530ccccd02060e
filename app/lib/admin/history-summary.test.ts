import { describe, expect, it } from "vitest";
import { summarizeHistoryValue } from "./history-summary";

describe("summarizeHistoryValue", () => {
  it("reads a passage: dimension, code, quote, offsets, voice and note", () => {
    expect(
      summarizeHistoryValue({
        id: 7,
        dimension: "frame",
        code: "security_threat",
        start: 10,
        end: 42,
        quote: "Pyongyang's troops are a direct threat",
        note: "strong wording",
        voice: "own",
        codeId: 3,
      }),
    ).toBe(
      "frame = security_threat “Pyongyang's troops are a direct threat” [10–42] voice own note: strong wording",
    );
  });

  it("clips a long quote", () => {
    const text = summarizeHistoryValue({ dimension: "d", code: "c", quote: "word ".repeat(40) });
    expect(text.length).toBeLessThan(90);
    expect(text).toContain("…”");
  });

  it("reads article-level codes, an unset one as none", () => {
    expect(summarizeHistoryValue({ weapons: { code: "oppose", note: null }, tone_gov: null })).toBe(
      "weapons = oppose; tone_gov = none",
    );
  });

  it("reads done state and assignments as their fields, dates in UTC", () => {
    expect(summarizeHistoryValue({ doneAt: "2026-11-29T13:05:09.123Z", articlePublic: true })).toBe(
      "doneAt 2026-11-29 13:05 UTC, articlePublic true",
    );
    expect(summarizeHistoryValue({ doneAt: null })).toBe("doneAt none");
  });

  it("shows nothing as a dash", () => {
    expect(summarizeHistoryValue(null)).toBe("—");
    expect(summarizeHistoryValue({})).toBe("—");
  });
});
