import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { utcToIsoDate } from "../dates";
import type { Filters, Unit } from "../filters";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getArticle } from "./article";
import { getArticles, getRecentArticles } from "./articles";
import { getCodebook } from "./codebook";
import { getEvents } from "./events";
import { getFrameCounts, type FrameCounts } from "./frames";
import { getOutlets } from "./outlets";
import { getVocabulary } from "./vocabulary";

/** The data layer behind the API, on the real corpus in a database of its own. */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const DIMENSIONS = ["ties", "weapons", "remedy", "blame", "tone_gov", "generic"];
const UNITS: Unit[] = ["passages", "articles"];

function filters(over: Partial<Filters> = {}): Filters {
  return {
    outlets: [],
    genres: [],
    from: null,
    to: null,
    coder: "FS-1",
    unit: "passages",
    ...over,
  };
}

/** Raw rows fetched with Prisma, from which the expected numbers are computed independently. */
interface Raw {
  articles: {
    id: number;
    slug: string;
    outlet: string;
    genre: string;
    date: string;
    codingsPublic: boolean;
  }[];
  passages: { articleId: number; dimension: string; code: string; coder: string }[];
  articleCodes: { articleId: number; dimension: string; code: string; coder: string }[];
  dimensions: { key: string; scope: string; codes: string[] }[];
}
let raw: Raw;

beforeAll(async () => {
  const url = await recreateDatabase("t_queries");
  await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
  useDatabase(url);
  const db = getDb();
  const [articles, passages, articleCodes, dimensions] = await Promise.all([
    db.article.findMany({
      select: {
        id: true,
        slug: true,
        genre: true,
        publishedAt: true,
        codingsPublic: true,
        outlet: { select: { slug: true } },
      },
    }),
    db.passageCode.findMany({
      select: {
        articleId: true,
        code: { select: { key: true, dimension: { select: { key: true } } } },
        coder: { select: { key: true } },
      },
    }),
    db.articleCode.findMany({
      select: {
        articleId: true,
        dimension: { select: { key: true } },
        code: { select: { key: true } },
        coder: { select: { key: true } },
      },
    }),
    db.dimension.findMany({
      orderBy: { order: "asc" },
      select: {
        key: true,
        scope: true,
        codes: { orderBy: { order: "asc" }, select: { key: true } },
      },
    }),
  ]);
  raw = {
    articles: articles.map((a) => ({
      id: a.id,
      slug: a.slug,
      outlet: a.outlet.slug,
      genre: a.genre,
      date: utcToIsoDate(a.publishedAt),
      codingsPublic: a.codingsPublic,
    })),
    passages: passages.map((p) => ({
      articleId: p.articleId,
      dimension: p.code.dimension.key,
      code: p.code.key,
      coder: p.coder.key,
    })),
    articleCodes: articleCodes.map((c) => ({
      articleId: c.articleId,
      dimension: c.dimension.key,
      code: c.code.key,
      coder: c.coder.key,
    })),
    dimensions: dimensions.map((d) => ({
      key: d.key,
      scope: d.scope,
      codes: d.codes.map((c) => c.key),
    })),
  };
});

afterAll(async () => {
  await getDb().$disconnect();
});

/**
 * What getFrameCounts should answer, computed in plain JS from the raw rows: public codings only,
 * and the n of articles counts the articles with an article-level code by the coder.
 */
