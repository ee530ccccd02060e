import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { testActor } from "../../../scripts/lib/testing/actors";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { corpusRows, sql } from "../../../scripts/lib/testing/refi-import";
import { rollupDifferences } from "../../../scripts/lib/testing/rollups";
import { getDb } from "../db";
import { exportProjectQdpx, MAX_EXPORT_ARTICLES } from "./export";
import { importProject } from "./import";

/**
 * (Passages lie before the emoji at the body's end, so PostgreSQL's substr, which counts code
 * points, cuts the same quotes as Framescope's UTF-16 offsets.)
 *
 * The largest export imports back: an outlet of MAX_EXPORT_ARTICLES generated coded articles is
 * exported, deleted, and imported in one transaction, against the clock; the corpus and the
 * rollups come back exactly.
 */

const SYNTH = "import-scale";
const PASSAGES_PER_ARTICLE = 6;
let url: string;

async function generateOutlet(n: number) {
  await sql(
    url,
    `INSERT INTO outlet (slug, name, short_name, country, language, kind)
     VALUES ('${SYNTH}', 'Generated Daily', 'Generated', 'KR', 'en', 'newspaper');
     INSERT INTO article (slug, outlet_id, headline, genre, published_at, date_precision, language,
                          source_file, body, captions, content_hash)
     SELECT 'scale-' || i, (SELECT id FROM outlet WHERE slug = '${SYNTH}'), 'Generated article ' || i,
            'editorial', DATE '2020-01-01' + (i % 1500), 'exact', 'en', 'scale-' || i || '.txt',
            repeat('Seoul weighs its options as Moscow and Pyongyang draw closer. ', 64) ||
              'Article ' || i || ' ends here 🚀.',
            ARRAY['A caption'], md5('scale-' || i)
     FROM generate_series(1, ${n}) i;
     INSERT INTO passage_code (article_id, code_id, coder_id, start, "end", quote, note, voice)
     SELECT a.id, c.id, (SELECT id FROM coder WHERE key = 'FS-1'), p * 400, p * 400 + 120,
            substr(a.body, p * 400 + 1, 120),
            CASE WHEN p % 2 = 0 THEN 'Generated note ' || p END,
            (ARRAY['own', 'reported', 'unclear'])[p % 3 + 1]::"PassageVoice"
     FROM article a, generate_series(0, ${PASSAGES_PER_ARTICLE - 1}) p,
          LATERAL (SELECT c.id FROM code c JOIN dimension d ON d.id = c.dimension_id
                   WHERE d.key = 'ties' ORDER BY c."order" OFFSET p % 3 LIMIT 1) c
     WHERE a.outlet_id = (SELECT id FROM outlet WHERE slug = '${SYNTH}');
     INSERT INTO article_code (article_id, dimension_id, code_id, coder_id, note)
     SELECT a.id, d.id, (SELECT min(c.id) FROM code c WHERE c.dimension_id = d.id),
            (SELECT id FROM coder WHERE key = 'FS-1'), 'Generated article note'
     FROM article a CROSS JOIN dimension d
     WHERE a.outlet_id = (SELECT id FROM outlet WHERE slug = '${SYNTH}') AND d.scope = 'article';
     SELECT refresh_rollups();`,
  );
}

beforeAll(async () => {
  url = await recreateDatabase("import_c1_scale", { migrate: false });
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  await generateOutlet(MAX_EXPORT_ARTICLES);
}, 180_000);

afterAll(async () => {
  await getDb().$disconnect();
});

it(`imports an export of ${MAX_EXPORT_ARTICLES} coded articles back, exactly`, async () => {
  const filters = {
    outlets: [SYNTH],
    genres: [],
    from: null,
    to: null,
    coder: "FS-1",
    unit: "passages",
  } as const;
  const file = await exportProjectQdpx({ filters: { ...filters, outlets: [SYNTH], genres: [] } });
  const original = await corpusRows(url);
  await sql(
    url,
    `DELETE FROM article WHERE outlet_id = (SELECT id FROM outlet WHERE slug = '${SYNTH}');
     SELECT refresh_rollups();`,
  );
  const admin = await testActor("scale@example.org", "admin", null);
  const started = performance.now();
  const preview = await importProject(admin, file, "scale.qdpx", { dryRun: true });
  const previewMs = performance.now() - started;
  const result = await importProject(admin, file, "scale.qdpx", { dryRun: false });
  const ms = performance.now() - started - previewMs;
  console.log(
    `[import] ${MAX_EXPORT_ARTICLES} articles, ${MAX_EXPORT_ARTICLES * PASSAGES_PER_ARTICLE} ` +
      `passages (${(file.length / 1024 / 1024).toFixed(1)} MiB): preview ${Math.round(previewMs)} ms, ` +
      `write ${Math.round(ms)} ms`,
  );
  expect(preview.sources.new).toBe(MAX_EXPORT_ARTICLES);
  expect(result.written).toMatchObject({
    articles: MAX_EXPORT_ARTICLES,
    passageCodes: MAX_EXPORT_ARTICLES * PASSAGES_PER_ARTICLE,
    articleCodes: MAX_EXPORT_ARTICLES * 2,
  });
  // The generated articles' content hashes are placeholders; the import computes real ones.
  const now = await corpusRows(url);
  const hashes = (rows: unknown[]) =>
    rows.map((r) => ({ ...(r as object), content_hash: undefined }));
  original.articles = hashes(original.articles);
  now.articles = hashes(now.articles);
  for (const table of Object.keys(original)) {
    expect(now[table].length, table).toBe(original[table].length);
    const differs = original[table].findIndex(
      (row, i) => JSON.stringify(row) !== JSON.stringify(now[table][i]),
    );
    expect(
      differs === -1 ? null : [original[table][differs], now[table][differs]],
      table,
    ).toBeNull();
  }
  expect(await rollupDifferences(url)).toEqual({});
}, 600_000);
