import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/lib/db";
import { prepareDatabase } from "../db/prepare";
import type { Filters } from "../../../app/lib/filters";
import { getFrameCounts } from "../../../app/lib/queries/frames";
import { getFrameCountsNaive } from "../frames-naive";
import { recreateDatabase, tableChecksums, useDatabase } from "../testing/database";
import { runSynth, SynthRefusedError } from "./load";
import { readCodebook, readEvents } from "./model";

const exec = promisify(execFile);
const TSX = path.resolve(process.cwd(), "node_modules/.bin/tsx");
const ARTICLES = 2000;
const LOAD_TIMEOUT = 180_000;

/**
 * Runs `npm run synth` as a person would, against `target`; never throws, returns what it printed.
 */
async function synthCli(target: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(TSX, ["scripts/synth.ts", ...args], {
      env: { ...process.env, ...env, SYNTH_DATABASE_URL: target },
      timeout: LOAD_TIMEOUT,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function one(url: string, sql: string): Promise<number> {
  return withClient(url, async (c) => Number(Object.values((await c.query(sql)).rows[0])[0]));
}

/** Every row of every table, rollups included. */
async function checksum(url: string): Promise<string> {
  const tables = await tableChecksums(url);
  const rollups = await withClient(url, async (c) => {
    const out: string[] = [];
    for (const t of [
      "frame_rollup_day",
      "frame_rollup_month",
      "article_rollup_day",
      "article_rollup_month",
      "coder_article_rollup_day",
      "coder_article_rollup_month",
    ]) {
      const { rows } = await c.query(
        `SELECT count(*)::text || ':' ||
                coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum
         FROM "${t}" t`,
      );
      out.push(`${t}=${rows[0].sum}`);
    }
    return out;
  });
  return JSON.stringify([tables, rollups]);
}

let synthUrl: string;
let realUrl: string;
let realBefore: string;
let firstLoad: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  [synthUrl, realUrl] = await Promise.all([
    recreateDatabase("t_synth"),
    recreateDatabase("t_synth_real", { migrate: false }),
  ]);
  await prepareDatabase(realUrl, { log: () => {} });
  realBefore = await checksum(realUrl);
  // DATABASE_URL points at the real corpus: the generator must ignore it.
  firstLoad = await synthCli(synthUrl, ["--articles", String(ARTICLES), "--coders", "2"], {
    DATABASE_URL: realUrl,
  });
}, LOAD_TIMEOUT + 60_000);

afterAll(async () => {
  if (process.env.DATABASE_URL) await getDb().$disconnect();
});

describe("npm run synth", () => {
  it("loads 2,000 articles into SYNTH_DATABASE_URL and reports rates and counts", async () => {
    expect(firstLoad.stderr).not.toMatch(/failed|refusing/);
    expect(firstLoad.code).toBe(0);
    expect(firstLoad.stdout).toMatch(/passage_code\s+[\d,]+ rows in\s+[\d.]+ s\s+[\d,]+ rows\/s/);
    expect(firstLoad.stdout).toMatch(
      /end to end: [\d,]+ articles\/s, [\d,]+ passage rows\/s; total [\d.]+ s/,
    );
    expect(firstLoad.stdout).toContain("counts: 20 outlets, 2,000 articles");
    expect(await one(synthUrl, "SELECT count(*) FROM article")).toBe(ARTICLES);
    expect(await one(synthUrl, "SELECT count(*) FROM outlet")).toBe(20);
    expect(
      await one(
        synthUrl,
        `SELECT count(*) FROM coder
         WHERE key IN ('SYN-1', 'SYN-2') AND kind = 'person' AND version = 'synth-1'`,
      ),
    ).toBe(2);
    expect(
      await one(
        synthUrl,
        `SELECT count(*) FROM article
         WHERE slug !~ '^synth-[0-9]{7}$'
            OR source_file <> 'synthetic' OR date_reason <> 'synthetic'`,
      ),
    ).toBe(0);
  });

  it("leaves the database named by DATABASE_URL alone", async () => {
    expect(await checksum(realUrl)).toBe(realBefore);
  });

  it("rejects a missing or malformed --articles with the usage", async () => {
    const missing = await synthCli(synthUrl, ["--seed", "3"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--articles is required");
    expect(missing.stderr).toContain("usage: npm run synth -- --articles N");
    const bad = await synthCli(synthUrl, ["--articles", "ten"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--articles must be a whole number from 1 to 9999999, not "ten"');
  });
});

describe("the synthetic corpus", () => {
  it("has exactly the real codebook", async () => {
    const codebook = readCodebook(path.resolve(process.cwd(), "seeds"));
    const stored = await withClient(synthUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT d.key AS dim, d.scope::text, d.ordinal, d."order" AS dorder,
                c.key, c.label, c.colour, c."order", c.value, c.indicators
         FROM code c JOIN dimension d ON d.id = c.dimension_id ORDER BY d."order", c."order"`,
      );
      return rows;
    });
    const expected = codebook.dimensions.flatMap((d, di) =>
      d.codes.map((c, ci) => ({
        dim: d.key,
        scope: d.scope,
        ordinal: d.ordinal,
        dorder: di,
        key: c.key,
        label: c.label,
        colour: c.colour,
        order: ci,
        value: c.value ?? null,
        indicators: c.indicators,
      })),
    );
    expect(stored).toEqual(expected);
  });

  it("gives every article exactly one weapons and one tone_gov code per coder", async () => {
    const dims = await withClient(synthUrl, async (c) =>
      (await c.query("SELECT key FROM dimension WHERE scope = 'article' ORDER BY key")).rows.map(
        (r) => r.key,
      ),
    );
    expect(dims).toEqual(["tone_gov", "weapons"]);
    const wrong = await one(
      synthUrl,
      `SELECT count(*) FROM article a CROSS JOIN coder k CROSS JOIN dimension d
       WHERE d.scope = 'article'
         AND (SELECT count(*) FROM article_code ac
              JOIN code c ON c.id = ac.code_id AND c.dimension_id = ac.dimension_id
              WHERE ac.article_id = a.id AND ac.coder_id = k.id AND ac.dimension_id = d.id) <> 1`,
    );
    expect(wrong).toBe(0);
    expect(await one(synthUrl, "SELECT count(*) FROM article_code")).toBe(ARTICLES * 2 * 2);
  });

  it("quotes every passage exactly as the body between its offsets", async () => {
    expect(await one(synthUrl, "SELECT count(*) FROM passage_code")).toBeGreaterThan(
      ARTICLES * 2 * 5,
    );
    const mismatched = await one(
      synthUrl,
      `SELECT count(*) FROM passage_code pc JOIN article a ON a.id = pc.article_id
       WHERE pc.quote <> substring(a.body FROM pc.start + 1 FOR pc."end" - pc.start)
          OR pc."end" > length(a.body) OR pc.start >= pc."end"`,
    );
    expect(mismatched).toBe(0);
    // ASCII bodies, so JavaScript and PostgreSQL count the same characters.
    expect(
      await one(
        synthUrl,
        `SELECT count(*) FROM article
         WHERE body !~ '^[ -~]+$' OR length(body) > 400 OR length(body) < 200`,
      ),
    ).toBe(0);
  });

  it("codes 5 to 20 passages per article and coder, from the passage dimensions plus supporting weapons and tone_gov passages", async () => {
    const [min, max] = await withClient(synthUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT min(n)::int AS min, max(n)::int AS max
         FROM (SELECT count(*) AS n FROM article a CROSS JOIN coder k
               LEFT JOIN passage_code pc ON pc.article_id = a.id AND pc.coder_id = k.id
               GROUP BY a.id, k.id) t`,
      );
      return [rows[0].min, rows[0].max];
    });
    expect(min).toBeGreaterThanOrEqual(5);
    expect(max).toBeLessThanOrEqual(20);
    const perDimension = await withClient(
      synthUrl,
      async (c) =>
        (
          await c.query(
            `SELECT d.key, count(*)::int AS n
             FROM passage_code pc
             JOIN code c ON c.id = pc.code_id JOIN dimension d ON d.id = c.dimension_id
             GROUP BY d.key ORDER BY d.key`,
          )
        ).rows,
    );
    expect(perDimension.map((r) => r.key)).toEqual([
      "blame",
      "generic",
      "remedy",
      "ties",
      "tone_gov",
      "weapons",
    ]);
    // A supporting passage backs the article's own code of that coder.
    const unsupported = await one(
      synthUrl,
      `SELECT count(*) FROM passage_code pc
       JOIN code c ON c.id = pc.code_id
       JOIN dimension d ON d.id = c.dimension_id AND d.scope = 'article'
       WHERE NOT EXISTS (SELECT 1 FROM article_code ac
                         WHERE ac.article_id = pc.article_id AND ac.coder_id = pc.coder_id
                           AND ac.code_id = pc.code_id)`,
    );
    expect(unsupported).toBe(0);
  });

  it("marks every row synthetic", async () => {
    for (const table of ["article", "passage_code", "article_code", "outlet", "coder", "event"]) {
      expect(
        await one(synthUrl, `SELECT count(*) FROM "${table}" WHERE NOT synthetic`),
        table,
      ).toBe(0);
      expect(await one(synthUrl, `SELECT count(*) FROM "${table}"`), table).toBeGreaterThan(0);
    }
  });

  it("has no assignments, so every coding is public and each coder's n is every article", async () => {
    expect(await one(synthUrl, "SELECT count(*) FROM article WHERE NOT codings_public")).toBe(0);
    expect(await one(synthUrl, "SELECT count(*) FROM assignment")).toBe(0);
    for (const coder of ["SYN-1", "SYN-2"])
      for (const table of ["coder_article_rollup_day", "coder_article_rollup_month"])
        expect(
          await one(
            synthUrl,
            `SELECT sum(articles) FROM "${table}"
             WHERE coder_id = (SELECT id FROM coder WHERE key = '${coder}')`,
          ),
          `${table} ${coder}`,
        ).toBe(ARTICLES);
  });

  it("loads rollups equal to a full rebuild by refresh_rollups()", async () => {
    const loaded = await checksum(synthUrl);
    await withClient(synthUrl, (c) => c.query("SELECT refresh_rollups()"));
    expect(await checksum(synthUrl)).toBe(loaded);
  });

  it("spreads articles over three years and four genres, with the real events linked to articles that state them", async () => {
    const range = await withClient(
      synthUrl,
      async (c) =>
        (
          await c.query(
            `SELECT min(published_at)::text AS min, max(published_at)::text AS max,
                    count(DISTINCT genre)::int AS genres
             FROM article`,
          )
        ).rows[0],
    );
    expect(range.min >= "2022-07-01" && range.max <= "2025-06-30").toBe(true);
    expect(range.genres).toBe(4);
    expect(await one(synthUrl, "SELECT count(*) FROM event")).toBe(
      readEvents(path.resolve(process.cwd(), "seeds")).length,
    );
    expect(await one(synthUrl, "SELECT count(*) FROM event_article")).toBeGreaterThan(0);
    const misplaced = await one(
      synthUrl,
      `SELECT count(*) FROM event_article ea
       JOIN article a ON a.id = ea.article_id JOIN event e ON e.id = ea.event_id
       WHERE position(ea.quote IN a.body) = 0 OR a.published_at NOT BETWEEN e.date AND e.date + 2`,
    );
    expect(misplaced).toBe(0);
    expect(
      await one(synthUrl, "SELECT count(*) FROM article WHERE date_precision = 'inferred'"),
    ).toBeGreaterThan(0);
  });

  it("gives outlets their own tendencies, and a second coder who mostly agrees", async () => {
    // Share of blame passages on the Seoul government per outlet (outlets with 50+ articles):
    // charts must differ.
    const shares = await withClient(synthUrl, async (c) =>
      (
        await c.query(`SELECT a.outlet_id, avg((c.key = 'seoul_government')::int)::float AS share
                       FROM passage_code pc JOIN article a ON a.id = pc.article_id
                       JOIN code c ON c.id = pc.code_id JOIN dimension d ON d.id = c.dimension_id
                       WHERE d.key = 'blame' AND pc.coder_id = 1
                         AND a.outlet_id IN (SELECT outlet_id FROM article
                                             GROUP BY outlet_id HAVING count(*) >= 50)
                       GROUP BY a.outlet_id`)
      ).rows.map((r) => r.share as number),
    );
    expect(shares.length).toBeGreaterThan(5);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.1);
    const agreement = await one(
      synthUrl,
      `SELECT avg((a1.code_id = a2.code_id)::int)::float
       FROM article_code a1 JOIN article_code a2
         ON a2.article_id = a1.article_id AND a2.dimension_id = a1.dimension_id
        AND a2.coder_id = 2
       WHERE a1.coder_id = 1`,
    );
    expect(agreement).toBeGreaterThan(0.8);
    expect(agreement).toBeLessThan(1);
  });
});

const base: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "SYN-1",
  unit: "passages",
};
const DIMENSIONS = ["ties", "weapons", "remedy", "blame", "tone_gov", "generic"];
const FILTERS: Partial<Filters>[] = [
  {},
  { outlets: ["synthetic-daily-01"] },
  { outlets: ["synthetic-wire-10", "synthetic-weekly-15", "synthetic-campus-17"] },
  { genres: ["editorial"] },
  { genres: ["column", "news_report"] },
  { from: "2023-09-14" },
  { to: "2024-06-20" },
  { from: "2023-08-15", to: "2023-10-03" },
  { from: "2024-01-31", to: "2024-03-01" },
  { from: "2024-02-29", to: "2024-02-29" },
  { from: "2022-07-01", to: "2025-06-30" },
  {
    from: "2024-06-01",
    to: "2024-07-31",
    outlets: ["synthetic-daily-02", "synthetic-broadcast-12"],
    genres: ["editorial", "news_analysis"],
  },
  { coder: "SYN-2", from: "2023-12-15", to: "2024-02-10" },
];

describe("rollup aggregates equal the straightforward queries on the synthetic corpus", () => {
  beforeAll(() => useDatabase(synthUrl));

  for (const f of FILTERS) {
    for (const unit of ["passages", "articles"] as const) {
      it(`${JSON.stringify(f)} ${unit}`, async () => {
        const filters = { ...base, ...f, unit };
        let counted = 0;
        for (const dimension of DIMENSIONS) {
          const [fast, naive] = await Promise.all([
            getFrameCounts(filters, dimension),
            getFrameCountsNaive(filters, dimension),
          ]);
          expect(fast, dimension).toEqual(naive);
          counted += naive.rows.reduce((n, r) => n + r.count, 0);
        }
        expect(counted, "the filter selects coded articles").toBeGreaterThan(0);
      });
    }
  }
});

describe("determinism and safety", () => {
  it(
    "gives identical rows for the same arguments, and other rows for another seed",
    async () => {
      const first = await checksum(synthUrl);
      const quiet = { log: () => {} };
      await runSynth({ databaseUrl: synthUrl, articles: ARTICLES, coders: 2, seed: 1, ...quiet });
      expect(await checksum(synthUrl)).toBe(first);
      await runSynth({ databaseUrl: synthUrl, articles: ARTICLES, coders: 2, seed: 2, ...quiet });
      expect(await checksum(synthUrl)).not.toBe(first);
      await runSynth({ databaseUrl: synthUrl, articles: ARTICLES, coders: 2, seed: 1, ...quiet });
      expect(await checksum(synthUrl)).toBe(first);
    },
    LOAD_TIMEOUT,
  );

  it(
    "refuses a database holding the real corpus, and changes nothing in it",
    async () => {
      const result = await synthCli(realUrl, ["--articles", "100"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /refusing to write: database "t_synth_real" holds real \(non-synthetic\) data \(\d+ article rows/,
      );
      expect(result.stderr).toContain("Nothing was written");
      expect(result.stdout).not.toContain("counts:");
      await expect(
        runSynth({ databaseUrl: realUrl, articles: 100, log: () => {} }),
      ).rejects.toBeInstanceOf(SynthRefusedError);
      expect(await checksum(realUrl)).toBe(realBefore);
    },
    LOAD_TIMEOUT,
  );

  it(
    "refuses a database with a single real outlet and no articles",
    async () => {
      const url = await recreateDatabase("t_synth_outlet_only");
      await withClient(url, (c) =>
        c.query(
          `INSERT INTO outlet (slug, name, short_name, country, language, kind)
           VALUES ('real', 'Real', 'Real', 'KR', 'en', 'national_daily')`,
        ),
      );
      await expect(runSynth({ databaseUrl: url, articles: 10, log: () => {} })).rejects.toThrow(
        /holds real \(non-synthetic\) data \(1 outlet row\)/,
      );
      expect(await one(url, "SELECT count(*) FROM outlet")).toBe(1);
      expect(await one(url, "SELECT count(*) FROM dimension")).toBe(0);
    },
    LOAD_TIMEOUT,
  );
});
