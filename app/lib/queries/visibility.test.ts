import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { getFrameCountsNaive } from "../../../scripts/lib/frames-naive";
import type { Filters, Unit } from "../filters";
import { rollupDifferences } from "../../../scripts/lib/testing/rollups";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getArticle } from "./article";
import { getArticles, getRecentArticles } from "./articles";
import { getCodeExamples } from "./code-examples";
import { getComparison } from "./compare";
import { getFrameCounts, type FrameCounts } from "./frames";
import { getArticlesWithCode, getEvidence } from "./passages";
import { getVocabulary } from "./vocabulary";

/**
 * Only public codings reach public reads, and under coder=X the n of articles counts only the
 * articles X has coded publicly: on the real corpus plus articles added as an import would.
 */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const SOURCE = "hankyoreh-dangerous-game";
const DIMENSIONS = ["ties", "weapons", "remedy", "blame", "tone_gov", "generic"];
const UNITS: Unit[] = ["passages", "articles"];
const base: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};
const FILTERS: Filters[] = [
  base,
  { ...base, outlets: ["hankyoreh"] },
  { ...base, from: "2024-06-24", to: "2024-06-24" },
  { ...base, genres: ["news_analysis"], from: "2024-06-01" },
];

/** Every aggregate the charts read, for every filter above. */
async function allCounts(): Promise<FrameCounts[]> {
  const out: FrameCounts[] = [];
  for (const f of FILTERS)
    for (const unit of UNITS)
      for (const dimension of DIMENSIONS) out.push(await getFrameCounts(f, dimension, unit));
  return out;
}

/** The rollup answers equal the straightforward SQL over the raw rows. */
async function expectRollupsEqualNaive() {
  for (const f of FILTERS)
    for (const unit of UNITS)
      for (const dimension of DIMENSIONS)
        expect(
          await getFrameCounts(f, dimension, unit),
          `${JSON.stringify(f)} ${dimension}/${unit}`,
        ).toEqual(await getFrameCountsNaive(f, dimension, unit));
}

/**
 * A copy of the source article under a new slug, as an import adds it (article counts +1). With
 * `codings`, FS-1's codings are copied too, each passage cut to its first three characters, so
 * its quotes are the shortest of every code (the codebook's examples would pick them first).
 */
