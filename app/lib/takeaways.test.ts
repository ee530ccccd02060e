import { describe, expect, it } from "vitest";
import { meanTakeaway, shareTakeaway, stanceTakeaway, timelineTakeaway } from "./takeaways";

const hk = { slug: "hankyoreh", shortName: "Hankyoreh", n: { articles: 2, passages: 42 } };
const ja = { slug: "joongang-daily", shortName: "JoongAng", n: { articles: 2, passages: 18 } };
const big = { slug: "big", shortName: "Big", n: { articles: 40, passages: 400 } };

describe("shareTakeaway", () => {
  const codes = [
    { key: "security_threat", label: "Security threat" },
    { key: "transactional", label: "Transactional exchange" },
  ];
  const rows = [
    { outlet: "hankyoreh", code: "security_threat", count: 9, share: 9 / 42 },
    { outlet: "hankyoreh", code: "transactional", count: 33, share: 33 / 42 },
    { outlet: "joongang-daily", code: "security_threat", count: 7, share: 7 / 18 },
    { outlet: "joongang-daily", code: "transactional", count: 11, share: 11 / 18 },
  ];

  it("names the outlet and code furthest ahead, with numerator, denominator and the runner-up", () => {
    // Hankyoreh's transactional lead (78.6 % vs 61.1 %) is 17.5 points; JoongAng's security lead 17.5 too:
    // ties go to the larger count.
    expect(shareTakeaway({ outlets: [hk, ja], codes, rows }, "passages")).toBe(
      "Hankyoreh: transactional exchange in 33 of 42 passages (2 articles), the highest share of any outlet" +
        "; next: JoongAng, 11 of 18 passages (2 articles) — fewer than 5 articles for every outlet: too few to generalise.",
    );
  });

  it("has no comparison and no caveat for one large outlet", () => {
    const one = [{ outlet: "big", code: "security_threat", count: 300, share: 0.75 }];
    expect(shareTakeaway({ outlets: [big], codes, rows: one }, "passages")).toBe(
      "Big: security threat in 300 of 400 passages (40 articles).",
    );
  });

  it("says when nothing is coded", () => {
    expect(shareTakeaway({ outlets: [], codes, rows: [] }, "articles")).toBe(
      "No coded articles in view.",
    );
  });
});

describe("stanceTakeaway", () => {
  const codes = [
    { key: "oppose", label: "Oppose", side: "against" as const },
    { key: "conditional", label: "Conditional / leverage", side: "for" as const },
    { key: "support", label: "Support", side: "for" as const },
    { key: "reported_only", label: "Reported, no stance", side: "none" as const },
    { key: "not_addressed", label: "Not addressed", side: "none" as const },
  ];
  it("counts each side over all outlets and names who takes it", () => {
    const rows = [
      { outlet: "hankyoreh", code: "oppose", count: 2, share: 1 },
      { outlet: "joongang-daily", code: "oppose", count: 1, share: 0.5 },
      { outlet: "joongang-daily", code: "not_addressed", count: 1, share: 0.5 },
    ];
    expect(stanceTakeaway({ outlets: [hk, ja], codes, rows })).toBe(
      "3 of 4 articles oppose (Hankyoreh 2 of 2, JoongAng 1 of 2); 0 conditional / leverage or support; 1 take no stance" +
        " — fewer than 5 articles for every outlet: too few to generalise.",
    );
  });
});

describe("meanTakeaway", () => {
  const codes = [
    { key: "critical", label: "Critical", value: -2 },
    { key: "somewhat_critical", label: "Somewhat critical", value: -1 },
    { key: "neutral", label: "Neutral", value: 0 },
  ];
  it("gives the lowest and highest outlet mean with their n", () => {
    const rows = [
      { outlet: "hankyoreh", code: "somewhat_critical", count: 2, share: 1 },
      { outlet: "big", code: "neutral", count: 30, share: 0.75 },
      { outlet: "big", code: "critical", count: 10, share: 0.25 },
    ];
    expect(meanTakeaway({ outlets: [hk, big], codes, rows })).toBe(
      "Lowest mean: Hankyoreh −1.0 (somewhat critical; 2 of 2 articles); highest: Big −0.5 (somewhat critical; 40 of 40 articles)" +
        " — fewer than 5 articles for Hankyoreh: too few to generalise.",
    );
  });
});

describe("timelineTakeaway", () => {
  it("gives the span, the inferred dates and the events inside the span", () => {
    const articles = [
      { publishedAt: "2023-09-20", datePrecision: "inferred" as const },
      { publishedAt: "2024-06-14", datePrecision: "exact" as const },
    ];
    const events = [
      { date: "2022-02-24" },
      { date: "2023-09-13" },
      { date: "2024-06-19" },
      { date: "2023-09-20" },
    ];
    expect(timelineTakeaway(articles, events)).toBe(
      "2 articles from 2023-09-20 to 2024-06-14, 1 with an inferred date; 1 of 4 events in that span.",
    );
  });
});
