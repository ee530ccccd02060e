import { describe, expect, it } from "vitest";
import type { Filters } from "@/app/lib/filter-query";
import { filterSummary } from "./filter-summary";

const OUTLETS = [
  { slug: "hankyoreh", name: "The Hankyoreh" },
  { slug: "joongang-daily", name: "JoongAng Daily" },
  { slug: "yonhap", name: "Yonhap" },
];
const PRESETS = [
  { label: "All dates", from: null, to: null },
  { label: "From: Treaty signed (2024-06-19)", from: "2024-06-19", to: null },
];
const ALL: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};

describe("filterSummary", () => {
  it("says what an unfiltered view shows", () => {
    expect(filterSummary(ALL, OUTLETS, PRESETS)).toBe(
      "All dates · all 3 outlets · all genres · FS-1",
    );
  });

  it("names a single outlet and genre, and a preset by its label", () => {
    const f: Filters = { ...ALL, outlets: ["yonhap"], genres: ["editorial"], from: "2024-06-19" };
    expect(filterSummary(f, OUTLETS, PRESETS)).toBe(
      "From: Treaty signed (2024-06-19) · Yonhap · editorial · FS-1",
    );
  });

  it("counts several outlets and genres, and spells out a custom range", () => {
    const f: Filters = {
      ...ALL,
      outlets: ["hankyoreh", "yonhap"],
      genres: ["editorial", "column"],
      from: "2024-01-01",
      to: "2024-03-31",
      coder: "FS-2",
    };
    expect(filterSummary(f, OUTLETS, PRESETS)).toBe(
      "2024-01-01 to 2024-03-31 · 2 outlets · 2 genres · FS-2",
    );
    expect(filterSummary({ ...ALL, to: "2024-03-31" }, OUTLETS, PRESETS)).toMatch(
      /^Until 2024-03-31 · /,
    );
  });
});
