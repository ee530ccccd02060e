import { cpSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { createApiToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { createPrismaClient, type PrismaClient } from "../db/client";

/*
 * The seeder owns only what came from seeds/. Work done in the application (an imported article,
 * accounts, assignments, codings on seed and imported articles, history, tokens, saved views)
 * must come through every reseed unchanged: a changed seed set, `--force`, and a seed set that
 * drops the very article the application's coder worked on.
 */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const quiet = () => {};
let url: string;
let db: PrismaClient;
const tmp: string[] = [];

/** Every application-made row, as text, table by table. */
async function appRows(): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r));
    return {
      articles: await q(
        `SELECT id, slug, body, origin FROM article WHERE origin = 'app' ORDER BY id`,
      ),
      coders: await q(`SELECT id, key, origin FROM coder WHERE origin = 'app' ORDER BY id`),
      passages: await q(`SELECT * FROM passage_code WHERE origin = 'app' ORDER BY id`),
      articleCodes: await q(`SELECT * FROM article_code WHERE origin = 'app' ORDER BY id`),
      assignments: await q(
        `SELECT article_id, coder_id, done_at, version FROM assignment WHERE origin = 'app' ORDER BY 1, 2`,
      ),
      history: await q(`SELECT * FROM coding_history ORDER BY id`),
      users: await q(`SELECT id, email, role, coder_id FROM auth_user ORDER BY id`),
      accounts: await q(`SELECT id, user_id, password FROM auth_account ORDER BY id`),
      tokens: await q(`SELECT id, token_hash FROM api_token ORDER BY id`),
      views: await q(`SELECT id, query FROM saved_view ORDER BY id`),
    };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  url = await recreateDatabase("t_seed_survival", { migrate: false });
  await prepareDatabase(url, { seedsDir: SEEDS, log: quiet });
  useDatabase(url);
  db = createPrismaClient(url);

  const user = await createUser({
    email: "coder.t1@example.org",
    password: "correct horse battery",
    role: "coder",
    coderKey: "T-1",
  });
  await createApiToken(user.id, "script");
  const coder = await db.coder.findUniqueOrThrow({ where: { key: "T-1" } });
  const seedArticle = await db.article.findFirstOrThrow({
    where: { origin: "seed" },
    orderBy: { slug: "asc" },
  });
  const outlet = await db.outlet.findFirstOrThrow();
  const imported = await db.article.create({
    data: {
      slug: "imported-in-the-browser",
      outletId: outlet.id,
      headline: "An article imported in the browser",
      genre: "news_report",
      publishedAt: new Date("2024-06-20T00:00:00Z"),
      datePrecision: "inferred",
      dateReason: "the page states no date; the admin read it from the outlet's archive",
      language: "en",
      sourceFile: "upload.txt",
      body: "Moscow and Pyongyang signed a treaty. Seoul weighed its answer.",
      captions: [],
      contentHash: "test-hash-imported",
      origin: "app",
    },
  });
  const ties = await db.code.findFirstOrThrow({ where: { dimension: { key: "ties" } } });
  const weapons = await db.code.findFirstOrThrow({ where: { dimension: { key: "weapons" } } });
  for (const article of [seedArticle, imported]) {
    await db.assignment.create({
      data: {
        articleId: article.id,
        coderId: coder.id,
        assignedBy: user.id,
        version: 2,
        doneAt: new Date(),
      },
    });
    const passage = await db.passageCode.create({
      data: {
        articleId: article.id,
        codeId: ties.id,
        coderId: coder.id,
        start: 0,
        end: 6,
        quote: article.body.slice(0, 6),
        voice: "own",
        note: "coded in the browser",
      },
    });
    await db.articleCode.create({
      data: {
        articleId: article.id,
        dimensionId: weapons.dimensionId,
        codeId: weapons.id,
        coderId: coder.id,
      },
    });
    await db.codingHistory.create({
      data: {
        userId: user.id,
        coderId: coder.id,
        articleId: article.id,
        action: "passage.add",
        passageId: passage.id,
        after: { code: ties.key, start: 0, end: 6 },
        version: 1,
      },
    });
  }
  await db.savedView.create({
    data: { id: "survivor-view-id-0001", title: "kept", query: "coder=T-1" },
  });
});

