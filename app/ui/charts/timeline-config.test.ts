import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  EVENT_LINE,
  eventLabels,
  type TimelineArticle,
  type TimelineEvent,
  timelineConfig,
  timeSpan,
} from "./timeline-config";
import type { CodeInfo, OutletInfo } from "./types";

const root = process.cwd();
const codebook = parse(readFileSync(join(root, "seeds/codebook.yaml"), "utf8")) as {
  dimensions: { key: string; codes: CodeInfo[] }[];
};
const stances = codebook.dimensions.find((d) => d.key === "weapons")?.codes ?? [];
// The real events: several fall within days of each other (19 and 20 June 2024).
const events = (
  parse(readFileSync(join(root, "seeds/events.yaml"), "utf8")) as {
    key: string;
    date: string;
    label: string;
  }[]
).map((e) => ({ key: e.key, date: String(e.date).slice(0, 10), label: e.label }));

function outlet(slug: string, articles: number): OutletInfo {
  return { slug, name: slug, shortName: slug, n: { articles, passages: 0 }, small: articles < 5 };
}
function article(slug: string, outlet: string, publishedAt: string, stance: string | null) {
  return {
    slug,
    outlet,
    headline: slug,
    publishedAt,
    datePrecision: slug.endsWith("?") ? "inferred" : "exact",
    dateReason: null,
    stance,
  } satisfies TimelineArticle;
}

const outlets = [outlet("hankyoreh", 5), outlet("campus", 1)];
const articles = [
  article("a", "hankyoreh", "2023-09-15", "oppose"),
  article("b", "hankyoreh", "2024-06-21", "oppose"),
  article("c?", "campus", "2023-10-01", "reported_only"),
  article("d", "hankyoreh", "2024-07-01", "conditional"),
];
const base = {
  dimension: { key: "weapons", label: "Stance on arms for Ukraine" },
  outlets,
  stances,
  articles,
  events,
  narrow: false,
  onOpen: () => {},
};

function fontSizes(value: unknown): number[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k.toLowerCase().endsWith("font") && v && typeof v === "object" && "size" in v
      ? [Number(v.size)]
      : fontSizes(v),
  );
}

describe("eventLabels", () => {
  const span = { min: Date.parse("2024-01-01"), max: Date.parse("2024-12-31") };
  const ev = (key: string, date: string, label: string): TimelineEvent => ({ key, date, label });

  it("names the events when the names fit side by side", () => {
    const labels = eventLabels(
      [ev("a", "2024-02-01", "Summit"), ev("b", "2024-10-01", "Treaty")],
      span,
      900,
    );
    expect(labels.numbered).toBe(false);
    expect(labels.text).toEqual(["Summit", "Treaty"]);
    expect(labels.row).toEqual([0, 0]);
  });

  it("numbers them, in date order, when names would collide, and staggers close numbers", () => {
    const labels = eventLabels(
      [
        ev("late", "2024-06-20", "Seoul says it will reconsider arms supplies to Ukraine"),
        ev("early", "2024-06-19", "Putin and Kim sign the Pyongyang treaty"),
        ev("out", "2025-06-01", "Outside the range"),
      ],
      span,
      900,
    );
    expect(labels.numbered).toBe(true);
    expect(labels.shown.map((e) => e.key)).toEqual(["early", "late"]);
    expect(labels.text).toEqual(["1", "2"]);
    expect(labels.row).toEqual([0, 1]);
  });
});

describe("timelineConfig", () => {
  it("keys the numbered events in the legend, after one entry per stance drawn", () => {
    const { options } = timelineConfig(base);
    const items = options.plugins.legend.labels.generateLabels({ isDatasetVisible: () => true });
    const texts = items.map((i) => i.text);
    expect(texts.slice(0, 4)).toEqual([
      "Oppose",
      "Conditional / leverage",
      "Reported, no stance",
      "date inferred (hollow)",
    ]);
    const inRange = eventLabels(events, timeSpan(articles), 900).shown;
    expect(texts.slice(4)).toEqual(inRange.map((e, i) => `${i + 1} ${e.label}`));
  });

  it("says how many of all events are in range", () => {
    const { options } = timelineConfig(base);
    const inRange = eventLabels(events, timeSpan(articles), 900).shown.length;
    expect(inRange).toBeGreaterThan(0);
    expect(inRange).toBeLessThan(events.length);
    expect(options.scales.x.title.text).toContain(`${inRange} of ${events.length} events in range`);
  });

  it("draws event lines dark and dashed, unlike the pale solid gridlines", () => {
    const { options } = timelineConfig(base);
    const lines = Object.values(options.plugins.annotation.annotations);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.borderDash).toEqual([...EVENT_LINE.dash]);
      expect(line.borderColor).not.toBe(options.scales.x.grid.color);
    }
  });

  it("opens the clicked article, from whichever stance's dataset it is in", () => {
    const opened: string[] = [];
    const { data, options } = timelineConfig({ ...base, onOpen: (s) => opened.push(s) });
    const conditional = data.datasets.findIndex((d) => d.label === "Conditional / leverage");
    options.onClick({} as never, [{ datasetIndex: conditional, index: 0 } as never]);
    expect(opened).toEqual(["d"]);
  });

  it("marks small samples, and puts outlet names above the rows on a phone", () => {
    const { options } = timelineConfig({ ...base, narrow: true });
    expect(options.scales.y.ticks.display).toBe(false);
    expect(options.plugins.markLabels.rows).toEqual(["hankyoreh", "campus · small sample"]);
  });

  it("draws no text below 12 px", () => {
    const sizes = fontSizes(timelineConfig(base).options);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });
});