function expectedFrames(f: Filters, dimension: string, unit: Unit): FrameCounts {
  const dim = raw.dimensions.find((d) => d.key === dimension)!;
  const codedBy = new Set(
    raw.articleCodes.filter((c) => c.coder === f.coder).map((c) => c.articleId),
  );
  const publicInFilter = raw.articles.filter(
    (a) =>
      a.codingsPublic &&
      (f.outlets.length === 0 || f.outlets.includes(a.outlet)) &&
      (f.genres.length === 0 || (f.genres as string[]).includes(a.genre)) &&
      (f.from === null || a.date >= f.from) &&
      (f.to === null || a.date <= f.to),
  );
  const inScope = publicInFilter.filter((a) => codedBy.has(a.id));
  const outletOf = new Map(publicInFilter.map((a) => [a.id, a.outlet]));
  const passages = raw.passages.filter(
    (p) => outletOf.has(p.articleId) && p.dimension === dimension && p.coder === f.coder,
  );
  const articleCodes = raw.articleCodes.filter(
    (c) => outletOf.has(c.articleId) && c.dimension === dimension && c.coder === f.coder,
  );

  const n: FrameCounts["n"] = {};
  for (const outlet of [...new Set(inScope.map((a) => a.outlet))].sort()) {
    n[outlet] = {
      articles: inScope.filter((a) => a.outlet === outlet).length,
      passages: passages.filter((p) => outletOf.get(p.articleId) === outlet).length,
    };
  }
  const rows: FrameCounts["rows"] = [];
  for (const outlet of Object.keys(n)) {
    for (const code of dim.codes) {
      const ofCode = passages.filter(
        (p) => outletOf.get(p.articleId) === outlet && p.code === code,
      );
      const articlesWith =
        dim.scope === "article"
          ? articleCodes.filter((c) => outletOf.get(c.articleId) === outlet && c.code === code)
              .length
          : new Set(ofCode.map((p) => p.articleId)).size;
      const count = unit === "passages" ? ofCode.length : articlesWith;
      const denominator = unit === "passages" ? n[outlet].passages : n[outlet].articles;
      rows.push({ outlet, code, count, share: denominator ? count / denominator : null });
    }
  }
  return { dimension, unit, coder: f.coder, rows, n };
}

const FILTER_CASES: [string, Filters][] = [
  ["no filter", filters()],
  ["outlets=[hankyoreh]", filters({ outlets: ["hankyoreh"] })],
  [
    "outlets=[campus-journal, joongang-daily]",
    filters({ outlets: ["campus-journal", "joongang-daily"] }),
  ],
  ["from=2024-06-19", filters({ from: "2024-06-19" })],
  ["to=2024-06-19", filters({ to: "2024-06-19" })],
  [
    "from=2024-06-14 to=2024-06-24 (both ends are article dates)",
    filters({ from: "2024-06-14", to: "2024-06-24" }),
  ],
  ["from=to=2024-06-19 (no article that day)", filters({ from: "2024-06-19", to: "2024-06-19" })],
  ["genres=[editorial]", filters({ genres: ["editorial"] })],
  [
    "genres=[editorial] outlets=[joongang-daily]",
    filters({ genres: ["editorial"], outlets: ["joongang-daily"] }),
  ],
  [
    "genres=[column, news_analysis] to=2024-06-24",
    filters({ genres: ["column", "news_analysis"], to: "2024-06-24" }),
  ],
  ["coder=nobody (no codes at all)", filters({ coder: "nobody" })],
];

