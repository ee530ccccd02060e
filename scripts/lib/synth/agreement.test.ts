import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alphaOfUnits, type AlphaResult, type UnitValues } from "../../../app/lib/agreement/alpha";
import { getDb } from "../../../app/lib/db";
import type { Filters } from "../../../app/lib/filters";
import { clearAgreementCache, getAgreement } from "../../../app/lib/queries/agreement";
import { switchAppDatabase } from "../db/local";
import { recreateDatabase } from "../testing/database";
import { agreementModel } from "./agreement";
import { runSynth } from "./load";
import { buildWorld, readCodebook, readEvents } from "./model";

/*
 * `npm run synth -- --coders 2 --agreement P` gives a corpus whose Krippendorff's alpha between
 * the two coders lands near P on every dimension. Alpha is computed here from the rows the loader
 * wrote (read back with SQL), with the units of the agreement report: one per article for weapons
 * (nominal) and tone_gov (ordinal, codebook order), one per (article, code) present/absent for
 * the codes of the passage dimensions (nominal).
 */

const ARTICLES = 2000;
const LOAD_TIMEOUT = 180_000;
const seedsDir = path.resolve(process.cwd(), "seeds");

/**
 * How far alpha may land from P: sampling noise at 2,000 articles. An article-level dimension
 * has 2,000 units (standard error about 0.015 at these levels), a passage dimension 8,000 to
 * 12,000 (about 0.008); the tolerances are some three standard errors.
 */
const TOLERANCE = { article: 0.05, passage: 0.03 };

