import { describe, expect, it } from "vitest";
import {
  diffPp,
  formatN,
  formatPp,
  isStanceDimension,
  pickQuotes,
  type Quotable,
  resolvePair,
  stanceShares,
} from "./compare";

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

describe("stanceShares", () => {
  it("divides by the articles that take a stance and counts the others apart", () => {
    // JoongAng: one article opposes, one takes no stance.
    const r = stanceShares([
      { side: "against", count: 1 },
      { side: "for", count: 0 },
      { side: "none", count: 1 },
    ]);
    expect(r).toEqual({ shares: [1, 0, null], taking: 1, noStance: 1 });
  });
  it("gives no shares when no article takes a stance", () => {
    expect(
      stanceShares([
        { side: "against", count: 0 },
        { side: "none", count: 3 },
      ]),
    ).toEqual({ shares: [null, null], taking: 0, noStance: 3 });
  });
  it("tells stance dimensions by their codes' sides", () => {
    expect(isStanceDimension([{ side: null }, { side: null }])).toBe(false);
    expect(isStanceDimension([{ side: "against" }, { side: "none" }])).toBe(true);
  });
});

describe("pickQuotes", () => {
  const p = (id: number, quote: string, voice = "own", start = id * 100, slug = "art") => ({
    id,
    quote,
    voice,
    start,
    end: start + quote.length,
    article: { slug },
  });
  const rank = (q: { voice: string }) => (q.voice === "own" ? 0 : 1);
  it("never lists the same quote twice across lists sharing `shown`, nor one inside another", () => {
    const shown: Quotable[] = [];
    const first = pickQuotes([p(1, "Same words."), p(2, "Same  words. ", "own", 500)], 2, shown);
    const second = pickQuotes(
      [
        p(3, "same words.", "own", 0, "other"),
        p(4, "Other words here."),
        p(5, "Same words. And more."),
      ],
      3,
      shown,
    );
    expect(first.map((q) => q.id)).toEqual([1]);
    expect(second.map((q) => q.id)).toEqual([4]);
  });
  it("skips a passage overlapping one already shown in the same article", () => {
    const shown: Quotable[] = [];
    pickQuotes([p(1, "The first part", "own", 0)], 1, shown);
    const next = pickQuotes(
      [p(2, "part and the second", "own", 10), p(3, "x", "own", 10, "b")],
      2,
      shown,
    );
    expect(next.map((q) => q.id)).toEqual([3]);
  });
  it("puts own voice first, then the shortest", () => {
    const quotes = [p(1, "short", "reported"), p(2, "a longer quote of its own"), p(3, "mine")];
    expect(pickQuotes(quotes, 3, [], rank).map((q) => q.id)).toEqual([3, 2, 1]);
    expect(pickQuotes(quotes, 1, [], rank).map((q) => q.id)).toEqual([3]);
  });
});

describe("formatting", () => {
  it("signs differences in percentage points, one decimal from 30 articles, whole below", () => {
    expect(formatPp(diffPp(0.3043, 0.3889))).toBe("\u22128.5 pp");
    expect(formatPp(diffPp(0.5, 0.25))).toBe("+25.0 pp");
    expect(formatPp(diffPp(0.2, 0.2))).toBe("0.0 pp");
    expect(formatPp(-0.04)).toBe("0.0 pp");
    expect(formatPp(diffPp(null, 0.2))).toBe("–");
    expect(formatPp(diffPp(0.3043, 0.3889), 2)).toBe("\u22128 pp");
    expect(formatPp(diffPp(0.3043, 0.3889), 30)).toBe("\u22128.5 pp");
    expect(formatPp(0.3, 2)).toBe("0 pp");
  });
  it("leads n with articles and pluralises", () => {
    expect(formatN({ articles: 2, passages: 18 })).toBe("2 articles (18 passages)");
    expect(formatN({ articles: 1, passages: 1 })).toBe("1 article (1 passage)");
    expect(formatN({ articles: 1, passages: 5 }, false)).toBe("1 article");
  });
});