describe("getFrameCounts", () => {
  it("the raw rows behind the expectations are the corpus: 5 articles, 137 passage codes, 10 article codes", () => {
    expect(raw.articles).toHaveLength(5);
    expect(raw.passages).toHaveLength(137);
    expect(raw.articleCodes).toHaveLength(10);
    expect(raw.dimensions.map((d) => d.key)).toEqual(DIMENSIONS);
  });

  it.each(FILTER_CASES)(
    "matches counts computed from raw rows: %s (every dimension, both units)",
    async (_name, f) => {
      for (const dimension of DIMENSIONS) {
        for (const unit of UNITS) {
          const actual = await getFrameCounts(f, dimension, unit);
          const expected = expectedFrames(f, dimension, unit);
          expect(actual, `${dimension}/${unit}`).toEqual(expected);
          // The n keys come out in outlet order.
          expect(Object.keys(actual.n), `${dimension}/${unit}`).toEqual(Object.keys(expected.n));
          if (unit === "passages") {
            for (const [outlet, totals] of Object.entries(actual.n)) {
              const shares = actual.rows.filter((r) => r.outlet === outlet).map((r) => r.share);
              if (totals.passages > 0)
                expect(
                  shares.reduce((s, x) => s! + x!, 0),
                  `${dimension} ${outlet}`,
                ).toBeCloseTo(1, 12);
              else
                expect(
                  shares.every((s) => s === null),
                  `${dimension} ${outlet}`,
                ).toBe(true);
            }
          }
        }
      }
    },
  );

  it("uses filters.unit when no unit is passed", async () => {
    const f = filters({ unit: "articles" });
    expect(await getFrameCounts(f, "ties")).toEqual(expectedFrames(f, "ties", "articles"));
  });

  it("weapons per article, no filter: the article-level codes, one per article", async () => {
    const r = await getFrameCounts(filters(), "weapons", "articles");
    const nonZero = r.rows
      .filter((x) => x.count > 0)
      .map((x) => `${x.outlet}.${x.code}=${x.count}@${x.share}`);
    expect(nonZero).toEqual([
      "campus-journal.reported_only=1@1",
      "hankyoreh.oppose=2@1",
      "joongang-daily.oppose=1@0.5",
      "joongang-daily.not_addressed=1@0.5",
    ]);
    expect(r.n).toEqual({
      "campus-journal": { articles: 1, passages: expect.any(Number) },
      hankyoreh: { articles: 2, passages: expect.any(Number) },
      "joongang-daily": { articles: 2, passages: expect.any(Number) },
    });
    expect(r.rows).toHaveLength(3 * 5);
  });

  it("passage totals per dimension, no filter, equal the passages in seeds/codings", async () => {
    const fromYaml: Record<string, number> = {};
    const dir = path.join(SEEDS, "codings");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      for (const p of parseYaml(readFileSync(path.join(dir, file), "utf8")).passages)
        fromYaml[p.dimension] = (fromYaml[p.dimension] ?? 0) + 1;
    }
    for (const dimension of DIMENSIONS) {
      const r = await getFrameCounts(filters(), dimension, "passages");
      const total = Object.values(r.n).reduce((s, x) => s + x.passages, 0);
      expect(total, dimension).toBe(fromYaml[dimension] ?? 0);
      expect(
        r.rows.reduce((s, x) => s + x.count, 0),
        dimension,
      ).toBe(total);
    }
  });

  it("a filter that covers no article gives no rows and no n", async () => {
    const r = await getFrameCounts(filters({ from: "2030-01-01" }), "ties", "passages");
    expect(r).toEqual({ dimension: "ties", unit: "passages", coder: "FS-1", rows: [], n: {} });
  });

  it("an unknown dimension is an error naming it", async () => {
    await expect(getFrameCounts(filters(), "framing", "passages")).rejects.toThrow(
      "unknown dimension framing",
    );
  });
});