afterAll(async () => {
  await db?.$disconnect();
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe("work done in the application survives every reseed", () => {
  it("a forced reseed of the same seeds changes no application row", async () => {
    const before = await appRows();
    expect(before.passages).toHaveLength(2);
    const summary = await prepareDatabase(url, { seedsDir: SEEDS, force: true, log: quiet });
    expect(summary.skipped).toBe(false);
    expect(await appRows()).toEqual(before);
  });

  it("a seed set without the article the application coded keeps that article and its codings", async () => {
    const before = await appRows();
    const coded = await db.article.findFirstOrThrow({
      where: { origin: "seed" },
      orderBy: { slug: "asc" },
    });
    const untouched = await db.article.findFirstOrThrow({
      where: { origin: "seed", slug: { not: coded.slug } },
      orderBy: { slug: "asc" },
    });
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "framescope-survival-")), "seeds");
    tmp.push(path.dirname(dir));
    cpSync(SEEDS, dir, { recursive: true });
    // Drop two seed articles (files, codings and event references): one the coder worked on, one not.
    for (const slug of [coded.slug, untouched.slug]) {
      for (const sub of ["articles", "codings"])
        for (const f of readdirSync(path.join(dir, sub)))
          if (f.startsWith(slug)) unlinkSync(path.join(dir, sub, f));
    }
    const { readFileSync, writeFileSync } = await import("node:fs");
    const { parse, stringify } = await import("yaml");
    const eventsFile = path.join(dir, "events.yaml");
    const events = parse(readFileSync(eventsFile, "utf8")) as { articles: { slug: string }[] }[];
    const kept = events
      .map((e) => ({
        ...e,
        articles: e.articles.filter((a) => a.slug !== coded.slug && a.slug !== untouched.slug),
      }))
      .filter((e) => e.articles.length > 0);
    writeFileSync(eventsFile, stringify(kept));

    await prepareDatabase(url, { seedsDir: dir, log: quiet });
    expect(await appRows()).toEqual(before);
    expect(await db.article.findUnique({ where: { slug: coded.slug } })).not.toBeNull();
    expect(await db.article.findUnique({ where: { slug: untouched.slug } })).toBeNull();
    // Back to the real seeds: the dropped article returns and the application's rows are still the same.
    await prepareDatabase(url, { seedsDir: SEEDS, force: true, log: quiet });
    expect(await appRows()).toEqual(before);
    expect(await db.article.findUnique({ where: { slug: untouched.slug } })).not.toBeNull();
  });

  it("the seed coding stays done and public; an article with an unfinished assignment is not", async () => {
    const seedAssignments = await db.assignment.findMany({ where: { origin: "seed" } });
    expect(seedAssignments.length).toBeGreaterThan(0);
    expect(seedAssignments.every((a) => a.doneAt !== null)).toBe(true);
    const coder = await db.coder.findUniqueOrThrow({ where: { key: "T-1" } });
    const article = await db.article.findFirstOrThrow({
      where: { origin: "seed", assignments: { none: { coderId: coder.id } } },
    });
    await db.assignment.create({ data: { articleId: article.id, coderId: coder.id } });
    await prepareDatabase(url, { seedsDir: SEEDS, force: true, log: quiet });
    expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).codingsPublic).toBe(
      false,
    );
    const others = await db.article.findMany({
      where: { origin: "seed", id: { not: article.id } },
    });
    expect(others.every((a) => a.codingsPublic)).toBe(true);
  });

  it("a seed coder key that an account already uses stops the load and changes nothing", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "framescope-survival-")), "seeds");
    tmp.push(path.dirname(dir));
    cpSync(SEEDS, dir, { recursive: true });
    const { appendFileSync } = await import("node:fs");
    appendFileSync(path.join(dir, "coders.yaml"), "- key: T-1\n  name: Clash\n  kind: person\n");
    const before = await appRows();
    await expect(prepareDatabase(url, { seedsDir: dir, log: quiet })).rejects.toThrow(/T-1/);
    expect(await appRows()).toEqual(before);
  });
});
