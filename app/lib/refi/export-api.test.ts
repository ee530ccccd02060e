import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as exportRoute from "../../api/v1/export/project.qdpx/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getDb } from "../db";
import { MAX_EXPORT_ARTICLES } from "./export";
import { parseProjectXml } from "./xml-read";
import { validateProjectXml } from "./validate";
import { readQdpx } from "./zip";

/*
 * GET /api/v1/export/project.qdpx in-process, without credentials (it is a public read): the
 * download's headers and contents, 400s naming the parameter, and a generated outlet of exactly
 * MAX_EXPORT_ARTICLES coded articles, exported whole (one more article is a 400); the time it
 * took is printed, not asserted: speed is the benchmark's to judge.
 */

const ORIGIN = "http://localhost:3000";
const SYNTH = "export-synth";
const PASSAGES_PER_ARTICLE = 8;

async function get(query = "", method = "GET") {
  const req = new NextRequest(`${ORIGIN}/api/v1/export/project.qdpx${query ? `?${query}` : ""}`, {
    method,
  });
  const handler = method === "GET" ? exportRoute.GET : exportRoute.POST;
  const res = await handler(req, { params: Promise.resolve({}) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = () => JSON.parse(bytes.toString("utf8"));
  return { status: res.status, headers: res.headers, bytes, json };
}

/**
 * An outlet of `n` coded articles: bodies of about 4,000 characters ending in an emoji, each with
 * FS-1's passages (a note on every other one) and both article-level codes.
 */
async function generateOutlet(n: number) {
  const db = getDb();
  await db.$executeRaw`
    INSERT INTO outlet (slug, name, short_name, country, language, kind)
    VALUES (${SYNTH}, 'Generated Daily', 'Generated', 'KR', 'en', 'newspaper')`;
  await db.$executeRaw`
    INSERT INTO article (slug, outlet_id, headline, genre, published_at, date_precision, language,
                         source_file, body, captions, content_hash, synthetic)
    SELECT 'synth-' || i, (SELECT id FROM outlet WHERE slug = ${SYNTH}), 'Generated article ' || i,
           'editorial', DATE '2020-01-01' + (i % 1500), 'exact', 'en', 'synth-' || i || '.txt',
           repeat('Seoul weighs its options as Moscow and Pyongyang draw closer. ', 64) ||
             'Article ' || i || ' ends here 🚀.',
           ARRAY['A caption'], md5('synth-' || i), true
    FROM generate_series(1, ${n}::int) i`;
  await db.$executeRaw`
    INSERT INTO passage_code (article_id, code_id, coder_id, start, "end", quote, note, voice)
    SELECT a.id, c.id, (SELECT id FROM coder WHERE key = 'FS-1'), p * 400, p * 400 + 120,
           substr(a.body, p * 400 + 1, 120),
           CASE WHEN p % 2 = 0 THEN 'Generated note ' || p END,
           (ARRAY['own', 'reported', 'unclear'])[p % 3 + 1]::"PassageVoice"
    FROM article a, generate_series(0, ${PASSAGES_PER_ARTICLE - 1}::int) p,
         LATERAL (SELECT c.id FROM code c JOIN dimension d ON d.id = c.dimension_id
                  WHERE d.key = 'ties' ORDER BY c."order" OFFSET p % 3 LIMIT 1) c
    WHERE a.outlet_id = (SELECT id FROM outlet WHERE slug = ${SYNTH})`;
  await db.$executeRaw`
    INSERT INTO article_code (article_id, dimension_id, code_id, coder_id, note)
    SELECT a.id, d.id, (SELECT min(c.id) FROM code c WHERE c.dimension_id = d.id),
           (SELECT id FROM coder WHERE key = 'FS-1'), 'Generated article note'
    FROM article a CROSS JOIN dimension d
    WHERE a.outlet_id = (SELECT id FROM outlet WHERE slug = ${SYNTH}) AND d.scope = 'article'`;
}

beforeAll(async () => {
  const url = await recreateDatabase("export_b_api");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
});

afterAll(async () => {
  await getDb().$disconnect();
});

it("answers a .qdpx download of the corpus that validates, without credentials", async () => {
  const res = await get();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  expect(res.headers.get("content-disposition")).toBe(
    'attachment; filename="framescope-project.qdpx"',
  );
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(Number(res.headers.get("content-length"))).toBe(res.bytes.length);
  const { projectXml, files } = await readQdpx(res.bytes);
  expect(await validateProjectXml(projectXml)).toEqual({ valid: true, errors: [] });
  const project = parseProjectXml(projectXml);
  expect(project.sources).toHaveLength(5);
  expect([...files.keys()].sort()).toEqual(
    project.sources.map((s) => `Sources/${s.guid}.txt`).sort(),
  );
  expect(project.users.map((u) => u.name)).toEqual(["FS-1"]);
});

it("takes the filters and a list of coders, and names the scope in the file name", async () => {
  const res = await get("outlets=hankyoreh&genres=news_analysis&from=2024-01-01&coder=FS-1");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toBe(
    'attachment; filename="framescope-project_hankyoreh_news_analysis_2024-01-01--_coders-FS-1.qdpx"',
  );
  const project = parseProjectXml((await readQdpx(res.bytes)).projectXml);
  expect(project.sources.map((s) => s.name)).toEqual([
    "After Putin’s Pyongyang summit, Seoul and Moscow play dangerous game",
  ]);
  // The dashboard's own query (with unit) is taken as it is.
  expect((await get("unit=articles&coder=")).status).toBe(200);
});

it("answers 400 naming the parameter: unknown coder, bad filter, unknown parameter", async () => {
  for (const [query, param, message] of [
    ["coder=FS-1,nobody", "coder", /unknown coder "nobody"/],
    ["outlets=nowhere", "outlets", /unknown outlet "nowhere"/],
    ["from=2024-06-30&to=2024-06-01", "to", /reversed/],
    ["from=2024-02-30", "from", /not a real date/],
    ["format=xml", "format", /not a known parameter/],
  ] as const) {
    const res = await get(query);
    expect(res.status, query).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json().issues, query).toEqual([{ param, message: expect.stringMatching(message) }]);
  }
  const post = await get("", "POST");
  expect(post.status).toBe(405);
  expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
});

it(`exports ${MAX_EXPORT_ARTICLES} coded articles; one more is a 400 naming filters`, async () => {
  await generateOutlet(MAX_EXPORT_ARTICLES);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await get(`outlets=${SYNTH}`);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(
    `[export] ${MAX_EXPORT_ARTICLES} articles, ${MAX_EXPORT_ARTICLES * PASSAGES_PER_ARTICLE} ` +
      `passages: ${Math.round(ms)} ms (${Math.round((used.user + used.system) / 1000)} ms CPU), ` +
      `${(res.bytes.length / 1024 / 1024).toFixed(1)} MiB`,
  );
  expect(res.status).toBe(200);
  const { projectXml, files } = await readQdpx(res.bytes);
  expect(files.size).toBe(MAX_EXPORT_ARTICLES);
  expect(projectXml.match(/<TextSource /g)).toHaveLength(MAX_EXPORT_ARTICLES);
  expect(projectXml.match(/<PlainTextSelection /g)).toHaveLength(
    MAX_EXPORT_ARTICLES * (PASSAGES_PER_ARTICLE + 1),
  );
  // Every whole text ends after the emoji: one code point fewer than its UTF-16 length.
  const [{ n }] = await getDb().$queryRaw<{ n: number }[]>`
    SELECT body_length AS n FROM article WHERE slug = 'synth-1'`;
  expect(projectXml).toContain(`name="whole text" startPosition="0" endPosition="${n - 1}"`);

  // With the seed corpus, every outlet together is more than an export holds.
  const over = await get();
  expect(over.status).toBe(400);
  const body = over.json();
  expect(body.issues).toEqual([
    {
      param: "filters",
      message: expect.stringContaining(`cover ${MAX_EXPORT_ARTICLES + 5} articles`),
    },
  ]);
  expect(body.articles).toBe(MAX_EXPORT_ARTICLES + 5);
}, 180_000);
