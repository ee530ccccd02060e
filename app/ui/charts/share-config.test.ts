import { describe, expect, it } from "vitest";
import { type SplitRow, splitData, splitOptions, splitRows } from "./share-config";
import type { CodeInfo, OutletInfo } from "./types";

const outlet = (slug: string, articles: number, passages: number): OutletInfo => ({
  slug,
  name: slug,
  shortName: slug[0].toUpperCase() + slug.slice(1),
  n: { articles, passages },
  small: articles < 5,
});
const code = (key: string, colour: string): CodeInfo => ({ key, label: `Label ${key}`, colour });

const outlets = [outlet("hankyoreh", 2, 30), outlet("joongang", 40, 300)];
const codes = [code("a", "#4477AA"), code("b", "#AA3377"), code("c", "#228833")];

type Mark = Extract<SplitRow, { kind: "mark" }>;
const marks = (rows: SplitRow[]) => rows.filter((r): r is Mark => r.kind === "mark");

describe("splitRows", () => {
  it("rounds a whole so each outlet's shares add up to exactly 100", () => {
    // 10/30, 10/30, 10/30 rounded independently gives 33 + 33 + 33 = 99.
    const rows = [
      { outlet: "hankyoreh", code: "a", count: 10, share: 1 / 3 },
      { outlet: "hankyoreh", code: "b", count: 10, share: 1 / 3 },
      { outlet: "hankyoreh", code: "c", count: 10, share: 1 / 3 },
      { outlet: "joongang", code: "a", count: 100, share: 1 / 3 },
      { outlet: "joongang", code: "b", count: 100, share: 1 / 3 },
      { outlet: "joongang", code: "c", count: 100, share: 1 / 3 },
    ];
    const split = splitRows({
      dimension: "ties",
      unit: "passages",
      outlets,
      codes,
      rows,
      whole: true,
    });
    for (const o of outlets) {
      const own = marks(split).filter((m) => m.outlet.slug === o.slug);
      expect(own).toHaveLength(3);
      expect(own.reduce((s, m) => s + m.percent, 0)).toBeCloseTo(100, 9);
    }
    // Whole percentages below 30 articles, one decimal from 30 on.
    expect(marks(split).find((m) => m.outlet.slug === "hankyoreh")?.value).toBe("34 %");
    expect(marks(split).find((m) => m.outlet.slug === "joongang")?.value).toBe("33.4 %");
  });

  it("gives a heading row per code, then one row per outlet, each naming its panel", () => {
    const split = splitRows({
      dimension: "ties",
      unit: "passages",
      outlets,
      codes,
      rows: [],
      whole: false,
    });
    expect(split.map((r) => r.kind)).toEqual(Array(3).fill(["heading", "mark", "mark"]).flat());
    expect(split[0].text).toBe("Label a");
    expect((split[1] as Mark).panel).toBe("ties.a.hankyoreh");
    expect(split[1].text).toBe("Hankyoreh (30 passages) · small sample");
    expect(split[2].text).toBe("Joongang (300 passages)");
  });

  it("draws a small sample counted in articles as a dot labelled with its count, not a bar", () => {
    const rows = [
      { outlet: "hankyoreh", code: "a", count: 2, share: 1 },
      { outlet: "joongang", code: "a", count: 10, share: 0.25 },
    ];
    const split = splitRows({
      dimension: "generic",
      unit: "articles",
      outlets,
      codes,
      rows,
      whole: false,
    });
    const small = marks(split).find((m) => m.outlet.slug === "hankyoreh" && m.code.key === "a");
    expect(small).toMatchObject({ dot: true, value: "2 of 2 articles", percent: 100 });
    const big = marks(split).find((m) => m.outlet.slug === "joongang" && m.code.key === "a");
    expect(big).toMatchObject({ dot: false, value: "25.0 %", percent: 25 });

    // The dot row keeps an invisible bar to click; the dot is drawn at its share.
    const data = splitData(split, null).datasets[0];
    const colours = data.backgroundColor as string[];
    expect(colours[split.indexOf(small as Mark)]).toBe("transparent");
    expect(colours[split.indexOf(big as Mark)]).toBe("#4477AA");
    expect(data.data[split.indexOf(big as Mark)]).toBe(25);
  });
});

describe("splitData and splitOptions", () => {
  const split = splitRows({
    dimension: "ties",
    unit: "passages",
    outlets,
    codes,
    rows: [],
    whole: false,
  });

  it("outlines only the mark the panel in the URL names", () => {
    const widths = splitData(split, "ties.b.joongang").datasets[0].borderWidth as number[];
    const picked = split.findIndex((r) => r.kind === "mark" && r.panel === "ties.b.joongang");
    expect(widths[picked]).toBeGreaterThan(0);
    expect(widths.filter((w) => w > 0)).toHaveLength(1);
  });

  it("turns the legend off, since the marks are labelled", () => {
    expect(splitOptions(split, "passages").plugins?.legend?.display).toBe(false);
  });

  it("has no y axis to clip names: they are drawn above the bars", () => {
    expect(splitOptions(split, "passages").scales?.y?.display).toBe(false);
  });
});
