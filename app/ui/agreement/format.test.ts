import { describe, expect, it } from "vitest";
import type { DimensionAgreement } from "@/app/lib/agreement/types";
import type { Filters } from "@/app/lib/filter-query";
import { describeScope } from "@/app/lib/filter-query";
import { agreementHref, badgeText, formatAlpha, verdictClass } from "./format";

const dimension = (over: Partial<DimensionAgreement>): DimensionAgreement => ({
  key: "ties",
  metric: "nominal",
  alpha: 0.8412,
  ci: [0.7066, 0.9549],
  units: 30,
  pairable: 60,
  articles: 5,
  coders: ["FS-1", "FS-2"],
  categories: [],
  unitizing: null,
  ...over,
});

const filters: Filters = {
  outlets: ["joongang-daily", "hankyoreh"],
  genres: ["column", "editorial"],
  from: "2024-01-01",
  to: null,
  coder: "FS-2",
  unit: "articles",
};

describe("agreement badge text", () => {
  it("reads alpha with two decimals, its interval, units, articles and the verdict in words", () => {
    expect(badgeText(dimension({}))).toBe(
      "α = 0.84 [0.71, 0.95] · 30 units · 5 articles · reliable",
    );
    expect(badgeText(dimension({ alpha: 0.7, ci: [0.5, 0.8], units: 1, articles: 1 }))).toBe(
      "α = 0.70 [0.50, 0.80] · 1 unit · 1 article · tentative conclusions only",
    );
    expect(badgeText(dimension({ alpha: 0.6669, ci: null }))).toBe(
      "α = 0.67 · 30 units · 5 articles · not reliable",
    );
  });

  it("gives the reason when alpha is undefined", () => {
    const reason = "needs a second coder: only FS-1 completed these articles";
    expect(badgeText(dimension({ alpha: null, ci: null, reason }))).toBe(`α: ${reason}`);
    expect(verdictClass(null)).toBe("verdict-none");
  });

  it("writes negative alphas with a true minus sign and never −0.00", () => {
    expect(formatAlpha(-0.123)).toBe("\u22120.12");
    expect(formatAlpha(-0.004)).toBe("0.00");
    expect(formatAlpha(1)).toBe("1.00");
    expect(formatAlpha(null)).toBe("–");
  });

  it("colours by the verdict bands at .800 and .667", () => {
    expect(verdictClass(0.8)).toBe("verdict-reliable");
    expect(verdictClass(0.7999)).toBe("verdict-tentative");
    expect(verdictClass(0.667)).toBe("verdict-tentative");
    expect(verdictClass(0.6669)).toBe("verdict-unreliable");
  });
});

describe("agreement links", () => {
  it("keep outlets, genres and dates in canonical order, drop the coder and unit, and anchor the dimension", () => {
    expect(agreementHref(filters, "FS-1", "tone_gov")).toBe(
      "/agreement?outlets=hankyoreh,joongang-daily&genres=editorial,column&from=2024-01-01#tone_gov",
    );
    expect(agreementHref({ ...filters, outlets: [], genres: [], from: null }, "FS-1", "ties")).toBe(
      "/agreement#ties",
    );
  });

  it("describe the articles without the coder", () => {
    expect(describeScope(filters)).toBe(
      "joongang-daily, hankyoreh · column, editorial · from 2024-01-01",
    );
  });
});
