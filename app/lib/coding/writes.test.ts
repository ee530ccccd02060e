import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { refusal, testActor } from "../../../scripts/lib/testing/actors";
import {
  recreateDatabase,
  tableChecksums,
  useDatabase,
} from "../../../scripts/lib/testing/database";
import type { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { getDb } from "../db";
import { setArticleCodes } from "./article-codes";
import { assignCoder, unassignCoder } from "./assignments";
import { markDone, reopen } from "./done";
import { addPassage, deletePassage, restorePassage, updatePassage } from "./passages";
import { getCodings, getHistory, listMyAssignments } from "./reads";
import { articleCodesInput, passageInput } from "./schemas";

/** The coding service on a real PostgreSQL with the real seeds and codebook. */

// Offsets are JavaScript string offsets: the rocket is two UTF-16 code units.
const BODY =
  "Seoul weighs its options. Kim 🚀 met Putin at Vostochny. " +
  "The treaty binds both sides to mutual defence. Critics call it reckless.";
let url: string;
let admin: Actor;
let coderA: Actor;
let coderB: Actor;
let noKey: Actor;

let articleCount = 0;
/** An app article of our own (not a seed one), counted in the rollups as an import is. */
async function newArticle(): Promise<string> {
  const db = getDb();
  const outlet = await db.outlet.findFirstOrThrow({ orderBy: { id: "asc" } });
  const slug = `coding-test-${++articleCount}`;
  const article = await db.article.create({
    data: {
      slug,
      outletId: outlet.id,
      headline: `Coding test ${articleCount}`,
      genre: "editorial",
      publishedAt: new Date("2024-06-20T00:00:00Z"),
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

const passage = (over: Record<string, unknown>) =>
  passageInput.parse({
    dimension: "ties",
    code: "security_threat",
    start: 0,
    end: 5,
    baseVersion: 0,
    ...over,
  });
const codes = (over: Record<string, unknown>) =>
  articleCodesInput.parse({ baseVersion: 0, ...over });

beforeAll(async () => {
  url = await recreateDatabase("t_coding_writes");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  admin = await testActor("admin@example.org", "admin", "ADM-1");
  coderA = await testActor("a@example.org", "coder", "A-1");
  coderB = await testActor("b@example.org", "coder", "B-1");
  noKey = await testActor("nokey@example.org", "admin", null);
});

afterAll(async () => {
  await getDb().$disconnect();
});

describe("validation comes first: 400 naming the field, whatever the version", () => {
  let slug: string;
  beforeAll(async () => {
    slug = await newArticle();
    await assignCoder(admin, slug, "A-1");
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ["start outside the body", { start: BODY.length + 1, end: BODY.length + 2 }, "start"],
    ["end outside the body", { start: 3, end: BODY.length + 1 }, "end"],
    ["start equal to end", { start: 7, end: 7 }, "end"],
    ["start after end", { start: 9, end: 4 }, "end"],
    ["an unknown dimension", { dimension: "mood" }, "dimension"],
    ["an unknown code", { code: "friendship" }, "code"],
    [
      "an article-level dimension on a passage",
      { dimension: "weapons", code: "oppose" },
      "dimension",
    ],
  ];
  for (const [what, over, field] of cases)
    it(`a passage with ${what} names ${field}, with a stale version too`, async () => {
      const before = await tableChecksums(url);
      for (const baseVersion of [0, 41]) {
        const err = await refusal(addPassage(coderA, slug, passage({ ...over, baseVersion })));
        expect(err.status).toBe(400);
        expect(err.issues?.map((i) => i.param)).toContain(field);
      }
      expect(await tableChecksums(url)).toEqual(before);
    });

  it("the schema itself refuses a negative offset and a voice outside own|reported|unclear", () => {
    const bad = passageInput.safeParse({
      dimension: "ties",
      code: "x",
      start: -1,
      end: 2,
      voice: "loud",
      baseVersion: 0,
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["start", "voice"]);
  });

  it("article codes: a passage dimension, an unknown dimension and an unknown code name theirs", async () => {
    const before = await tableChecksums(url);
    for (const [over, field] of [
      [{ ties: { code: "security_threat" } }, "ties"],
      [{ mood: { code: "calm" } }, "mood"],
      [{ weapons: { code: "maybe" } }, "weapons.code"],
      [{}, "body"],
    ] as const) {
      const err = await refusal(setArticleCodes(coderA, slug, codes({ ...over, baseVersion: 99 })));
      expect(err.status).toBe(400);
      expect(err.issues?.map((i) => i.param)).toEqual([field]);
    }
    expect(await tableChecksums(url)).toEqual(before);
  });

  it("a PATCH that moves a passage outside the body names the field", async () => {
    const { passage: p, version } = await addPassage(coderA, slug, passage({}));
    const err = await refusal(
      updatePassage(coderA, p.id, { end: BODY.length + 5, baseVersion: version + 3 }),
    );
    expect(err.status).toBe(400);
    expect(err.issues?.map((i) => i.param)).toEqual(["end"]);
  });
});

describe("versions, history and restore", () => {
  let slug: string;
  beforeAll(async () => {
    slug = await newArticle();
    await assignCoder(admin, slug, "A-1");
  });

  it("starts at 0 and rises by one per write; a stale base version answers 409 and changes nothing", async () => {
    expect((await getCodings(coderA, slug, "me")).version).toBe(0);
    const start = BODY.indexOf("Kim");
    const end = BODY.indexOf(" met");
    const added = await addPassage(
      coderA,
      slug,
      passage({ start, end, note: "  the summit  ", voice: "own" }),
    );
    expect(added.version).toBe(1);
    expect(added.passage).toMatchObject({
      quote: "Kim 🚀",
      note: "the summit",
      voice: "own",
      code: "security_threat",
    });

    const before = await tableChecksums(url);
    const stale = await refusal(
      addPassage(coderA, slug, passage({ start: 0, end: 5, baseVersion: 0 })),
    );
    expect(stale.status).toBe(409);
    expect(stale.extra).toEqual({ version: 1 });
    expect(await tableChecksums(url)).toEqual(before);

    const updated = await updatePassage(coderA, added.passage.id, {
      code: "transactional",
      baseVersion: 1,
    });
    expect(updated.version).toBe(2);
    const set = await setArticleCodes(
      coderA,
      slug,
      codes({ weapons: { code: "oppose", note: "n" }, baseVersion: 2 }),
    );
    expect(set).toEqual({ version: 3, articleCodes: { weapons: { code: "oppose", note: "n" } } });
    const deleted = await deletePassage(coderA, added.passage.id, 3);
    expect(deleted.version).toBe(4);

    const coding = await getCodings(coderA, slug, "me");
    expect(coding).toMatchObject({
      article: slug,
      coder: "A-1",
      version: 4,
      passages: [],
      articlePublic: false,
    });
    expect(coding.assignment?.doneAt).toBeNull();

    const { entries } = await getHistory(coderA, slug, "me");
    expect(entries.map((e) => [e.action, e.version])).toEqual([
      ["passage.delete", 4],
      ["article_codes.set", 3],
      ["passage.update", 2],
      ["passage.add", 1],
      ["assign", 0],
    ]);
    const [del, setCodes, update, add] = entries;
    expect(add.after).toMatchObject({
      id: added.passage.id,
      code: "security_threat",
      quote: "Kim 🚀",
    });
    expect(add.before).toBeNull();
    expect(update.before).toMatchObject({ code: "security_threat" });
    expect(update.after).toMatchObject({ code: "transactional" });
    expect(setCodes.before).toEqual({ weapons: null });
    expect(setCodes.after).toEqual({ weapons: { code: "oppose", note: "n" } });
    expect(del.before).toMatchObject({ id: added.passage.id, code: "transactional" });
    expect(del.after).toBeNull();
    expect(del.by).toBe(coderA.name);

    // Restore: not by another coder; by its coder, under its old id; only once.
    expect((await refusal(restorePassage(coderB, deleted.historyId, 4))).status).toBe(403);
    expect((await refusal(restorePassage(coderA, deleted.historyId, 3))).status).toBe(409);
    const restored = await restorePassage(coderA, deleted.historyId, 4);
    expect(restored).toEqual({ version: 5, passage: { ...updated.passage } });
    expect((await refusal(restorePassage(coderA, deleted.historyId, 5))).status).toBe(409);
    const notDelete = entries[1].id;
    const wrong = await refusal(restorePassage(coderA, notDelete, 5));
    expect(wrong.status).toBe(400);
    expect((await getCodings(coderA, slug, "me")).passages).toHaveLength(1);
  });

  it("two writes based on the same version: one is applied, the other answers 409", async () => {
    const { version } = await getCodings(coderA, slug, "me");
    const results = await Promise.allSettled([
      addPassage(coderA, slug, passage({ start: 26, end: 29, baseVersion: version })),
      addPassage(coderA, slug, passage({ start: 30, end: 35, baseVersion: version })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as ApiError).status).toBe(409);
    expect((await getCodings(coderA, slug, "me")).version).toBe(version + 1);
  });

  it("history is append-only", async () => {
    await expect(getDb().codingHistory.deleteMany({})).rejects.toThrow(/append-only/);
  });

  it("an admin restores a coder's deleted passage to that coder", async () => {
    const { version, passage: p } = await getCodings(coderA, slug, "me").then(async (c) =>
      addPassage(coderA, slug, passage({ start: 0, end: 24, baseVersion: c.version })),
    );
    const { historyId, version: v2 } = await deletePassage(coderA, p.id, version);
    const restored = await restorePassage(admin, historyId, v2);
    expect(restored.passage.id).toBe(p.id);
    const coding = await getCodings(admin, slug, "A-1");
    expect(coding.passages.map((x) => x.id)).toContain(p.id);
    expect(coding.version).toBe(v2 + 1);
  });

  it("a duplicate span with the same code answers 409", async () => {
    const c = await getCodings(coderA, slug, "me");
    const err = await refusal(
      addPassage(coderA, slug, passage({ start: 0, end: 24, baseVersion: c.version })),
    );
    expect(err.status).toBe(409);
  });
});

describe("who may write", () => {
  it("only assigned coders write; a write goes to the actor's own coder; admins need an assignment too", async () => {
    const slug = await newArticle();
    expect((await refusal(addPassage(coderA, slug, passage({})))).status).toBe(403);
    expect((await refusal(addPassage(admin, slug, passage({})))).status).toBe(403);
    expect((await refusal(addPassage(noKey, slug, passage({})))).status).toBe(403);
    expect((await refusal(addPassage(coderA, "no-such-article", passage({})))).status).toBe(404);
    // A coder takes an unassigned article for themselves, not for others, and not a taken one.
    expect((await refusal(assignCoder(coderA, slug, "B-1"))).status).toBe(403);
    const taken = await assignCoder(coderA, slug, "A-1");
    expect(taken).toMatchObject({ article: slug, coder: "A-1", articlePublic: false });
    expect((await refusal(assignCoder(coderB, slug, "B-1"))).status).toBe(403);
    expect((await refusal(assignCoder(admin, slug, "A-1"))).status).toBe(409);
    expect((await refusal(assignCoder(admin, slug, "FS-1"))).status).toBe(400);
    // The admin self-assigns, then codes as ADM-1.
    await assignCoder(admin, slug, "ADM-1");
    const own = await addPassage(admin, slug, passage({}));
    expect(own.version).toBe(1);
    // B cannot change A's passage, even once assigned.
    await assignCoder(admin, slug, "B-1");
    const a = await addPassage(coderA, slug, passage({ start: 6, end: 11 }));
    expect(
      (await refusal(updatePassage(coderB, a.passage.id, { note: "x", baseVersion: 0 }))).status,
    ).toBe(403);
    expect((await refusal(deletePassage(coderB, a.passage.id, 0))).status).toBe(403);
    // Unassigning a coder with codings is refused; one without is allowed.
    expect((await refusal(unassignCoder(admin, slug, "A-1"))).status).toBe(409);
    expect(await unassignCoder(admin, slug, "B-1")).toMatchObject({ coder: "B-1" });
    const mine = await listMyAssignments(coderA);
    expect(mine.assignments.find((x) => x.article.slug === slug)).toMatchObject({
      progress: { passages: 1, articleCodes: { weapons: false, tone_gov: false }, done: false },
      doneAt: null,
    });
  });
});

describe("done, blind reads and reopen", () => {
  it("done needs weapons and tone_gov; codings stay hidden from other coders until every coder is done", async () => {
    const slug = await newArticle();
    await assignCoder(admin, slug, "A-1");
    await assignCoder(admin, slug, "B-1");
    let a = await addPassage(coderA, slug, passage({}));
    const missing = await refusal(markDone(coderA, slug, undefined));
    expect(missing.status).toBe(400);
    expect(missing.issues?.map((i) => i.param)).toEqual(["weapons", "tone_gov"]);
    const set = await setArticleCodes(
      coderA,
      slug,
      codes({ weapons: { code: "oppose" }, baseVersion: a.version }),
    );
    const onlyTone = await refusal(markDone(coderA, slug, set.version));
    expect(onlyTone.issues?.map((i) => i.param)).toEqual(["tone_gov"]);
    const both = await setArticleCodes(
      coderA,
      slug,
      codes({ tone_gov: { code: "critical" }, baseVersion: set.version }),
    );
    expect(both.articleCodes).toEqual({
      weapons: { code: "oppose", note: null },
      tone_gov: { code: "critical", note: null },
    });
    expect((await refusal(markDone(coderA, slug, both.version - 1))).status).toBe(409);

    const doneA = await markDone(coderA, slug, both.version);
    expect(doneA).toMatchObject({ version: both.version + 1, articlePublic: false });
    expect(doneA.doneAt).toBeInstanceOf(Date);

    // B (not done) cannot read A's coding; the admin can; A reads their own.
    expect((await refusal(getCodings(coderB, slug, "A-1"))).status).toBe(403);
    expect((await refusal(getHistory(coderB, slug, "A-1"))).status).toBe(403);
    expect((await getCodings(admin, slug, "A-1")).passages).toHaveLength(1);
    expect((await getCodings(coderA, slug, "me")).assignment?.doneAt).toBeInstanceOf(Date);

    // B finishes: the article's codings are public, and B reads A's.
    const b0 = await setArticleCodes(
      coderB,
      slug,
      codes({ weapons: { code: "support" }, tone_gov: { code: "neutral" } }),
    );
    const doneB = await markDone(coderB, slug, b0.version);
    expect(doneB.articlePublic).toBe(true);
    expect((await getCodings(coderB, slug, "A-1")).passages.map((p) => p.quote)).toEqual(["Seoul"]);

    // A done coding can still be edited; a null article code cannot be set while done.
    a = await addPassage(coderA, slug, passage({ start: 6, end: 11, baseVersion: doneA.version }));
    expect(a.version).toBe(doneA.version + 1);
    const clear = await refusal(
      setArticleCodes(coderA, slug, codes({ weapons: null, baseVersion: a.version })),
    );
    expect(clear.issues?.map((i) => i.param)).toEqual(["weapons"]);

    // A reopens: the article leaves the public figures; B is blind again.
    const reopened = await reopen(coderA, slug, a.version);
    expect(reopened).toEqual({ version: a.version + 1, articlePublic: false });
    expect((await refusal(getCodings(coderB, slug, "A-1"))).status).toBe(403);
    expect((await getHistory(coderA, slug, "me")).entries[0]).toMatchObject({
      action: "reopen",
      version: reopened.version,
    });
    // Reopening again is a no-op.
    expect(await reopen(coderA, slug, undefined)).toEqual(reopened);
  });

  it("a done coding of a public article moves the rollups at once", async () => {
    const slug = await newArticle();
    await assignCoder(admin, slug, "A-1");
    const s = await setArticleCodes(
      coderA,
      slug,
      codes({ weapons: { code: "oppose" }, tone_gov: { code: "neutral" } }),
    );
    const db = getDb();
    const coder = await db.coder.findUniqueOrThrow({ where: { key: "A-1" } });
    const passagesOf = async (code: string) => {
      const rows = await db.$queryRaw<{ n: number }[]>`
        SELECT coalesce(sum(r.passages), 0)::int AS n FROM frame_rollup_day r JOIN code c ON c.id = r.code_id
        WHERE r.coder_id = ${coder.id} AND c.key = ${code}`;
      return rows[0].n;
    };
    const p = await addPassage(coderA, slug, passage({ baseVersion: s.version }));
    expect(await passagesOf("security_threat")).toBe(0);
    const done = await markDone(coderA, slug, p.version);
    expect(done.articlePublic).toBe(true);
    const publicCount = await passagesOf("security_threat");
    expect(publicCount).toBeGreaterThan(0);
    await addPassage(coderA, slug, passage({ start: 26, end: 29, baseVersion: done.version }));
    expect(await passagesOf("security_threat")).toBe(publicCount + 1);
  });

  it("a read of `me` without a coder key and of an unknown coder names the coder", async () => {
    const slug = await newArticle();
    expect((await refusal(getCodings(noKey, slug, "me"))).issues?.[0].param).toBe("coder");
    expect((await refusal(getCodings(admin, slug, "NOBODY"))).status).toBe(404);
  });
});
