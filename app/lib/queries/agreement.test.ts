import { testActor } from "../../../scripts/lib/testing/actors";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import {
  codeArticle,
  FIXTURE_CODER,
  FIXTURE_CODINGS,
  MANY_VALUED,
} from "../../../scripts/lib/testing/agreement-fixture";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { alphaOfMatrix, type Metric } from "../agreement/alpha";
import type { AgreementReport, DimensionAgreement } from "../agreement/types";
import { type Section, type Segment, unitizingAlpha } from "../agreement/unitizing";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { setArticleCodes } from "../coding/article-codes";
import { assignCoder } from "../coding/assignments";
import { reopen } from "../coding/done";
import { articleCodesInput } from "../coding/schemas";
import { getDb } from "../db";
import type { Filters } from "../filters";
import { clearAgreementCache, getAgreement, getPairwiseAgreement } from "./agreement";

/*
 * Agreement on a real PostgreSQL: the seed corpus (FS-1 alone), then FIXTURE-B coding four seed
 * articles through the coding service. Every figure must equal an independent computation from
 * plain Prisma reads fed to the math of app/lib/agreement, and two of them a value worked by hand.
 */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const base: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};
const SLUGS = Object.keys(FIXTURE_CODINGS);
let admin: Actor;
let fixture: Actor;

const dim = (r: AgreementReport, key: string): DimensionAgreement =>
  r.dimensions.find((d) => d.key === key)!;

/** What the report must say, computed the long way: a reliability matrix per dimension. */
async function independent(coders: string[], outlets: string[] = []) {
  const db = getDb();
  const dims = await db.dimension.findMany({
    orderBy: { order: "asc" },
    include: { codes: { orderBy: { order: "asc" } } },
  });
  const articles = await db.article.findMany({
    where: {
      codingsPublic: true,
      ...(outlets.length ? { outlet: { slug: { in: outlets } } } : {}),
    },
    select: {
      body: true,
      articleCodes: { select: { codeId: true, dimensionId: true, coder: true } },
      passageCodes: { select: { codeId: true, start: true, end: true, coder: true } },
    },
    orderBy: { id: "asc" },
  });
  const completed = (a: (typeof articles)[number], coder: string) =>
    a.articleCodes.some((c) => c.coder.key === coder && c.coder.kind === "person");
  const paired = articles.filter((a) => coders.filter((c) => completed(a, c)).length >= 2);
  const everyone = articles.filter((a) => coders.every((c) => completed(a, c)));
  const out: Record<string, { alpha: number | null; units: number; pairable: number } & object> =
    {};
  const categories: Record<string, Record<string, number | null>> = {};
  const unitizing: Record<string, ReturnType<typeof unitizingAlpha>> = {};
  for (const d of dims) {
    const metric: Metric = d.ordinal ? "ordinal" : "nominal";
    if (d.scope === "article") {
      const rows = coders.map((coder) =>
        paired.map((a) => {
          const ac = a.articleCodes.find((c) => c.coder.key === coder && c.dimensionId === d.id);
          return ac ? d.codes.findIndex((c) => c.id === ac.codeId) : null;
        }),
      );
      out[d.key] = alphaOfMatrix(rows, metric);
      continue;
    }
    const presence = (codeIds: number[]) =>
      coders.map((coder) =>
        paired.flatMap((a) =>
          codeIds.map((id) =>
            completed(a, coder)
              ? a.passageCodes.some((p) => p.coder.key === coder && p.codeId === id)
                ? 1
                : 0
              : null,
          ),
        ),
      );
    out[d.key] = alphaOfMatrix(presence(d.codes.map((c) => c.id)), "nominal");
    categories[d.key] = Object.fromEntries(
      d.codes.map((c) => [c.key, alphaOfMatrix(presence([c.id]), "nominal").alpha]),
    );
    const sections: Section[] = everyone.map((a) => ({
      length: a.body.length,
      observers: coders.map((coder) =>
        d.codes.flatMap((c) =>
          merged(
            a.passageCodes
              .filter((p) => p.coder.key === coder && p.codeId === c.id)
              .map((p) => ({ start: p.start, end: p.end, category: c.key })),
          ),
        ),
      ),
    }));
    unitizing[d.key] = unitizingAlpha(
      sections,
      d.codes.map((c) => c.key),
    );
  }
  return { out, categories, unitizing, articles: paired.length, everyone: everyone.length };
}

