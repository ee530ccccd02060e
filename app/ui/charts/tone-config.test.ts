import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Scale } from "chart.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toneConfig } from "./tone-config";
import type { CodeInfo, CountRow, OutletInfo } from "./types";

const codebook = parse(readFileSync(join(process.cwd(), "seeds/codebook.yaml"), "utf8")) as {
  dimensions: { key: string; codes: CodeInfo[] }[];
};
const codes = codebook.dimensions.find((d) => d.key === "tone_gov")?.codes ?? [];

function outlet(slug: string, articles: number): OutletInfo {
  return { slug, name: slug, shortName: slug, n: { articles, passages: 0 }, small: articles < 5 };
}
const row = (outlet: string, code: string, count: number): CountRow => ({
  outlet,
  code,
  count,
  share: null,
});

// One outlet with articles across the scale, one with a single (neutral) article.
const outlets = [outlet("hankyoreh", 6), outlet("campus", 1)];
const rows = [
  row("hankyoreh", "critical", 3),
  row("hankyoreh", "somewhat_critical", 2),
  row("hankyoreh", "neutral", 1),
  row("campus", "neutral", 1),
];
const base = {
  dimension: "tone_gov",
  outlets,
  codes,
  rows,
  panel: null,
  narrow: false,
  onPick: () => {},
};

function fontSizes(value: unknown): number[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k.toLowerCase().endsWith("font") && v && typeof v === "object" && "size" in v
      ? [Number(v.size)]
      : fontSizes(v),
  );
}

describe("toneConfig", () => {
  it("puts ticks, and so gridlines, on the whole steps −2 … +2, labelled from the codebook", () => {
    const { x } = toneConfig(base).options.scales;
    const axis = { ticks: [] } as unknown as Scale;
    x.afterBuildTicks(axis);
    expect(axis.ticks.map((t) => t.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(axis.ticks.map((t) => x.ticks.callback(t.value))).toEqual([
      ["−2", "critical"],
      ["−1", "", "somewhat", "critical"],
      ["0", "neutral"],
      ["+1", "", "somewhat", "supportive"],
      ["+2", "supportive"],
    ]);
  });

  it("gives the mean its own marker, and none to an outlet with one article", () => {
    const { data } = toneConfig(base);
    const [dots, means] = data.datasets;
    expect(means.pointStyle).toBe("triangle");
    expect(means.data).toHaveLength(1);
    // Hankyoreh: (3·−2 + 2·−1 + 1·0) / 6, below its row of dots (row 0).
    expect(means.data[0].x).toBeCloseTo(-8 / 6, 5);
    expect(means.data[0].y).toBeGreaterThan(0);
    expect(dots.data.map((d) => d.y)).toEqual([0, 0, 0, 1]);
  });

  it("labels dots with their counts and the mean with its value, with no legend", () => {
    const { options } = toneConfig(base);
    expect(options.plugins.legend.display).toBe(false);
    const label = options.plugins.markLabels.label;
    expect(label(0, 0)?.text).toBe("3");
    expect(label(1, 0)?.text).toBe("mean −1.33");
  });

  it("highlights the dot the panel names", () => {
    const { data } = toneConfig({ ...base, panel: "tone_gov.neutral.campus" });
    expect(data.datasets[0].borderWidth).toEqual([1, 1, 1, 3]);
  });

  it("marks a small sample, and puts outlet names above the rows on a phone", () => {
    const { options } = toneConfig({ ...base, narrow: true });
    expect(options.scales.y.ticks.display).toBe(false);
    expect(options.plugins.markLabels.rows).toEqual([
      "hankyoreh (n=6)",
      "campus (n=1) · small sample",
    ]);
  });

  it("draws no text below 12 px", () => {
    const sizes = fontSizes(toneConfig(base).options);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });
});
