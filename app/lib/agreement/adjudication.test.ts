import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { refusal, testActor } from "../../../scripts/lib/testing/actors";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { rollupDifferences } from "../../../scripts/lib/testing/rollups";
import type { Actor } from "../auth/actor";
import { setArticleCodes } from "../coding/article-codes";
import { assignCoder } from "../coding/assignments";
import { markDone, reopen } from "../coding/done";
import { addPassage } from "../coding/passages";
import { articleCodesInput, passageInput } from "../coding/schemas";
import { getDb } from "../db";
import type { Filters } from "../filters";
import { getAgreement } from "../queries/agreement";
import { getVocabulary } from "../queries/vocabulary";
import type { AgreementReport } from "./types";
import {
  buildReference,
  decide,
  decisionInput,
  getAdjudication,
  listAdjudicable,
  REF_KEY,
} from "./adjudication";
import {
  type CodedRow,
  compareCodings,
  getArticleDisagreements,
  getDisagreements,
  resolvePair,
} from "./disagreements";
import { getSettings, settingsInput, updateSettings } from "./settings";

/** Disagreements, adjudication and REF on a real PostgreSQL with the real seeds and codebook. */

const S1 = "Seoul weighs its options.";
const S2 = "Kim 🚀 met Putin at Vostochny.";
const S3 = "The treaty binds both sides to mutual defence.";
const S4 = "Critics call it reckless.";
const BODY = `${S1} ${S2} ${S3} ${S4}`;
const span = (s: string) => ({ start: BODY.indexOf(s), end: BODY.indexOf(s) + s.length });

let url: string;
let admin: Actor;
let coderA: Actor;
let coderB: Actor;

async function newArticle(slug: string): Promise<string> {
  const db = getDb();
  const outlet = await db.outlet.findFirstOrThrow({ orderBy: { id: "asc" } });
  const article = await db.article.create({
    data: {
      slug,
      outletId: outlet.id,
      headline: `Adjudication test ${slug}`,
      genre: "editorial",
      publishedAt: new Date("2024-06-21T00:00:00Z"),
      datePrecision: "exact",
      language: "en",
      sourceFile: `${slug}.txt`,
      body: BODY,
      captions: [],
      contentHash: slug,
    },
  });
  await db.$executeRaw`SELECT rollup_article(${article.id}::int, 1)`;
  return slug;
}

