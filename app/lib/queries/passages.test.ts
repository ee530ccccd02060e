import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { utcToIsoDate } from "../dates";
import type { Filters } from "../filters";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getEvidence } from "./passages";

/** The passages behind a chart's number, on the real corpus in a database of its own. */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));

const filters: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};

beforeAll(async () => {
  const url = await recreateDatabase("t_passages");
  await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
  useDatabase(url);
});

describe("evidence lists the article's own voice before the views it reports", () => {
  it("Hankyoreh against arming Ukraine: its own passages first, the quoted lawmaker after", async () => {
    const { total, passages } = await getEvidence(filters, "weapons", "oppose", "hankyoreh");
    expect(passages).toHaveLength(total);
    const voices = passages.map((p) => p.voice);
    const firstReported = voices.indexOf("reported");
    expect(firstReported).toBeGreaterThan(0);
    expect(voices.slice(0, firstReported).every((v) => v === "own")).toBe(true);
    expect(voices.slice(firstReported).includes("own")).toBe(false);
    const lawmaker = passages.findIndex((p) => p.quote.startsWith("Now the administration"));
    expect(lawmaker).toBeGreaterThanOrEqual(firstReported);
  });

  it("in every cell: own voice first, then by date, article and position", async () => {
    const db = getDb();
    const rows = await db.passageCode.findMany({
      where: { coder: { key: "FS-1" } },
      select: {
        id: true,
        start: true,
        voice: true,
        code: { select: { key: true, dimension: { select: { key: true } } } },
        article: { select: { slug: true, publishedAt: true, outlet: { select: { slug: true } } } },
      },
    });
    const cells = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = [r.code.dimension.key, r.code.key, r.article.outlet.slug].join(" ");
      cells.set(key, [...(cells.get(key) ?? []), r]);
    }
    const rank = (r: (typeof rows)[number]) =>
      [r.voice === "own" ? 0 : 1, utcToIsoDate(r.article.publishedAt), r.article.slug] as const;
    let mixed = 0;
    for (const [key, cell] of cells) {
      const [dimension, code, outlet] = key.split(" ");
      const expected = [...cell]
        .sort((a, b) => {
          const [x, y] = [rank(a), rank(b)];
          return (
            x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]) || a.start - b.start
          );
        })
        .map((r) => [r.voice, r.start]);
      const got = (await getEvidence(filters, dimension, code, outlet)).passages;
      expect(
        got.map((p) => [p.voice, p.start]),
        key,
      ).toEqual(expected);
      if (new Set(cell.map((r) => r.voice)).size > 1) mixed++;
    }
    expect(mixed, "cells that mix voices").toBeGreaterThan(0);
  });
});