/** `npm run synth …` as a person runs it, against `target`; never throws. */
async function synthCli(target: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.resolve(process.cwd(), "node_modules/.bin/tsx"),
      ["scripts/synth.ts", ...args],
      { env: { ...process.env, SYNTH_DATABASE_URL: target }, timeout: LOAD_TIMEOUT },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface Measured {
  dimensions: Record<string, { scope: string; result: AlphaResult }>;
  categories: Record<string, { dimension: string; result: AlphaResult }>;
}

/** Every dimension's alpha (and every passage code's) between SYN-1 and SYN-2, from the stored rows. */
async function measure(url: string): Promise<Measured> {
  const codes = await query<{ id: number; key: string; dim: string; scope: string; ord: number }>(
    url,
    `SELECT c.id, c.key, d.key AS dim, d.scope::text AS scope, c."order" AS ord
     FROM code c JOIN dimension d ON d.id = c.dimension_id ORDER BY d."order", c."order"`,
  );
  const coders = await query<{ id: number; key: string }>(
    url,
    `SELECT id, key FROM coder WHERE kind = 'person' ORDER BY key`,
  );
  expect(coders.map((c) => c.key)).toEqual(["SYN-1", "SYN-2"]);
  const second = coders[1].id;
  const articles = (await query<{ id: number }>(url, "SELECT id FROM article ORDER BY id")).map(
    (r) => r.id,
  );
  // Article level: each coder's code per article (the code's rank in codebook order).
  const articleValues = await query<{ article: number; coder: number; dim: string; ord: number }>(
    url,
    `SELECT ac.article_id AS article, ac.coder_id AS coder, d.key AS dim, c."order" AS ord
     FROM article_code ac JOIN code c ON c.id = ac.code_id JOIN dimension d ON d.id = c.dimension_id
     WHERE d.scope = 'article'`,
  );
  const byArticle = new Map<string, number[]>();
  for (const r of articleValues) {
    const key = `${r.dim}:${r.article}`;
    const values = byArticle.get(key) ?? [];
    values.push(r.ord);
    byArticle.set(key, values);
  }
  // Passage level: which (article, code) each coder has at least one passage of.
  const present = new Set(
    (
      await query<{ article: number; coder: number; code: number }>(
        url,
        `SELECT DISTINCT pc.article_id AS article, pc.coder_id AS coder, pc.code_id AS code
         FROM passage_code pc JOIN code c ON c.id = pc.code_id
         JOIN dimension d ON d.id = c.dimension_id WHERE d.scope = 'passage'`,
      )
    ).map((r) => `${r.article}:${r.code}:${r.coder}`),
  );
  const dims = [...new Map(codes.map((c) => [c.dim, c.scope])).entries()];
  const out: Measured = { dimensions: {}, categories: {} };
  for (const [dim, scope] of dims) {
    if (scope === "article") {
      const units: UnitValues[] = articles.map((a) => byArticle.get(`${dim}:${a}`) ?? []);
      expect(units.every((u) => u.length === 2)).toBe(true);
      const metric = dim === "tone_gov" ? "ordinal" : "nominal";
      out.dimensions[dim] = { scope, result: alphaOfUnits(units, metric) };
      continue;
    }
    const all: UnitValues[] = [];
    for (const c of codes.filter((x) => x.dim === dim)) {
      const units = articles.map((a) =>
        coders.map((k) => (present.has(`${a}:${c.id}:${k.id}`) ? 1 : 0)),
      );
      out.categories[c.key] = { dimension: dim, result: alphaOfUnits(units, "nominal") };
      all.push(...units);
    }
    out.dimensions[dim] = { scope, result: alphaOfUnits(all, "nominal") };
  }
  expect(second).toBeGreaterThan(0);
  return out;
}

/** The first coder's rows only: they must not depend on the agreement level. */
async function firstCoderRows(url: string): Promise<string> {
  const [row] = await query<{ sum: string }>(
    url,
    `SELECT (SELECT md5(string_agg(concat_ws(',', article_id, code_id, start, "end"), '|'
                        ORDER BY article_id, code_id, start, "end"))
             FROM passage_code WHERE coder_id = 1) || '/' ||
            (SELECT md5(string_agg(concat_ws(',', article_id, code_id), '|' ORDER BY article_id, code_id))
             FROM article_code WHERE coder_id = 1) AS sum`,
  );
  return row.sum;
}

async function allCodingRows(url: string): Promise<string> {
  const [row] = await query<{ sum: string }>(
    url,
    `SELECT (SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) FROM passage_code p) || '/' ||
            (SELECT md5(string_agg(a::text, '|' ORDER BY a.id)) FROM article_code a) AS sum`,
  );
  return row.sum;
}

const LEVELS = [0.8, 0.5];
const urls = new Map<number, string>();
const measured = new Map<number, Measured>();

beforeAll(async () => {
  for (const level of LEVELS) {
    const url = await recreateDatabase(`t_synth_agreement_${Math.round(level * 100)}`);
    await runSynth({
      databaseUrl: url,
      articles: ARTICLES,
      coders: 2,
      agreement: level,
      log: () => {},
    });
    urls.set(level, url);
    measured.set(level, await measure(url));
  }
}, 2 * LOAD_TIMEOUT);

afterAll(async () => {
  if (process.env.DATABASE_URL) await getDb().$disconnect();
});

describe("synthetic second coders at a chosen agreement level", () => {
  for (const level of LEVELS) {
    it(`gives every dimension an alpha near ${level}`, () => {
      const m = measured.get(level)!;
      expect(Object.keys(m.dimensions)).toEqual([
        "ties",
        "weapons",
        "remedy",
        "blame",
        "tone_gov",
        "generic",
      ]);
      for (const [dim, { scope, result }] of Object.entries(m.dimensions)) {
        const tolerance = scope === "article" ? TOLERANCE.article : TOLERANCE.passage;
        expect(result.alpha, `${dim}: ${JSON.stringify(result)}`).not.toBeNull();
        expect(Math.abs(result.alpha! - level), `${dim} α = ${result.alpha}`).toBeLessThanOrEqual(
          tolerance,
        );
        // Every article is paired: one unit per article, or per article and code (4 to 6 codes).
        const perArticle = result.units / ARTICLES;
        if (scope === "article") expect(perArticle).toBe(1);
        else expect([4, 5, 6]).toContain(perArticle);
        expect(result.pairable).toBe(2 * result.units);
      }
    });

    it(`gives each passage code (category) an alpha near its copy probability at ${level}`, () => {
      // The model (agreement.ts) copies a passage dimension's units a little less often than P,
      // so that the dimension's pooled alpha is P; each code's own alpha is that probability.
      const world = buildWorld({
        seed: 1,
        coders: 2,
        codebook: readCodebook(seedsDir),
        events: readEvents(seedsDir),
      });
      const model = agreementModel(world, ARTICLES, level);
      const copyOf = new Map(
        world.dims.flatMap((d) => d.codes.map((c) => [c.key, model.copy[c.id]])),
      );
      const m = measured.get(level)!;
      expect(Object.keys(m.categories)).toHaveLength(20);
      let total = 0;
      for (const [code, { result }] of Object.entries(m.categories)) {
        const q = copyOf.get(code)!;
        expect(q).toBeLessThanOrEqual(level);
        expect(q).toBeGreaterThan(level - 0.1);
        // One code's units: 2,000, a few hundred of them present; a wider band.
        expect(Math.abs(result.alpha! - q), `${code} α = ${result.alpha}, q = ${q}`).toBeLessThan(
          0.1,
        );
        total += result.alpha! - q;
      }
      expect(Math.abs(total / 20), "mean category alpha − q").toBeLessThan(0.03);
    });
  }

  it("gives the same alphas through getAgreement, the figures the badges and /agreement show", async () => {
    const filters: Filters = {
      outlets: [],
      genres: [],
      from: null,
      to: null,
      coder: "SYN-1",
      unit: "passages",
    };
    const unitizing = new Map<number, number>();
    for (const level of LEVELS) {
      switchAppDatabase(urls.get(level)!);
      clearAgreementCache(); // the other database may be at the same data version
      const report = await getAgreement(filters);
      const m = measured.get(level)!;
      expect(report.coders).toEqual(["SYN-1", "SYN-2"]);
      expect(report.dimensions.map((d) => d.key)).toEqual(Object.keys(m.dimensions));
      for (const d of report.dimensions) {
        const mine = m.dimensions[d.key].result;
        expect(d.alpha, d.key).toBeCloseTo(mine.alpha!, 10);
        expect([d.units, d.pairable, d.articles], d.key).toEqual([
          mine.units,
          mine.pairable,
          ARTICLES,
        ]);
        expect(d.ci![0], d.key).toBeLessThan(d.alpha!);
        expect(d.ci![1], d.key).toBeGreaterThan(d.alpha!);
        for (const c of d.categories)
          expect(c.alpha, c.code).toBeCloseTo(m.categories[c.code].result.alpha!, 10);
        if (d.unitizing) {
          expect(d.unitizing.alpha, `${d.key} uα`).not.toBeNull();
          unitizing.set(level, Math.min(unitizing.get(level) ?? 1, d.unitizing.alpha!));
        }
      }
    }
    // Copied passages keep coder 1's spans, so passage-level agreement follows the level too.
    expect(unitizing.get(0.8)!).toBeGreaterThan(0.7);
    expect(unitizing.get(0.8)!).toBeGreaterThan(unitizing.get(0.5)! + 0.15);
  });

  it("orders the levels: the corpus made at 0.8 agrees more than the one at 0.5 on every dimension", () => {
    const high = measured.get(0.8)!;
    const low = measured.get(0.5)!;
    for (const dim of Object.keys(high.dimensions))
      expect(high.dimensions[dim].result.alpha!, dim).toBeGreaterThan(
        low.dimensions[dim].result.alpha! + 0.15,
      );
  });

  it(
    "keeps the first coder's codings whatever the level, and gives the same rows for the same arguments",
    async () => {
      expect(await firstCoderRows(urls.get(0.8)!)).toBe(await firstCoderRows(urls.get(0.5)!));
      const url = urls.get(0.8)!;
      const before = await allCodingRows(url);
      await runSynth({
        databaseUrl: url,
        articles: ARTICLES,
        coders: 2,
        agreement: 0.8,
        log: () => {},
      });
      expect(await allCodingRows(url)).toBe(before);
      await runSynth({
        databaseUrl: url,
        articles: ARTICLES,
        coders: 2,
        agreement: 0.7,
        log: () => {},
      });
      expect(await allCodingRows(url)).not.toBe(before);
      // Back to 0.8 for any test that reads this database after this one.
      await runSynth({
        databaseUrl: url,
        articles: ARTICLES,
        coders: 2,
        agreement: 0.8,
        log: () => {},
      });
    },
    3 * LOAD_TIMEOUT,
  );

  it("makes the synthetic coders people whose codings are public, as agreement requires", async () => {
    const url = urls.get(0.8)!;
    const coders = await query<{ key: string; kind: string; description: string }>(
      url,
      "SELECT key, kind::text, description FROM coder ORDER BY key",
    );
    expect(coders.map((c) => [c.key, c.kind])).toEqual([
      ["SYN-1", "person"],
      ["SYN-2", "person"],
    ]);
    expect(coders[1].description).toContain("about 0.8");
    const [hidden] = await query<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM article WHERE NOT codings_public",
    );
    expect(hidden.n).toBe(0);
  });

  it(
    "takes --agreement on the command line, and rejects it without a second coder or outside 0 to 1",
    async () => {
      const url = await recreateDatabase("t_synth_agreement_cli");
      const ok = await synthCli(url, ["--articles", "200", "--coders", "2", "--agreement", "0.75"]);
      expect(ok.stderr).not.toMatch(/failed|refusing/);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain("(seed 1, 2 coders, agreement 0.75)");
      const [second] = await query<{ description: string }>(
        url,
        "SELECT description FROM coder WHERE key = 'SYN-2'",
      );
      expect(second.description).toContain("about 0.75 on every dimension");
      const alone = await synthCli(url, ["--articles", "200", "--agreement", "0.8"]);
      expect(alone.code).toBe(1);
      expect(alone.stderr).toContain("--agreement needs --coders 2 or more");
      const outside = await synthCli(url, [
        "--articles",
        "200",
        "--coders",
        "2",
        "--agreement",
        "1.2",
      ]);
      expect(outside.code).toBe(1);
      expect(outside.stderr).toContain('--agreement must be a number from 0 to 1, not "1.2"');
      expect(outside.stderr).toContain("usage: npm run synth");
    },
    LOAD_TIMEOUT,
  );
});