/** A checksum of the coders' own rows (everything but REF's). */
async function codersRows(): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT md5(coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM passage_code t
        JOIN coder c ON c.id = t.coder_id WHERE c.key <> 'REF'), '') || '#' ||
        coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM article_code t
        JOIN coder c ON c.id = t.coder_id WHERE c.key <> 'REF'), '') || '#' ||
        coalesce((SELECT string_agg(t::text, '|' ORDER BY t.article_id, t.coder_id) FROM assignment t), '') || '#' ||
        coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM coding_history t), '')) AS sum`);
    return rows[0].sum;
  } finally {
    await client.end();
  }
}

let version = new Map<string, number>();
async function code(actor: Actor, slug: string, dimension: string, codeKey: string, s: string) {
  const v = version.get(`${actor.coderKey}:${slug}`) ?? 0;
  const r = await addPassage(
    actor,
    slug,
    passageInput.parse({ dimension, code: codeKey, ...span(s), baseVersion: v, voice: "own" }),
  );
  version.set(`${actor.coderKey}:${slug}`, r.version);
}
async function articleCodes(actor: Actor, slug: string, weapons: string, tone: string) {
  const v = version.get(`${actor.coderKey}:${slug}`) ?? 0;
  const r = await setArticleCodes(
    actor,
    slug,
    articleCodesInput.parse({
      baseVersion: v,
      weapons: { code: weapons },
      tone_gov: { code: tone, note: `${actor.coderKey} thinks so` },
    }),
  );
  version.set(`${actor.coderKey}:${slug}`, r.version);
}

const ALL: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "",
  unit: "passages",
};

beforeAll(async () => {
  url = await recreateDatabase("t_adjudication");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  version = new Map();
  admin = await testActor("adm@example.org", "admin", "ADM-1");
  coderA = await testActor("a@example.org", "coder", "A-1");
  coderB = await testActor("b@example.org", "coder", "B-1");
});

afterAll(async () => {
  await getDb().$disconnect();
});

describe("clusters (pure)", () => {
  const row = (codeKey: string, start: number, end: number): CodedRow => ({
    dimension: "ties",
    code: codeKey,
    label: codeKey,
    colour: "#000000",
    start,
    end,
    quote: "",
    note: null,
    voice: "own",
  });
  const dims = [{ key: "ties", scope: "passage" as const }];

  it("overlaps chain transitively into one cluster; touching spans stay apart", () => {
    const { items, agreed } = compareCodings(
      dims,
      [row("x", 0, 10), row("x", 18, 30), row("y", 30, 40)],
      [row("z", 8, 20), row("y", 30, 40)],
    );
    expect(items.map((i) => i.key)).toEqual(["ties:0-30"]);
    expect(items[0].a.map((s) => [s.start, s.end])).toEqual([
      [0, 10],
      [18, 30],
    ]);
    expect(items[0].b.map((s) => [s.start, s.end])).toEqual([[8, 20]]);
    expect(agreed.map((i) => i.key)).toEqual(["ties:30-40"]);
  });

  it("the same (start, end, code) set is agreed, a coder coding a span twice included", () => {
    const { items, agreed } = compareCodings(
      dims,
      [row("x", 0, 10), row("y", 0, 10)],
      [row("y", 0, 10), row("x", 0, 10)],
    );
    expect(items).toEqual([]);
    expect(agreed.map((i) => i.key)).toEqual(["ties:0-10"]);
  });

  it("a different code or span, or one side empty, is a disagreement", () => {
    const { items } = compareCodings(
      dims,
      [row("x", 0, 10), row("x", 20, 30), row("x", 40, 50)],
      [row("y", 0, 10), row("x", 21, 30)],
    );
    expect(items.map((i) => [i.key, i.a.length, i.b.length])).toEqual([
      ["ties:0-10", 1, 1],
      ["ties:20-30", 1, 1],
      ["ties:40-50", 1, 0],
    ]);
  });

  it("article-level dimensions disagree when the codes differ", () => {
    const art = (codeKey: string): CodedRow => ({
      dimension: "weapons",
      code: codeKey,
      label: codeKey,
      colour: "#000000",
      note: null,
    });
    const d = [{ key: "weapons", scope: "article" as const }];
    expect(compareCodings(d, [art("oppose")], [art("oppose")]).items).toEqual([]);
    expect(compareCodings(d, [art("oppose")], [art("support")]).items[0]).toMatchObject({
      key: "weapons",
      a: [{ code: "oppose" }],
      b: [{ code: "support" }],
    });
  });
});

describe("two coders, their disagreements and an admin adjudicating them", () => {
  const slug = "adjudication-1";
  let before: string;
  let agreementBefore: AgreementReport;

  beforeAll(async () => {
    await newArticle(slug);
    await assignCoder(admin, slug, "A-1");
    await assignCoder(admin, slug, "B-1");
    // Agreed: ties security_threat on S1, weapons oppose.
    await code(coderA, slug, "ties", "security_threat", S1);
    await code(coderB, slug, "ties", "security_threat", S1);
    // Disagreements: ties on S2 (codes differ), blame only by A, remedy only by B, tone_gov.
    await code(coderA, slug, "ties", "transactional", S2);
    await code(coderB, slug, "ties", "bloc_rivalry", S2);
    await code(coderA, slug, "blame", "russia", S3);
    await code(coderB, slug, "remedy", "deterrence_alliance", S4);
    await articleCodes(coderA, slug, "oppose", "critical");
    await articleCodes(coderB, slug, "oppose", "somewhat_critical");
    await markDone(coderA, slug, version.get(`A-1:${slug}`));
  });

  it("is refused with 409 while the codings are not public", async () => {
    const err = await refusal(getAdjudication(slug, "A-1", "B-1"));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/not public yet/);
    expect((await refusal(getArticleDisagreements(slug, "A-1", "B-1"))).status).toBe(409);
  });

  it("lists the items between A and B once both are done, and the agreed count", async () => {
    await markDone(coderB, slug, version.get(`B-1:${slug}`));
    before = await codersRows();
    agreementBefore = await getAgreement(ALL);
    expect(agreementBefore.coders).toEqual(expect.arrayContaining(["A-1", "B-1"]));
    const d = await getArticleDisagreements(slug, "A-1", "B-1");
    const s2 = span(S2);
    expect(d.items.map((i) => i.key)).toEqual([
      `ties:${s2.start}-${s2.end}`,
      `remedy:${span(S4).start}-${span(S4).end}`,
      `blame:${span(S3).start}-${span(S3).end}`,
      "tone_gov",
    ]);
    expect(d.agreed).toBe(2);
    expect(d.items[0].a[0]).toMatchObject({ code: "transactional", quote: S2, voice: "own" });
    expect(d.items[3].a[0]).toMatchObject({ code: "critical", note: "A-1 thinks so" });
    const all = await getDisagreements(ALL, "A-1", "B-1");
    expect(all.total).toBe(1);
    expect(all.articles[0].items).toEqual(d.items);
  });

  it("the adjudication view defaults to the first two coders by key and starts not started", async () => {
    const view = await getAdjudication(slug);
    expect([view.a, view.b]).toEqual(["A-1", "B-1"]);
    expect(view.status).toMatchObject({ state: "not started", decided: 0, total: 4 });
    expect(view.items[0].quote).toBe(S2);
    const list = await listAdjudicable();
    expect(list.articles.find((x) => x.slug === slug)).toMatchObject({
      disagreements: 4,
      status: { state: "not started" },
    });
  });

  it("refuses bad decisions naming the field, unknown items with 404, and coders with 403", async () => {
    const noReason = decisionInput.safeParse({ a: "A-1", b: "B-1", choice: "a", reason: " " });
    expect(noReason.success).toBe(false);
    expect(noReason.error?.issues[0].path).toEqual(["reason"]);
    const badChoice = decisionInput.safeParse({ a: "A-1", b: "B-1", choice: "c", reason: "x" });
    expect(badChoice.error?.issues[0].path).toEqual(["choice"]);
    const key = `ties:${span(S2).start}-${span(S2).end}`;
    const own = (over: Record<string, unknown>) =>
      decisionInput.parse({ a: "A-1", b: "B-1", choice: "own", reason: "because", ...over });
    const badCode = await refusal(decide(admin, slug, key, own({ code: "friendship" })));
    expect([badCode.status, badCode.issues?.[0].param]).toEqual([400, "code"]);
    const badSpan = await refusal(
      decide(admin, slug, key, own({ code: "transactional", start: 1, end: 4 })),
    );
    expect([badSpan.status, badSpan.issues?.[0].param]).toEqual([400, "start"]);
    const noneOnArticle = await refusal(decide(admin, slug, "tone_gov", own({ code: null })));
    expect([noneOnArticle.status, noneOnArticle.issues?.[0].param]).toEqual([400, "code"]);
    const unknown = await refusal(decide(admin, slug, "ties:1-2", own({ code: null })));
    expect(unknown.status).toBe(404);
    const agreedKey = `ties:${span(S1).start}-${span(S1).end}`;
    expect((await refusal(decide(admin, slug, agreedKey, own({ code: null })))).status).toBe(404);
    expect((await refusal(decide(coderA, slug, key, own({ code: null })))).status).toBe(403);
    const notCompleted = await refusal(getAdjudication(slug, "A-1", "ADM-1"));
    expect([notCompleted.status, notCompleted.issues?.[0].param]).toEqual([400, "b"]);
    expect((await getAdjudication(slug)).status.decided).toBe(0);
  });

  it("saves each decision; the last one builds REF from the agreed codes and the decisions", async () => {
    const input = (over: Record<string, unknown>) =>
      decisionInput.parse({ a: "A-1", b: "B-1", ...over });
    const s2 = span(S2);
    const first = await decide(
      admin,
      slug,
      `ties:${s2.start}-${s2.end}`,
      input({ choice: "own", code: "seoul_policy_consequence", voice: "reported", reason: "R1" }),
    );
    expect(first).toMatchObject({
      rebuilt: false,
      status: { state: "in progress", decided: 1, total: 4 },
    });
    expect(await getDb().coder.findUnique({ where: { key: REF_KEY } })).toBeNull();
    await decide(
      admin,
      slug,
      `remedy:${span(S4).start}-${span(S4).end}`,
      input({ choice: "b", reason: "R2" }),
    );
    await decide(
      admin,
      slug,
      `blame:${span(S3).start}-${span(S3).end}`,
      input({ choice: "a", reason: "R3" }),
    );
    const last = await decide(
      admin,
      slug,
      "tone_gov",
      input({ choice: "own", code: "neutral", reason: "R4" }),
    );
    expect(last).toMatchObject({
      rebuilt: true,
      status: { state: "complete", decided: 4, total: 4 },
    });

    const ref = await getDb().coder.findUniqueOrThrow({ where: { key: REF_KEY } });
    expect(ref).toMatchObject({ kind: "adjudicated", name: "Reference coding (adjudicated)" });
    const passages = await getDb().passageCode.findMany({
      where: { coderId: ref.id, article: { slug } },
      orderBy: { start: "asc" },
      include: { code: true, decision: { include: { decider: true } } },
    });
    expect(
      passages.map((p) => [
        p.code.key,
        p.quote,
        p.voice,
        p.decision?.choice,
        p.decision?.reason,
        p.decision?.decider?.email,
      ]),
    ).toEqual([
      ["security_threat", S1, "own", "agreed", null, "adm@example.org"],
      ["seoul_policy_consequence", S2, "reported", "own", "R1", "adm@example.org"],
      ["russia", S3, "own", "a", "R3", "adm@example.org"],
      ["deterrence_alliance", S4, "own", "b", "R2", "adm@example.org"],
    ]);
    for (const p of passages) expect(p.quote).toBe(BODY.slice(p.start, p.end));
    const codes = await getDb().articleCode.findMany({
      where: { coderId: ref.id, article: { slug } },
      include: { code: true, dimension: true, decision: true },
      orderBy: { dimensionId: "asc" },
    });
    expect(codes.map((c) => [c.dimension.key, c.code.key, c.decision?.choice])).toEqual(
      expect.arrayContaining([
        ["weapons", "oppose", "agreed"],
        ["tone_gov", "neutral", "own"],
      ]),
    );
    expect(codes).toHaveLength(2);

    expect(await rollupDifferences(url)).toEqual({});
    const charted = await getDb().frameRollupDay.count({ where: { coderId: ref.id } });
    expect(charted).toBeGreaterThan(0);
    expect(await codersRows()).toBe(before);
    expect((await getAdjudication(slug)).status.state).toBe("complete");
    const list = await listAdjudicable();
    expect(list.articles.find((x) => x.slug === slug)).toMatchObject({
      coders: ["A-1", "B-1"],
      a: "A-1",
      b: "B-1",
      disagreements: 4,
      status: { state: "complete", decided: 4, total: 4 },
    });
  });

  it("changing a decision later rebuilds REF; the coders' rows stay as they were", async () => {
    const r = await decide(
      admin,
      slug,
      `remedy:${span(S4).start}-${span(S4).end}`,
      decisionInput.parse({ a: "A-1", b: "B-1", choice: "a", reason: "A left it uncoded" }),
    );
    expect(r.rebuilt).toBe(true);
    const ref = await getDb().coder.findUniqueOrThrow({ where: { key: REF_KEY } });
    const keys = await getDb().passageCode.findMany({
      where: { coderId: ref.id, article: { slug } },
      select: { code: { select: { key: true } } },
    });
    expect(keys.map((k) => k.code.key).sort()).toEqual([
      "russia",
      "security_threat",
      "seoul_policy_consequence",
    ]);
    expect(await rollupDifferences(url)).toEqual({});
    expect(await codersRows()).toBe(before);
  });

  it("REF never takes part in agreement or disagreements", async () => {
    const err = await refusal(resolvePair(REF_KEY, "A-1"));
    expect([err.status, err.issues?.[0].param]).toEqual([400, "a"]);
    const view = await getAdjudication(slug);
    expect(view.coders).toEqual(["A-1", "B-1"]);
    // The agreement figures are those computed before adjudication, REF or not.
    const after = await getAgreement(ALL);
    expect(after.coders).not.toContain(REF_KEY);
    expect(after).toEqual(agreementBefore);
    const named = await refusal(getAgreement(ALL, { coders: [REF_KEY, "A-1"] }));
    expect([named.status, named.issues?.[0].param]).toEqual([400, "coders"]);
  });

  it("the default coder is the built-in rule until an admin sets one; REF may be chosen", async () => {
    const rule = (await getVocabulary()).defaultCoder;
    expect((await getSettings()).defaultCoder).toBeNull();
    expect((await getSettings()).choices.map((c) => c.key)).toContain(REF_KEY);
    await updateSettings(admin, settingsInput.parse({ defaultCoder: REF_KEY }));
    expect((await getVocabulary()).defaultCoder).toBe(REF_KEY);
    const bad = await refusal(
      updateSettings(admin, settingsInput.parse({ defaultCoder: "ADM-1" })),
    );
    expect([bad.status, bad.issues?.[0].param]).toEqual([400, "defaultCoder"]);
    expect((await refusal(updateSettings(coderA, { defaultCoder: REF_KEY }))).status).toBe(403);
    await updateSettings(admin, settingsInput.parse({ defaultCoder: null }));
    expect((await getVocabulary()).defaultCoder).toBe(rule);
  });

  it("a coder reopening the article takes REF out of the rollups with the rest", async () => {
    await reopen(coderA, slug, undefined);
    expect(await rollupDifferences(url)).toEqual({});
    const ref = await getDb().coder.findUniqueOrThrow({ where: { key: REF_KEY } });
    expect(await getDb().frameRollupDay.count({ where: { coderId: ref.id } })).toBe(0);
    expect((await refusal(getAdjudication(slug))).status).toBe(409);
  });
});

describe("coders who agree on everything", () => {
  const slug = "adjudication-2";

  beforeAll(async () => {
    await newArticle(slug);
    await assignCoder(admin, slug, "A-1");
    await assignCoder(admin, slug, "B-1");
    for (const coder of [coderA, coderB]) {
      await code(coder, slug, "generic", "conflict", S3);
      await articleCodes(coder, slug, "support", "neutral");
      await markDone(coder, slug, version.get(`${coder.coderKey}:${slug}`));
    }
  });

  it("have nothing to decide; building REF copies what they agreed on", async () => {
    const view = await getAdjudication(slug);
    expect(view.items).toEqual([]);
    expect(view.agreed).toBe(3);
    expect(view.status.state).toBe("not started");
    const built = await buildReference(admin, slug, { a: "A-1", b: "B-1" });
    expect(built).toMatchObject({ rebuilt: true, status: { state: "complete", total: 0 } });
    const rows = await getDb().passageCode.findMany({
      where: { coder: { key: REF_KEY }, article: { slug } },
      include: { code: true, decision: true },
    });
    expect(rows.map((r) => [r.code.key, r.quote, r.decision?.choice])).toEqual([
      ["conflict", S3, "agreed"],
    ]);
    expect(await rollupDifferences(url)).toEqual({});
    expect((await refusal(buildReference(coderA, slug, { a: "A-1", b: "B-1" }))).status).toBe(403);
  });

  it("building REF is refused with 409 while disagreements are open", async () => {
    const open = "adjudication-3";
    await newArticle(open);
    await assignCoder(admin, open, "A-1");
    await assignCoder(admin, open, "B-1");
    await articleCodes(coderA, open, "support", "neutral");
    await articleCodes(coderB, open, "oppose", "neutral");
    for (const coder of [coderA, coderB])
      await markDone(coder, open, version.get(`${coder.coderKey}:${open}`));
    const err = await refusal(buildReference(admin, open, { a: "A-1", b: "B-1" }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/1 of 1 disagreements are undecided/);
  });
});
