import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHART_FONT } from "./chart-text";
import type { CodeInfo, CountRow, OutletInfo } from "./types";
import { NO_STANCE_AXIS, STANCE_AXIS, weaponsConfig } from "./weapons-config";

const codebook = parse(readFileSync(join(process.cwd(), "seeds/codebook.yaml"), "utf8")) as {
  dimensions: { key: string; codes: CodeInfo[] }[];
};
const codes = codebook.dimensions.find((d) => d.key === "weapons")?.codes ?? [];

function outlet(slug: string, articles: number): OutletInfo {
  return { slug, name: slug, shortName: slug, n: { articles, passages: 0 }, small: articles < 5 };
}
const row = (outlet: string, code: string, count: number): CountRow => ({
  outlet,
  code,
  count,
  share: null,
});

// Like the corpus: one split outlet, one with stances on both sides, one that never takes a stance.
const outlets = [outlet("hankyoreh", 4), outlet("joongang", 3), outlet("campus", 2)];
const rows = [
  row("hankyoreh", "oppose", 3),
  row("hankyoreh", "conditional", 1),
  row("joongang", "conditional", 1),
  row("joongang", "reported_only", 1),
  row("joongang", "not_addressed", 1),
  row("campus", "reported_only", 1),
  row("campus", "not_addressed", 1),
];
const base = {
  dimension: "weapons",
  outlets,
  codes,
  rows,
  panel: null,
  narrow: false,
  onPick: () => {},
};
const sideOf = new Map(codes.map((c) => [c.label, c.side]));

function fontSizes(value: unknown): number[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "font" && v && typeof v === "object" && "size" in v ? [Number(v.size)] : fontSizes(v),
  );
}

describe("weaponsConfig", () => {
  it("keeps every no-stance article off the diverging axis: none has x > 0 on it", () => {
    const { data } = weaponsConfig(base);
    const onStanceAxis = data.datasets.filter((d) => d.xAxisID === STANCE_AXIS);
    const noStance = data.datasets.filter((d) => sideOf.get(d.label) === "none");
    expect(noStance.map((d) => d.label)).toEqual(["Reported, no stance", "Not addressed"]);
    for (const d of noStance) expect(d.xAxisID).toBe(NO_STANCE_AXIS);
    for (const d of onStanceAxis) expect(sideOf.get(d.label)).not.toBe("none");
    // The campus paper has only no-stance articles: nothing of it lies on the diverging axis.
    const campus = outlets.findIndex((o) => o.slug === "campus");
    expect(onStanceAxis.map((d) => d.data[campus])).toEqual([0, 0, 0]);
  });

  it("puts oppose left of zero and conditional and support right of it", () => {
    const { data } = weaponsConfig(base);
    const byLabel = new Map(data.datasets.map((d) => [d.label, d.data]));
    expect(byLabel.get("Oppose")).toEqual([-3, 0, 0]);
    expect(byLabel.get("Conditional / leverage")).toEqual([1, 1, 0]);
    expect(byLabel.get("Support")).toEqual([0, 0, 0]);
  });

  it("draws the no-stance strip beside the axis at the same length per article", () => {
    const { options } = weaponsConfig(base);
    const stance = options.scales[STANCE_AXIS];
    const none = options.scales[NO_STANCE_AXIS];
    expect(none.min).toBe(0);
    expect(none.title.text).toBe("No stance");
    expect(stance.stack).toBe(none.stack);
    // Ticks and gridlines at whole articles only.
    const ticks = { ticks: [] as { value: number }[] };
    stance.afterBuildTicks(ticks);
    expect(ticks.ticks.map((t) => t.value)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    none.afterBuildTicks(ticks);
    expect(ticks.ticks.map((t) => t.value)).toEqual([0, 1, 2]);
    expect(stance.stackWeight / (stance.max - stance.min)).toBe(
      none.stackWeight / (none.max - none.min),
    );
  });

  it("labels segments with counts and stances; the legend lists only the stances drawn", () => {
    const { options } = weaponsConfig(base);
    const listed = codes.filter((_, i) =>
      options.plugins.legend.labels.filter({ datasetIndex: i }),
    );
    expect(listed.map((c) => c.key)).toEqual([
      "oppose",
      "conditional",
      "reported_only",
      "not_addressed",
    ]);
    const label = options.plugins.markLabels.label;
    expect(label(0, 0)).toMatchObject({ text: "3 Oppose", short: "3" });
    expect(label(0, 1)).toBeNull();
  });

  it("marks small samples in the outlet labels", () => {
    const { data } = weaponsConfig(base);
    expect(data.labels).toEqual([
      "hankyoreh (n=4) · small sample",
      "joongang (n=3) · small sample",
      "campus (n=2) · small sample",
    ]);
    const big = weaponsConfig({ ...base, outlets: [outlet("hankyoreh", 12)] });
    expect(big.data.labels).toEqual(["hankyoreh (n=12)"]);
  });

  it("moves outlet names above the bars on a phone", () => {
    const { options } = weaponsConfig({ ...base, narrow: true });
    expect(options.scales.y.ticks.display).toBe(false);
    expect(options.plugins.markLabels.rows).toEqual(data(base).labels);
    expect(weaponsConfig(base).options.plugins.markLabels.rows).toBeNull();
  });

  it("highlights the segment the panel names, and only that one", () => {
    const { data } = weaponsConfig({ ...base, panel: "weapons.conditional.joongang" });
    const widths = data.datasets.map((d) => d.borderWidth);
    const conditional = codes.findIndex((c) => c.key === "conditional");
    widths.forEach((w, d) => {
      expect(w).toEqual(outlets.map((_, i) => (d === conditional && i === 1 ? 3 : 1)));
    });
  });

  it("draws no text below 12 px", () => {
    const sizes = fontSizes(weaponsConfig(base).options);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes, CHART_FONT.size)).toBeGreaterThanOrEqual(12);
  });
});

function data(input: typeof base) {
  return weaponsConfig(input).data;
}
