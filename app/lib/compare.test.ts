import { describe, expect, it } from "vitest";
import { diffPp, formatPct, formatPp, resolvePair } from "./compare";

const OUTLETS = ["campus-journal", "hankyoreh", "joongang-daily"];

describe("resolvePair", () => {
  it("defaults to hankyoreh and joongang-daily", () => {
    expect(resolvePair({}, OUTLETS)).toEqual({ a: "hankyoreh", b: "joongang-daily", issues: [] });
  });
  it("keeps a valid pair", () => {
    expect(resolvePair({ a: "joongang-daily", b: "campus-journal" }, OUTLETS)).toEqual({
      a: "joongang-daily",
      b: "campus-journal",
      issues: [],
    });
  });
  it("reports an unknown outlet and falls back to a default different from the other side", () => {
    const r = resolvePair({ a: "nope", b: "hankyoreh" }, OUTLETS);
    expect(r.a).toBe("joongang-daily");
    expect(r.b).toBe("hankyoreh");
    expect(r.issues.map((i) => i.param)).toEqual(["a"]);
  });
  it("reports b equal to a", () => {
    const r = resolvePair({ a: "joongang-daily", b: "joongang-daily" }, OUTLETS);
    expect([r.a, r.b]).toEqual(["joongang-daily", "hankyoreh"]);
    expect(r.issues.map((i) => i.param)).toEqual(["b"]);
  });
  it("reports a repeated parameter; an empty one is just missing", () => {
    expect(
      resolvePair({ a: ["hankyoreh", "campus-journal"] }, OUTLETS).issues.map((i) => i.param),
    ).toEqual(["a"]);
    expect(resolvePair({ a: "", b: "" }, OUTLETS)).toEqual({
      a: "hankyoreh",
      b: "joongang-daily",
      issues: [],
    });
  });
  it("uses slug order without the preferred outlets, and gives nulls with fewer than two", () => {
    expect(resolvePair({}, ["b-paper", "a-paper"])).toMatchObject({ a: "a-paper", b: "b-paper" });
    expect(resolvePair({}, ["only"])).toMatchObject({ a: "only", b: null });
  });
});

describe("formatting", () => {
  it("signs differences in percentage points with one decimal", () => {
    expect(formatPp(diffPp(0.3043, 0.3889))).toBe("\u22128.5 pp");
    expect(formatPp(diffPp(0.5, 0.25))).toBe("+25.0 pp");
    expect(formatPp(diffPp(0.2, 0.2))).toBe("0.0 pp");
    expect(formatPp(-0.04)).toBe("0.0 pp");
    expect(formatPp(diffPp(null, 0.2))).toBe("–");
    expect(formatPct(0.304347)).toBe("30.4 %");
    expect(formatPct(null)).toBe("–");
  });
});