/** One coder's spans of one code, merged where they overlap or touch. */
function merged(spans: Segment[]): Segment[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** The report equals the independent computation, to the last digits. */
async function expectIndependent(report: AgreementReport, coders: string[], outlets?: string[]) {
  const want = await independent(coders, outlets);
  for (const d of report.dimensions) {
    const w = want.out[d.key];
    if (w.alpha === null) expect(d.alpha, d.key).toBeNull();
    else expect(d.alpha, d.key).toBeCloseTo(w.alpha, 12);
    expect(d.units, d.key).toBe(w.units);
    expect(d.pairable, d.key).toBe(w.pairable);
    expect(d.articles, d.key).toBe(want.articles);
    if (!MANY_VALUED.includes(d.key)) {
      expect(d.unitizing, d.key).toBeNull();
      continue;
    }
    for (const c of d.categories) {
      const a = want.categories[d.key][c.code];
      if (a === null) expect(c.alpha, `${d.key}/${c.code}`).toBeNull();
      else expect(c.alpha, `${d.key}/${c.code}`).toBeCloseTo(a, 12);
    }
    const u = want.unitizing[d.key];
    expect(d.unitizing!.articles).toBe(want.everyone);
    if (u.alpha === null) expect(d.unitizing!.alpha, `uα ${d.key}`).toBeNull();
    else expect(d.unitizing!.alpha, `uα ${d.key}`).toBeCloseTo(u.alpha, 12);
    expect(d.unitizing!.categories.map((c) => [c.code, c.alpha])).toEqual(
      u.categories.map((c) => [c.category, c.alpha]),
    );
  }
}

beforeAll(async () => {
  const url = await recreateDatabase("t_agreement_queries");
  await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
  useDatabase(url);
  clearAgreementCache();
  admin = await testActor("admin@example.org", "admin", null);
  fixture = await testActor("fixture-b@example.org", "coder", FIXTURE_CODER);
});

afterAll(async () => {
  await getDb().$disconnect();
});

describe("agreement of the seed corpus and a second coder", () => {
  it("with FS-1 alone every dimension says it needs a second coder", async () => {
    const r = await getAgreement(base);
    expect(r.coders).toEqual(["FS-1"]);
    expect(r.dimensions.map((d) => d.key)).toEqual([
      "ties",
      "weapons",
      "remedy",
      "blame",
      "tone_gov",
      "generic",
    ]);
    for (const d of r.dimensions) {
      expect(d.alpha).toBeNull();
      expect(d.ci).toBeNull();
      expect(d.reason).toBe("needs a second coder: only FS-1 completed these articles");
      expect(d.metric).toBe(d.key === "tone_gov" ? "ordinal" : "nominal");
    }
    expect(dim(r, "ties").unitizing!.alpha).toBeNull();
    expect(dim(r, "weapons").unitizing).toBeNull();
  });

  it("a coding in progress is hidden: it counts for nobody, FS-1's included", async () => {
    const before = await getAgreement(base);
    await codeArticle(admin, fixture, SLUGS[0], { done: false });
    const r = await getAgreement(base);
    expect(r).not.toBe(before); // the assignment changed the data version
    expect(dim(r, "weapons").alpha).toBeNull();
    expect(dim(r, "weapons").reason).toMatch(/^needs a second coder/);
    // The article left FS-1's completed ones too: its codings are private until B is done.
    const counts = await getDb().article.count({ where: { codingsPublic: false } });
    expect(counts).toBe(1);
  });

  it("once done, every alpha equals the independent computation", async () => {
    const { markDone } = await import("../coding/done");
    const assignment = await getDb().assignment.findFirstOrThrow({
      where: { article: { slug: SLUGS[0] }, coder: { key: FIXTURE_CODER } },
    });
    await markDone(fixture, SLUGS[0], assignment.version);
    for (const slug of SLUGS.slice(1)) await codeArticle(admin, fixture, slug);
    const r = await getAgreement(base);
    expect(r.coders).toEqual([FIXTURE_CODER, "FS-1"]);
    for (const d of r.dimensions) {
      expect(d.coders).toEqual([FIXTURE_CODER, "FS-1"]);
      expect(d.articles).toBe(4);
      expect(d.alpha, d.key).not.toBeNull();
      expect(d.ci, d.key).not.toBeNull();
      expect(d.ci![0]).toBeLessThanOrEqual(d.ci![1]);
    }
    await expectIndependent(r, [FIXTURE_CODER, "FS-1"]);
  });

  it("hand-checked: weapons α = 10/17, tone_gov ordinal α = 0.75", async () => {
    // weapons, 4 units: (oppose, oppose) ×2, (not_addressed ×2), (oppose, conditional):
    // n.. = 8, D_o = 2/8, D_e = 2(5·2 + 5·1 + 2·1)/56 = 34/56, α = 1 − 14/34 = 10/17.
    // tone_gov: (sc, sc) ×2, (sc, critical), (neutral ×2); ordinal δ² from the marginals
    // n_critical = 1, n_sc = 5, n_neutral = 2: δ²(c, sc) = 9, δ²(c, n) = 42.25, δ²(sc, n) = 12.25;
    // D_o = 2·9/8 = 2.25, D_e = 2(45 + 84.5 + 122.5)/56 = 9, α = 1 − 2.25/9 = 0.75.
    const r = await getAgreement(base);
    expect(dim(r, "weapons").alpha).toBeCloseTo(10 / 17, 12);
    expect(dim(r, "weapons")).toMatchObject({ units: 4, pairable: 8, articles: 4 });
    expect(dim(r, "tone_gov").alpha).toBeCloseTo(0.75, 12);
    expect(dim(r, "tone_gov")).toMatchObject({ units: 4, pairable: 8, metric: "ordinal" });
    // Many-valued: every code of the dimension is a unit of every paired article.
    expect(dim(r, "ties").units).toBe(4 * 6);
    expect(dim(r, "ties").categories.map((c) => c.code)).toEqual([
      "security_threat",
      "transactional",
      "bloc_rivalry",
      "seoul_policy_consequence",
      "sanctions_erosion",
      "limited_significance",
    ]);
  });

  it("is cached until the next write, and the same data give the same interval", async () => {
    const a = await getAgreement(base);
    expect(await getAgreement({ ...base, coder: FIXTURE_CODER, unit: "articles" })).toBe(a);
    expect(await getAgreement(base, { coders: ["FS-1", FIXTURE_CODER] })).toBe(a);
    clearAgreementCache();
    const again = await getAgreement(base);
    expect(again).not.toBe(a);
    expect(again).toEqual(a);
  });

  it("a coding write shows at the next request", async () => {
    const before = await getAgreement(base);
    const slug = "joongang-manage-korea-russia-relations";
    const { version } = await getDb().assignment.findFirstOrThrow({
      where: { article: { slug }, coder: { key: FIXTURE_CODER } },
    });
    await setArticleCodes(
      fixture,
      slug,
      articleCodesInput.parse({ baseVersion: version, weapons: { code: "oppose" } }),
    );
    const after = await getAgreement(base);
    expect(dim(before, "weapons").alpha).toBeCloseTo(10 / 17, 12);
    // Now every weapons pair agrees: alpha 1.
    expect(dim(after, "weapons").alpha).toBe(1);
    await expectIndependent(after, [FIXTURE_CODER, "FS-1"]);
  });

  it("the filters change it: one outlet's articles only", async () => {
    const r = await getAgreement({ ...base, outlets: ["hankyoreh"] });
    expect(dim(r, "weapons").articles).toBe(2);
    // Both coders coded both Hankyoreh articles oppose: no variation, so no alpha, and why.
    expect(dim(r, "weapons").alpha).toBeNull();
    expect(dim(r, "weapons").reason).toMatch(/no variation/);
    expect(dim(r, "ties").alpha).not.toEqual(dim(await getAgreement(base), "ties").alpha);
    await expectIndependent(r, [FIXTURE_CODER, "FS-1"], ["hankyoreh"]);
    const none = await getAgreement({ ...base, from: "2030-01-01" });
    expect(dim(none, "ties").reason).toBe(
      "needs two coders: no coder completed an article in these filters",
    );
  });

  it("REF and automatic coders never take part, and cannot be named", async () => {
    const db = getDb();
    const before = await getAgreement(base);
    const ref = await db.coder.upsert({
      where: { key: "REF" },
      create: { key: "REF", name: "Reference coding", kind: "adjudicated" },
      update: {},
    });
    const auto = await db.coder.create({
      data: { key: "AUTO-T", name: "Automatic test coder", kind: "automatic" },
    });
    // Both "code" every seed article, disagreeing with everyone.
    const articles = await db.article.findMany({ select: { id: true } });
    const oppose = await db.code.findFirstOrThrow({ where: { key: "support" } });
    const critical = await db.code.findFirstOrThrow({ where: { key: "supportive" } });
    const ties = await db.code.findFirstOrThrow({ where: { key: "limited_significance" } });
    for (const coder of [ref, auto])
      for (const a of articles) {
        await db.articleCode.createMany({
          data: [
            {
              articleId: a.id,
              coderId: coder.id,
              dimensionId: oppose.dimensionId,
              codeId: oppose.id,
            },
            {
              articleId: a.id,
              coderId: coder.id,
              dimensionId: critical.dimensionId,
              codeId: critical.id,
            },
          ],
        });
        await db.passageCode.create({
          data: {
            articleId: a.id,
            coderId: coder.id,
            codeId: ties.id,
            start: 0,
            end: 10,
            quote: "x",
            voice: "own",
          },
        });
      }
    const after = await getAgreement(base);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
    for (const key of ["REF", "AUTO-T", "NOBODY"]) {
      const err = await getAgreement(base, { coders: ["FS-1", key] }).catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).issues![0].param).toBe("coders");
    }
    const pairs = await getPairwiseAgreement(base);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[FIXTURE_CODER, "FS-1"]]);
    expect(pairs[0].report).toEqual(before);
  });

  it("with a third coder: pairwise reports, and uα only on articles all three completed", async () => {
    const third = await testActor("fixture-c@example.org", "coder", "FIXTURE-C");
    const slug = SLUGS[1];
    await codeArticle(admin, third, slug);
    const all = await getAgreement(base);
    expect(all.coders).toEqual([FIXTURE_CODER, "FIXTURE-C", "FS-1"]);
    expect(dim(all, "ties").articles).toBe(4);
    expect(dim(all, "ties").unitizing!.articles).toBe(1);
    await expectIndependent(all, [FIXTURE_CODER, "FIXTURE-C", "FS-1"]);
    const pairs = await getPairwiseAgreement(base);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [FIXTURE_CODER, "FIXTURE-C"],
      [FIXTURE_CODER, "FS-1"],
      ["FIXTURE-C", "FS-1"],
    ]);
    for (const p of pairs) await expectIndependent(p.report, [p.a, p.b]);
    // Named coders: the report of those two only; one alone cannot agree with anyone.
    const one = await getAgreement(base, { coders: ["FIXTURE-C"] });
    expect(dim(one, "weapons").reason).toBe(
      "needs a second coder: only FIXTURE-C completed these articles",
    );
    // An assignment that is still open hides the article from everyone, as before.
    await assignCoder(admin, SLUGS[2], "FIXTURE-C");
    const hidden = await getAgreement(base);
    expect(dim(hidden, "weapons").articles).toBe(3);
    await expectIndependent(hidden, [FIXTURE_CODER, "FIXTURE-C", "FS-1"]);
    await reopen(third, slug, undefined);
    expect(dim(await getAgreement(base), "weapons").articles).toBe(2);
  });

  it("measures offsets in UTF-16 code units, as passages store them", async () => {
    const db = getDb();
    const body = "Kim 🚀 met Putin at Vostochny. ".repeat(40);
    const outlet = await db.outlet.findFirstOrThrow({ where: { slug: "hankyoreh" } });
    const article = await db.article.create({
      data: {
        slug: "agreement-astral",
        outletId: outlet.id,
        headline: "Astral characters",
        genre: "editorial",
        publishedAt: new Date("2024-06-20T00:00:00Z"),
        datePrecision: "exact",
        language: "en",
        sourceFile: "agreement-astral.txt",
        body,
        captions: [],
        contentHash: "agreement-astral",
      },
    });
    const weapons = await db.code.findFirstOrThrow({ where: { key: "oppose" } });
    const ties = await db.code.findFirstOrThrow({ where: { key: "security_threat" } });
    for (const [key, end] of [
      [FIXTURE_CODER, 40],
      ["FIXTURE-C", 44],
    ] as const) {
      const coder = await db.coder.findUniqueOrThrow({ where: { key } });
      await db.articleCode.create({
        data: {
          articleId: article.id,
          coderId: coder.id,
          dimensionId: weapons.dimensionId,
          codeId: weapons.id,
        },
      });
      await db.passageCode.create({
        data: {
          articleId: article.id,
          coderId: coder.id,
          codeId: ties.id,
          start: 4,
          end,
          quote: body.slice(4, end),
          voice: "own",
        },
      });
    }
    const r = await getAgreement(base, { coders: [FIXTURE_CODER, "FIXTURE-C"] });
    // Only this article: B and C's other common one is reopened (hidden).
    expect(dim(r, "ties").unitizing).toMatchObject({ articles: 1, length: body.length });
    await expectIndependent(r, [FIXTURE_CODER, "FIXTURE-C"]);
    const [{ length }] = await db.$queryRaw<{ length: number }[]>`
      SELECT char_length(body) AS length FROM article WHERE id = ${article.id}`;
    expect(length).toBe(body.length - 40); // PostgreSQL counts each rocket once
  });
});