describe("getArticles", () => {
  it("lists all 5 articles newest first, with the reference coder's codes summarised", async () => {
    const { n, articles } = await getArticles(filters());
    expect(n).toBe(5);
    expect(articles.map((a) => [a.publishedAt, a.slug])).toEqual([
      ["2024-06-30", "joongang-manage-korea-russia-relations"],
      ["2024-06-24", "hankyoreh-dangerous-game"],
      ["2024-06-14", "hankyoreh-tact-and-diplomacy"],
      ["2024-06-13", "joongang-putin-wrong-signal"],
      ["2023-09-20", "campus-journal-diplomacy-faltering"],
    ]);
    const ties = raw.dimensions.find((d) => d.key === "ties")!.codes;
    const weapons = raw.dimensions.find((d) => d.key === "weapons")!.codes;
    for (const a of articles) {
      expect(a.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(a.codes)).toEqual(DIMENSIONS);
      expect(typeof a.codes.weapons, a.slug).toBe("string");
      expect(weapons).toContain(a.codes.weapons);
      expect(typeof a.codes.tone_gov, a.slug).toBe("string");
      expect(Array.isArray(a.codes.ties), a.slug).toBe(true);
      const id = raw.articles.find((r) => r.slug === a.slug)!.id;
      const present = new Set(
        raw.passages
          .filter((p) => p.articleId === id && p.dimension === "ties" && p.coder === "FS-1")
          .map((p) => p.code),
      );
      expect(a.codes.ties, a.slug).toEqual(ties.filter((k) => present.has(k)));
      expect(a.passageCount, a.slug).toBe(
        raw.passages.filter((p) => p.articleId === id && p.coder === "FS-1").length,
      );
    }
    const byslug = Object.fromEntries(articles.map((a) => [a.slug, a]));
    expect(byslug["hankyoreh-dangerous-game"].codes.weapons).toBe("oppose");
    expect(byslug["hankyoreh-dangerous-game"].codes.tone_gov).toBe("somewhat_critical");
    expect(byslug["hankyoreh-dangerous-game"].outlet).toEqual({
      slug: "hankyoreh",
      name: "The Hankyoreh",
      shortName: "Hankyoreh",
    });
  });

  it("applies outlet, genre and inclusive date filters", async () => {
    const slugs = async (f: Filters) => (await getArticles(f)).articles.map((a) => a.slug);
    expect(await slugs(filters({ outlets: ["hankyoreh"] }))).toEqual([
      "hankyoreh-dangerous-game",
      "hankyoreh-tact-and-diplomacy",
    ]);
    expect(await slugs(filters({ genres: ["editorial"] }))).toEqual([
      "hankyoreh-tact-and-diplomacy",
      "joongang-putin-wrong-signal",
    ]);
    expect(await slugs(filters({ from: "2024-06-14", to: "2024-06-24" }))).toEqual([
      "hankyoreh-dangerous-game",
      "hankyoreh-tact-and-diplomacy",
    ]);
  });

  it("a date range that excludes everything gives n 0", async () => {
    expect(await getArticles(filters({ from: "2025-01-01", to: "2025-12-31" }))).toEqual({
      n: 0,
      limit: 100,
      offset: 0,
      articles: [],
    });
  });

  it("getRecentArticles lists the same newest articles with the same article codes and passage counts", async () => {
    const full = (await getArticles(filters())).articles;
    const recent = await getRecentArticles(filters(), 3);
    expect(recent.map((a) => a.slug)).toEqual(full.slice(0, 3).map((a) => a.slug));
    for (const [i, a] of recent.entries()) {
      expect(a.codes).toEqual({ weapons: full[i].codes.weapons, tone_gov: full[i].codes.tone_gov });
      expect(a.passageCount).toBe(full[i].passageCount);
      expect({ ...a, codes: undefined }).toEqual({ ...full[i], codes: undefined });
    }
  });

  it("getArticles pages through the articles while n counts them all", async () => {
    const all = (await getArticles(filters())).articles.map((a) => a.slug);
    const first = await getArticles(filters(), { limit: 2 });
    const rest = await getArticles(filters(), { limit: 2, offset: 2 });
    expect(first.n).toBe(5);
    expect(rest.n).toBe(5);
    expect([...first.articles, ...rest.articles].map((a) => a.slug)).toEqual(all.slice(0, 4));
  });

  it("with a coder who coded nothing, single-valued codes are null and lists empty", async () => {
    const { articles } = await getArticles(filters({ coder: "nobody" }));
    expect(articles).toHaveLength(5);
    for (const a of articles) {
      expect(a.codes.weapons).toBeNull();
      expect(a.codes.tone_gov).toBeNull();
      expect(a.codes.ties).toEqual([]);
      expect(a.passageCount).toBe(0);
    }
  });
});

describe("getArticle", () => {
  it("returns null for an unknown slug", async () => {
    expect(await getArticle("no-such-article")).toBeNull();
  });

  it("returns the article with passages in reading order, each quoting body.slice(start, end)", async () => {
    const a = (await getArticle("hankyoreh-dangerous-game"))!;
    expect(a).not.toBeNull();
    expect(a.outlet.slug).toBe("hankyoreh");
    expect(a.publishedAt).toBe("2024-06-24");
    expect(a.datePrecision).toBe("exact");
    expect(a.genre).toBe("news_analysis");
    expect(a.passages).toHaveLength(42);
    for (let i = 1; i < a.passages.length; i++)
      expect(a.passages[i].start).toBeGreaterThanOrEqual(a.passages[i - 1].start);
    for (const p of a.passages)
      expect(a.body.slice(p.start, p.end), `${p.dimension}.${p.code}@${p.start}`).toBe(p.quote);
    expect(a.passages[0]).toMatchObject({ start: 0, end: 155, coder: "FS-1" });
    expect(a.articleCodes.map((c) => `${c.dimension}=${c.code}`)).toEqual([
      "weapons=oppose",
      "tone_gov=somewhat_critical",
    ]);
    // Events come by date; two fall on 2024-06-20 and their relative order is not specified.
    expect(a.events.map((e) => e.date)).toEqual([
      "2023-08-18",
      "2024-06-19",
      "2024-06-20",
      "2024-06-20",
      "2024-06-21",
    ]);
    expect(a.events.map((e) => e.key).sort()).toEqual([
      "ambassador-summoned",
      "camp-david-summit",
      "putin-big-mistake",
      "pyongyang-treaty",
      "seoul-reconsiders-arms",
    ]);
  });

  it("filters passages and article codes by coder", async () => {
    const a = (await getArticle("hankyoreh-dangerous-game", "nobody"))!;
    expect(a.passages).toEqual([]);
    expect(a.articleCodes).toEqual([]);
    expect((await getArticle("hankyoreh-dangerous-game", "FS-1"))!.passages).toHaveLength(42);
  });
});

