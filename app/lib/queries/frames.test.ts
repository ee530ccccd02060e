import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import type { Filters } from "../filters";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getDb } from "../db";
import { getFrameCounts } from "./frames";
import { getFrameCountsNaive } from "../../../scripts/lib/frames-naive";

const DIMENSIONS = ["ties", "weapons", "remedy", "blame", "tone_gov", "generic"];
const base: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};
const FILTERS: Partial<Filters>[] = [
  {},
  { outlets: ["hankyoreh"] },
  { outlets: ["campus-journal", "joongang-daily"] },
  { genres: ["editorial"] },
  { genres: ["column", "news_report"] },
  { from: "2024-06-14" },
  { to: "2024-06-14" },
  { from: "2024-06-13", to: "2024-06-24" },
  { from: "2023-09-01", to: "2023-09-30" },
  { from: "2023-09-21", to: "2024-06-13" },
  {
    from: "2024-06-01",
    to: "2024-07-31",
    outlets: ["hankyoreh", "joongang-daily"],
    genres: ["editorial", "column"],
  },
  { from: "2024-07-01", to: "2024-07-31" },
  { coder: "nobody" },
];

describe("rollup aggregates equal the straightforward queries on the seed corpus", () => {
  beforeAll(async () => {
    const url = await recreateDatabase("t_frames_rollup", { migrate: false });
    await prepareDatabase(url, { log: () => {} });
    useDatabase(url);
  });
  afterAll(async () => {
    await getDb().$disconnect();
  });

  for (const f of FILTERS) {
    for (const unit of ["passages", "articles"] as const) {
      it(`${JSON.stringify(f)} ${unit}`, async () => {
        const filters = { ...base, ...f, unit };
        for (const dimension of DIMENSIONS) {
          const [fast, naive] = await Promise.all([
            getFrameCounts(filters, dimension),
            getFrameCountsNaive(filters, dimension),
          ]);
          expect(fast, dimension).toEqual(naive);
        }
      });
    }
  }

  it("has rollups that add up to the base tables", async () => {
    const db = getDb();
    const [passages, rolled, articles, rolledArticles] = await Promise.all([
      db.passageCode.count(),
      db.frameRollupDay.aggregate({ _sum: { passages: true } }),
      db.article.count(),
      db.articleRollupMonth.aggregate({ _sum: { articles: true } }),
    ]);
    expect(rolled._sum.passages).toBe(passages);
    expect(rolledArticles._sum.articles).toBe(articles);
  });
});
