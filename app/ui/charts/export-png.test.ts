import { describe, expect, it } from "vitest";
import { pngLayout, wrap } from "./export-png";
import type { ChartContext } from "./types";

// Every character 7 px wide, whatever the font.
const measure = (text: string) => text.length * 7;

const context: ChartContext = {
  title: "How is the Russia–North Korea relationship framed?",
  takeaway:
    "Hankyoreh frames it most often as a consequence of Seoul's policy (45 %), JoongAng as a security threat (60 %).",
  n: "n: Hankyoreh · 2 articles (30 passages) — small sample; JoongAng · 8 articles (70 passages)",
  filters: "All outlets, all genres, 2024-01-01 to 2024-12-31",
  coder: "Coded by one coder (cc); no reliability check yet",
  source: "Framescope · 2026-11-29",
  smallSample: ["Hankyoreh"],
};

describe("wrap", () => {
  it("breaks at spaces so no line is wider than asked", () => {
    const lines = wrap(
      "one two three four five",
      70,
      { size: 13, bold: false, colour: "#000" },
      measure,
    );
    expect(lines).toEqual(["one two", "three four", "five"]);
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(70);
  });
});

describe("pngLayout", () => {
  const layout = pngLayout(context, { width: 400, height: 300 }, measure);
  const text = layout.lines.map((l) => l.text).join(" ");

  it("carries the title, takeaway, n, filters, coder, source and the small-sample mark", () => {
    for (const part of [context.title, context.takeaway, context.n, context.filters, context.coder])
      expect(text).toContain(part);
    expect(text).toContain("Framescope · 2026-11-29");
    expect(text).toContain("Small sample (fewer than 5 articles): Hankyoreh");
  });

  it("puts the title, takeaway and n above the chart and the rest below it", () => {
    const above = layout.lines
      .filter((l) => l.y < layout.chart.y)
      .map((l) => l.text)
      .join(" ");
    const below = layout.lines.filter((l) => l.y > layout.chart.y + layout.chart.height);
    expect(above).toContain(context.title);
    expect(above).toContain("small sample; JoongAng");
    expect(below.map((l) => l.text).join(" ")).toContain(context.source);
    expect(below.at(-1)?.y).toBeLessThan(layout.height);
    expect(layout.height).toBeGreaterThan(300 + 2 * 100);
  });

  it("wraps every line within the chart's width", () => {
    for (const l of layout.lines) expect(measure(l.text)).toBeLessThanOrEqual(400);
    expect(layout.lines.length).toBeGreaterThan(7);
  });

  it("has no small-sample line when no outlet is a small sample", () => {
    const none = pngLayout({ ...context, smallSample: [] }, { width: 400, height: 300 }, measure);
    expect(none.lines.map((l) => l.text).join(" ")).not.toContain("fewer than 5");
  });
});