async function addArticle(slug: string, opts: { codings: boolean; codingsPublic: boolean }) {
  const db = getDb();
  const [{ id }] = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO article (slug, outlet_id, headline, genre, published_at, date_precision, language,
                         source_file, body, captions, content_hash, codings_public)
    SELECT ${slug}, outlet_id, 'Copy: ' || headline, genre, published_at, date_precision, language,
           source_file, body, captions, md5(${slug}), ${opts.codingsPublic}
    FROM article WHERE slug = ${SOURCE}
    RETURNING id`;
  await db.$executeRaw`SELECT rollup_article(${id}, 1)`;
  if (opts.codings) {
    await db.$executeRaw`
      INSERT INTO passage_code (article_id, code_id, coder_id, start, "end", quote, note, voice)
      SELECT ${id}, code_id, coder_id, start, start + 3, left(quote, 3), note, voice
      FROM passage_code WHERE article_id = (SELECT id FROM article WHERE slug = ${SOURCE})
      ON CONFLICT DO NOTHING`;
    await db.$executeRaw`
      INSERT INTO article_code (article_id, dimension_id, code_id, coder_id, note)
      SELECT ${id}, dimension_id, code_id, coder_id, note
      FROM article_code WHERE article_id = (SELECT id FROM article WHERE slug = ${SOURCE})`;
    if (opts.codingsPublic) await addCodingsToRollups(id);
  }
  return id;
}

/** What marking an article done does to the rollups: every coder's coding is added. */
async function addCodingsToRollups(articleId: number) {
  await getDb().$executeRaw`
    SELECT rollup_coding(${articleId}, k.coder_id, 1, NULL)
    FROM (SELECT DISTINCT coder_id FROM article_code WHERE article_id = ${articleId}) k`;
}

describe("in-progress codings stay off public reads; n counts the coder's public articles", () => {
  let before: FrameCounts[];
  let privateId: number;

  beforeAll(async () => {
    const url = await recreateDatabase("t_visibility");
    await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
    useDatabase(url);
    before = await allCounts();
  });
  afterAll(async () => {
    await getDb().$disconnect();
  });

  it("an imported, uncoded article does not change FS-1's counts, n or shares", async () => {
    await addArticle("imported-uncoded", { codings: false, codingsPublic: true });
    expect(await allCounts()).toEqual(before);
    await expectRollupsEqualNaive();
    // It is an article of the corpus all the same: listed, with no codes.
    const listed = await getArticles(base);
    expect(listed.n).toBe(6);
    const row = listed.articles.find((a) => a.slug === "imported-uncoded")!;
    expect(row.codes.weapons).toBeNull();
    expect(row.passageCount).toBe(0);
    // The dashboard lists the articles its charts count.
    const recent = await getRecentArticles(base, 300);
    expect(recent.map((a) => a.slug)).not.toContain("imported-uncoded");
    expect(recent).toHaveLength(5);
  });

  it("an article whose coding is in progress contributes nothing to the charts", async () => {
    const evidence = await getEvidence(base, "weapons", "oppose", "hankyoreh");
    const withCode = await getArticlesWithCode(base, "weapons", "oppose", "hankyoreh");
    const comparison = await getComparison(base, "hankyoreh", "joongang-daily");
    privateId = await addArticle("in-progress", { codings: true, codingsPublic: false });
    expect(await allCounts()).toEqual(before);
    await expectRollupsEqualNaive();
    expect(await getEvidence(base, "weapons", "oppose", "hankyoreh")).toEqual(evidence);
    expect(await getArticlesWithCode(base, "weapons", "oppose", "hankyoreh")).toEqual(withCode);
    expect(await getComparison(base, "hankyoreh", "joongang-daily")).toEqual(comparison);
  });

  it("its article page and the lists show the text but none of its codes", async () => {
    const a = (await getArticle("in-progress"))!;
    expect(a.codingsPublic).toBe(false);
    expect(a.body.length).toBeGreaterThan(1000);
    expect(a.passages).toEqual([]);
    expect(a.articleCodes).toEqual([]);
    expect((await getArticle("in-progress", "FS-1"))!.passages).toEqual([]);
    expect((await getArticle(SOURCE))!.codingsPublic).toBe(true);

    const row = (await getArticles(base)).articles.find((r) => r.slug === "in-progress")!;
    expect(row.codes).toMatchObject({ weapons: null, tone_gov: null, ties: [] });
    expect(row.passageCount).toBe(0);
    expect((await getRecentArticles(base, 300)).map((r) => r.slug)).not.toContain("in-progress");

    const examples = [...(await getCodeExamples(2)).values()].flat();
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.article.slug === "in-progress")).toEqual([]);
  });

  it("once every coder is done its codings count, n included; the rollups equal a rebuild", async () => {
    await getDb().$executeRaw`UPDATE article SET codings_public = true WHERE id = ${privateId}`;
    await addCodingsToRollups(privateId);
    await expectRollupsEqualNaive();
    // The first weapons-per-article count of `before` is the unfiltered one.
    const was = before.find((c) => c.dimension === "weapons" && c.unit === "articles")!;
    const now = await getFrameCounts(base, "weapons", "articles");
    expect(now.n.hankyoreh.articles).toBe(was.n.hankyoreh.articles + 1);
    const oppose = (c: FrameCounts) =>
      c.rows.find((r) => r.outlet === "hankyoreh" && r.code === "oppose")!.count;
    expect(oppose(now)).toBe(oppose(was) + 1);
    expect((await getArticle("in-progress"))!.passages.length).toBeGreaterThan(0);
    expect((await getRecentArticles(base, 300)).map((r) => r.slug)).toContain("in-progress");
    const examples = [...(await getCodeExamples(2)).values()].flat();
    expect(examples.some((e) => e.article.slug === "in-progress")).toBe(true);

    expect(await rollupDifferences(process.env.DATABASE_URL!)).toEqual({});
  });

  it("the default coder stays the seed's person coder when accounts add coder keys", async () => {
    const db = getDb();
    await db.coder.create({ data: { key: "A1", name: "A new coder", kind: "person" } });
    await db.coder.create({ data: { key: "0-bot", name: "A bot", kind: "automatic" } });
    const vocab = await getVocabulary();
    expect(vocab.defaultCoder).toBe("FS-1");
    // New coders are valid coder= values at once.
    expect(vocab.coders).toEqual(["0-bot", "A1", "FS-1"]);
  });
});

describe("the default coder without seed coders", () => {
  beforeAll(async () => {
    useDatabase(await recreateDatabase("t_visibility_coders"));
  });
  afterAll(async () => {
    await getDb().$disconnect();
  });

  it("is the first coder when no person codes, then the first person coder by key", async () => {
    const db = getDb();
    expect((await getVocabulary()).defaultCoder).toBe("");
    await db.coder.create({ data: { key: "B-bot", name: "A bot", kind: "automatic" } });
    expect((await getVocabulary()).defaultCoder).toBe("B-bot");
    await db.coder.create({ data: { key: "C2", name: "Coder C", kind: "person" } });
    await db.coder.create({ data: { key: "B1", name: "Coder B", kind: "person" } });
    expect((await getVocabulary()).defaultCoder).toBe("B1");
    await db.coder.create({
      data: { key: "Z9", name: "Seed coder", kind: "person", origin: "seed" },
    });
    expect((await getVocabulary()).defaultCoder).toBe("Z9");
  });
});