describe("getEvents", () => {
  it("lists the 9 events by date then key, with their articles by slug", async () => {
    const events = await getEvents();
    expect(events.map((e) => `${e.date} ${e.key}`)).toEqual([
      "2022-02-24 ukraine-invasion",
      "2023-08-18 camp-david-summit",
      "2023-09-13 vostochny-summit",
      "2023-09-20 yoon-unga-speech",
      "2024-03-28 panel-of-experts-veto",
      "2024-06-19 pyongyang-treaty",
      "2024-06-20 putin-big-mistake",
      "2024-06-20 seoul-reconsiders-arms",
      "2024-06-21 ambassador-summoned",
    ]);
    expect(events[0]).toEqual({
      key: "ukraine-invasion",
      date: "2022-02-24",
      label: "Russia invades Ukraine",
      description: "The full-scale invasion that turned Seoul–Moscow relations cold.",
      preset: false,
      articles: [
        {
          slug: "campus-journal-diplomacy-faltering",
          quote:
            "The relationship between Korea and Russia began to falter after the beginning of the Ukraine War in late February 2022.",
        },
        {
          slug: "hankyoreh-tact-and-diplomacy",
          quote:
            "But their relationship has been deteriorating since Russia invaded Ukraine in late February 2022.",
        },
      ],
    });
    // The date presets are the events marked in events.yaml.
    expect(events.filter((e) => e.preset).map((e) => e.key)).toEqual([
      "vostochny-summit",
      "pyongyang-treaty",
    ]);
    expect(events.find((e) => e.key === "vostochny-summit")!.articles.map((a) => a.slug)).toEqual([
      "campus-journal-diplomacy-faltering",
      "hankyoreh-tact-and-diplomacy",
      "joongang-putin-wrong-signal",
    ]);
  });
});

describe("getOutlets", () => {
  it("lists the 3 outlets by name with their article counts and no database id", async () => {
    const outlets = await getOutlets();
    expect(outlets.map((o) => [o.name, o.slug, o.articles])).toEqual([
      ["Korea JoongAng Daily", "joongang-daily", 2],
      ["The Campus Journal (Changwon National University)", "campus-journal", 1],
      ["The Hankyoreh", "hankyoreh", 2],
    ]);
    for (const o of outlets) expect(o).not.toHaveProperty("id");
    const campus = outlets.find((o) => o.slug === "campus-journal")!;
    expect(campus).toMatchObject({
      orientation: null,
      orientationSource: null,
      url: null,
      kind: "university_paper",
      country: "KR",
      language: "en",
    });
    expect(outlets.find((o) => o.slug === "hankyoreh")!.orientation).toBe(
      "progressive (centre-left)",
    );
  });
});

describe("getCodebook", () => {
  it("is codebook.yaml, field for field, in its order", async () => {
    const yaml = parseYaml(readFileSync(path.join(SEEDS, "codebook.yaml"), "utf8"));
    const expected = yaml.dimensions.map((d: any) => ({
      key: d.key,
      label: d.label,
      question: d.question,
      definition: d.definition,
      scope: d.scope,
      ordinal: d.ordinal ?? false,
      codes: d.codes.map((c: any) => ({
        key: c.key,
        label: c.label,
        definition: c.definition,
        indicators: c.indicators ?? [],
        colour: c.colour,
        value: c.value ?? null,
        side: c.side ?? null,
      })),
    }));
    const codebook = await getCodebook();
    expect(codebook).toEqual(expected);
    expect(codebook.map((d) => d.key)).toEqual(DIMENSIONS);
    expect(codebook.find((d) => d.key === "tone_gov")!.codes.map((c) => c.value)).toEqual([
      -2, -1, 0, 1, 2,
    ]);
  });
});

describe("getVocabulary", () => {
  it("names the outlets, coders, default coder and dimensions a filter may use", async () => {
    expect(await getVocabulary()).toEqual({
      outlets: ["campus-journal", "hankyoreh", "joongang-daily"],
      coders: ["FS-1"],
      defaultCoder: "FS-1",
      dimensions: DIMENSIONS,
    });
  });
});
