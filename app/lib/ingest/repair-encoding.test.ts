import { describe, expect, it } from "vitest";
import { repairKoreanMojibake, repairRun } from "./repair-encoding";

describe("repairRun", () => {
  it("decodes Korean text that was read as Latin-1 back to Hangul", () => {
    expect(repairRun("»ó´Ü¿©¹é")).toBe("상단여백");
    expect(repairRun("±â»ç")).toBe("기사");
  });

  it("repairs a lone caption bullet to ▲", () => {
    expect(repairRun("¡ã")).toBe("▲");
  });

  it("gives null for runs that do not decode to plausible Korean", () => {
    expect(repairRun("Àüüº¸±â")).toBeNull();
    expect(repairRun("ù¹ø°")).toBeNull();
  });
});

describe("repairKoreanMojibake", () => {
  it("repairs a whole run and counts it", () => {
    expect(repairKoreanMojibake("»ó´Ü¿©¹é")).toEqual({
      text: "상단여백",
      repaired: 1,
      dropped: [],
    });
  });

  it("repairs each run in a line and keeps the ASCII between them", () => {
    expect(repairKoreanMojibake("±â»ç ´ñ±Û 0°³")).toEqual({
      text: "기사 댓글 0개",
      repaired: 3,
      dropped: [],
    });
  });

  it("repairs a caption bullet in front of English text", () => {
    const result = repairKoreanMojibake(
      "¡ã North Korean leader Kim Jong-un (Source : Yonhap News)",
    );
    expect(result.text).toBe("▲ North Korean leader Kim Jong-un (Source : Yonhap News)");
    expect(result.repaired).toBe(1);
  });

  it("drops unrepairable runs and reports each one", () => {
    const result = repairKoreanMojibake("Àüüº¸±â\nù¹ø° ´ñ±ÛÀ» ³²°ÜÁÖ¼¼¿ä.");
    expect(result.dropped).toEqual(["Àüüº¸±â", "ù¹ø°"]);
    expect(result.text).toBe("\n 댓글을 남겨주세요.");
    expect(result.repaired).toBe(2);
    // Nothing of the dropped runs is left behind.
    expect(result.text).not.toMatch(/[\u0080-\u00FF]/);
  });

  it("leaves English text with typographic characters unchanged", () => {
    const samples = [
      "He said, “It’s over,” and left — quietly.",
      "‘Single quotes’ – en dash … ellipsis",
      "Copyright © The Campus Journal",
      "The café in Seoul served a naïve résumé.",
      "Posted on\u00A0:\u00A02024-06-14",
      "© 2024\u00A0Hankyoreh — “all rights reserved”",
    ];
    for (const text of samples) {
      expect(repairKoreanMojibake(text), text).toEqual({ text, repaired: 0, dropped: [] });
    }
  });

  it("leaves Hangul that was decoded correctly unchanged", () => {
    const text = "클릭시 원문으로 이동하는 버튼";
    expect(repairKoreanMojibake(text)).toEqual({ text, repaired: 0, dropped: [] });
  });
});
