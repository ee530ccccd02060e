import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "pg";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { testActor } from "../../../scripts/lib/testing/actors";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import type { Actor } from "../auth/actor";
import { setArticleCodes } from "../coding/article-codes";
import { assignCoder } from "../coding/assignments";
import { markDone } from "../coding/done";
import { addPassage } from "../coding/passages";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { importArticle } from "../import/import";
import { ExportError, writeYamlExport, type YamlExport } from "./export";
import { loadSeeds } from "./load";

/*
 * The lossless YAML export: the seed corpus plus what was made in the browser (an imported
 * article coded by a second coder, an article nobody coded yet, a coding still in progress on a
 * seed article) goes out as a seeds folder, and a fresh database seeded from it holds the same
 * corpus, row for row; exporting that database again gives the same bytes.
 */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const quiet = () => {};
const tmp: string[] = [];
let sourceUrl: string;
let copyUrl: string;
let source: PrismaClient;
let copy: PrismaClient;
let exportDir: string;
let exported: YamlExport;

// A page as an admin would upload it: a label, a stated date, a caption, astral characters.
const CODED_PAGE = [
  "[Analysis] Seoul weighs its answer to the Pyongyang treaty 🇰🇷",
  "",
  "Posted on : 2024-06-21 09:10 KST",
  "Officials in Seoul met on Friday to weigh a reply to the treaty.",
  "Foreign ministers meet in Seoul on June 20, 2024. (Yonhap)",
  "By Kim Ji-won, staff reporter",
  "",
  "The treaty signed in Pyongyang binds Moscow and Pyongyang to mutual defence. Seoul called it a threat.",
  "",
  'Some lawmakers urged restraint: "We must not close the door on Moscow," one said. 𠜎 marks a rare character.',
].join("\n");

const UNCODED_PAGE = [
  "Campus voices on the new treaty",
  "",
  "Students discussed the treaty between Russia and North Korea at a forum on Tuesday.",
  "",
  "Most said the government should keep talking to Moscow.",
].join("\n");

/** The corpus of a database by natural keys (no ids, origins or bookkeeping), table by table. */
async function corpus(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query(sql)).rows;
  try {
    return {
      outlets: await q(
        `SELECT slug, name, short_name, country, language, kind, orientation, orientation_source, url
         FROM outlet WHERE NOT synthetic ORDER BY slug`,
      ),
      articles: await q(
        `SELECT a.slug, o.slug AS outlet, a.headline, a.headline_label, a.standfirst, a.byline,
                a.author_note, a.genre, a.published_at::text AS published_at, a.date_precision,
                a.date_reason, a.language, a.source_file, a.body, a.body_length, a.captions,
                a.content_hash
         FROM article a JOIN outlet o ON o.id = a.outlet_id WHERE NOT a.synthetic ORDER BY a.slug`,
      ),
      dimensions: await q(
        `SELECT key, label, question, definition, scope, ordinal, "order" FROM dimension ORDER BY key`,
      ),
      codes: await q(
        `SELECT d.key AS dimension, c.key, c.label, c.definition, c.indicators, c.colour, c."order",
                c.value, c.side
         FROM code c JOIN dimension d ON d.id = c.dimension_id ORDER BY d.key, c.key`,
      ),
      coders: await q(
        `SELECT key, name, kind, version, description FROM coder
         WHERE NOT synthetic AND kind <> 'adjudicated' ORDER BY key`,
      ),
      passageCodes: await q(
        `SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, p.start, p."end",
                p.quote, p.note, p.voice
         FROM passage_code p JOIN article a ON a.id = p.article_id JOIN coder k ON k.id = p.coder_id
           JOIN code c ON c.id = p.code_id JOIN dimension d ON d.id = c.dimension_id
         WHERE NOT p.synthetic AND k.kind <> 'adjudicated' ORDER BY 1, 2, 3, 4, 5, 6`,
      ),
      articleCodes: await q(
        `SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, x.note
         FROM article_code x JOIN article a ON a.id = x.article_id JOIN coder k ON k.id = x.coder_id
           JOIN dimension d ON d.id = x.dimension_id JOIN code c ON c.id = x.code_id
         WHERE NOT x.synthetic AND k.kind <> 'adjudicated' ORDER BY 1, 2, 3`,
      ),
      events: await q(
        `SELECT key, date::text AS date, label, description, preset FROM event
         WHERE NOT synthetic ORDER BY key`,
      ),
      eventArticles: await q(
        `SELECT e.key, a.slug, ea.quote FROM event_article ea JOIN event e ON e.id = ea.event_id
           JOIN article a ON a.id = ea.article_id WHERE NOT e.synthetic ORDER BY 1, 2`,
      ),
    };
  } finally {
    await client.end();
  }
}

function checksum(rows: Record<string, unknown[]>): string {
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** Every file under `dir`, by relative path. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else out.set(rel, readFileSync(path.join(dir, rel)));
    }
  };
  walk("");
  return out;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "export-e-"));
  tmp.push(dir);
  return dir;
}

async function importPage(admin: Actor, page: string, fields: Record<string, unknown>) {
  return importArticle(admin, {
    source: page,
    bytes: Buffer.byteLength(page),
    fields: { genre: "news_analysis", language: "en", ...fields },
  });
}

/** The seed corpus, then the browser's work on it, through the application's services. */
async function makeSourceCorpus(): Promise<void> {
  const admin = await testActor("admin.e@example.org", "admin", null);
  const coder = await testActor("coder.e2@example.org", "coder", "E-2");
  const { slug } = await importPage(admin, CODED_PAGE, {
    filename: "Seoul weighs its answer (copy).txt",
    outlet: "hankyoreh",
    published: { date: "2024-06-21", precision: "exact" },
    assign: ["E-2"],
  });
  await importPage(admin, UNCODED_PAGE, {
    filename: "campus-forum.txt",
    newOutlet: {
      slug: "campus-voices",
      name: "Campus Voices",
      shortName: "Voices",
      country: "KR",
      language: "en",
      kind: "university_paper",
    },
    genre: "news_report",
    published: { date: "2024-06-25", precision: "inferred", reason: "From the forum's date." },
  });
  const body = (await source.article.findUniqueOrThrow({ where: { slug } })).body;
  const at = (s: string) => ({ start: body.indexOf(s), end: body.indexOf(s) + s.length });
  let version = 0;
  ({ version } = await addPassage(coder, slug, {
    dimension: "ties",
    code: "security_threat",
    ...at("Seoul called it a threat."),
    note: "Seoul's own word, reported.",
    voice: "reported",
    baseVersion: version,
  }));
  ({ version } = await addPassage(coder, slug, {
    dimension: "generic",
    code: "conflict",
    ...at("𠜎 marks a rare character."),
    voice: "unclear",
    baseVersion: version,
  }));
  ({ version } = await setArticleCodes(coder, slug, {
    baseVersion: version,
    codes: {
      weapons: { code: "oppose", note: "Restraint gets the last word." },
      tone_gov: { code: "neutral", note: null },
    },
  }));
  await markDone(coder, slug, version);
  // A second coder on a seed article, still at work: passages, no article codes yet.
  await assignCoder(admin, "hankyoreh-dangerous-game", "E-2");
  const seedBody = (
    await source.article.findUniqueOrThrow({ where: { slug: "hankyoreh-dangerous-game" } })
  ).body;
  await addPassage(coder, "hankyoreh-dangerous-game", {
    dimension: "ties",
    code: "bloc_rivalry",
    start: 0,
    end: seedBody.indexOf(".") + 1,
    voice: "own",
    baseVersion: 0,
  });
  // A reference coding, as an adjudication leaves it: not in the seed format, so left out.
  const ref = await source.coder.create({
    data: { key: "REF", name: "Reference coding (adjudicated)", kind: "adjudicated" },
  });
  const seedArticle = await source.article.findUniqueOrThrow({
    where: { slug: "joongang-putin-wrong-signal" },
  });
  const weapons = await source.code.findFirstOrThrow({
    where: { key: "oppose", dimension: { key: "weapons" } },
  });
  await source.articleCode.create({
    data: {
      articleId: seedArticle.id,
      dimensionId: weapons.dimensionId,
      codeId: weapons.id,
      coderId: ref.id,
    },
  });
  const ties = await source.code.findFirstOrThrow({ where: { dimension: { key: "ties" } } });
  await source.passageCode.create({
    data: {
      articleId: seedArticle.id,
      codeId: ties.id,
      coderId: ref.id,
      start: 0,
      end: 5,
      quote: seedArticle.body.slice(0, 5),
      voice: "own",
    },
  });
  // A synthetic row, which is not corpus.
  const outlet = await source.outlet.findFirstOrThrow({ where: { slug: "hankyoreh" } });
  await source.article.create({
    data: {
      slug: "synthetic-article-e",
      outletId: outlet.id,
      headline: "Synthetic",
      genre: "news_report",
      publishedAt: new Date("2024-06-01T00:00:00Z"),
      datePrecision: "inferred",
      dateReason: "synthetic",
      language: "en",
      sourceFile: "synthetic.txt",
      body: "Synthetic body.",
      captions: [],
      contentHash: "synthetic",
      synthetic: true,
    },
  });
}

beforeAll(async () => {
  sourceUrl = await recreateDatabase("yaml_e_source", { migrate: false });
  await prepareDatabase(sourceUrl, { seedsDir: SEEDS, log: quiet });
  useDatabase(sourceUrl);
  source = createPrismaClient(sourceUrl);
  await makeSourceCorpus();
  exportDir = tempDir();
  exported = await writeYamlExport(source, exportDir, { seedsDir: SEEDS });
  copyUrl = await recreateDatabase("yaml_e_copy", { migrate: false });
  await prepareDatabase(copyUrl, { seedsDir: exportDir, log: quiet });
  copy = createPrismaClient(copyUrl);
}, 120_000);

afterAll(async () => {
  await source?.$disconnect();
  await copy?.$disconnect();
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe("npm run export -- yaml: the corpus as a seeds folder", () => {
  it("writes the seeds' layout: 7 articles, one coding file per article and coder", () => {
    const files = [...filesOf(exportDir).keys()];
    expect(files.filter((f) => !f.includes("/"))).toEqual([
      "codebook.yaml",
      "coders.yaml",
      "events.yaml",
      "outlets.yaml",
    ]);
    expect(files.filter((f) => f.startsWith("articles/"))).toHaveLength(7);
    const codings = files.filter((f) => f.startsWith("codings/"));
    expect(codings).toHaveLength(7); // FS-1 on the 5 seed articles, E-2 on two
    expect(codings).toContain("codings/hankyoreh-dangerous-game.FS-1.yaml");
    expect(codings).toContain("codings/hankyoreh-dangerous-game.E-2.yaml");
    expect(exported.counts).toMatchObject({ articles: 7, sourcePages: 5, coders: 2, codings: 7 });
  });

  it("leaves out the adjudicated reference coding and synthetic rows, and counts them", async () => {
    expect(exported.leftOut.reference).toEqual({
      coders: ["REF"],
      passageCodes: 1,
      articleCodes: 1,
    });
    expect(exported.leftOut.synthetic).toMatchObject({ articles: 1, outlets: 0 });
    expect(await copy.coder.count({ where: { key: "REF" } })).toBe(0);
    expect(await copy.article.count({ where: { slug: "synthetic-article-e" } })).toBe(0);
  });

  it("keeps each seed article's original page, byte for byte", () => {
    for (const name of readdirSync(path.join(SEEDS, "sources")))
      expect(readFileSync(path.join(exportDir, "sources", name))).toEqual(
        readFileSync(path.join(SEEDS, "sources", name)),
      );
  });

  it("writes an imported article as its stored body plus a text block, keeping the upload's name", async () => {
    const row = await source.article.findFirstOrThrow({
      where: { sourceFile: "Seoul weighs its answer (copy).txt" },
    });
    const meta = parseYaml(
      readFileSync(path.join(exportDir, "articles", `${row.slug}.yaml`), "utf8"),
    );
    expect(meta).toMatchObject({
      source: `${row.slug}.txt`,
      original_file: "Seoul weighs its answer (copy).txt",
      text: {
        headline: row.headline,
        headline_label: "Analysis",
        standfirst: row.standfirst,
        captions: row.captions,
      },
    });
    expect(readFileSync(path.join(exportDir, "sources", `${row.slug}.txt`), "utf8")).toBe(row.body);
  });

  it("marks a coding still in progress as partial, and the copy keeps it in progress", async () => {
    const coding = parseYaml(
      readFileSync(path.join(exportDir, "codings/hankyoreh-dangerous-game.E-2.yaml"), "utf8"),
    );
    expect(coding).toMatchObject({ partial: true, article_codes: {} });
    expect(coding.passages).toHaveLength(1);
    const open = await copy.assignment.findFirstOrThrow({
      where: { article: { slug: "hankyoreh-dangerous-game" }, coder: { key: "E-2" } },
    });
    expect(open.doneAt).toBeNull();
    // Its article's codings stay private, as they were where the coding was made.
    for (const db of [source, copy])
      expect(
        (await db.article.findUniqueOrThrow({ where: { slug: "hankyoreh-dangerous-game" } }))
          .codingsPublic,
      ).toBe(false);
  });

  it("a fresh database seeded from the export holds the same corpus (checksum over every table)", async () => {
    const [a, b] = await Promise.all([corpus(sourceUrl), corpus(copyUrl)]);
    expect(a.articles).toHaveLength(7);
    expect(a.passageCodes.length).toBeGreaterThan(137);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
    expect(checksum(b)).toBe(checksum(a));
  });

  it("exporting the fresh database again gives byte-identical files", async () => {
    const again = tempDir();
    await writeYamlExport(copy, again, { seedsDir: SEEDS });
    const first = filesOf(exportDir);
    const second = filesOf(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, data] of first) expect(second.get(file)?.equals(data), file).toBe(true);
  });

  it("the export's own folder serves as the seeds folder of the next export, with the same bytes", async () => {
    const again = tempDir();
    await writeYamlExport(copy, again, { seedsDir: exportDir });
    const first = filesOf(exportDir);
    for (const [file, data] of filesOf(again))
      expect(first.get(file)?.equals(data), file).toBe(true);
  });

  it("refuses a folder that holds files unless told to replace; replacing keeps other files", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "README.md"), "our corpus\n");
    const refused = await writeYamlExport(copy, dir, { seedsDir: SEEDS }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ExportError);
    expect((refused as Error).message).toMatch(/is not empty: give --replace/);
    expect(existsSync(path.join(dir, "outlets.yaml"))).toBe(false);
    writeFileSync(path.join(dir, "outlets.yaml"), "stale: true\n");
    await writeYamlExport(copy, dir, { seedsDir: SEEDS, replace: true });
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("our corpus\n");
    expect(loadSeeds(dir).articles).toHaveLength(7);
  });

  it("stops, naming the article and field, when a stored row would not load back as it is", async () => {
    const row = await source.article.update({
      where: { slug: "campus-voices-2024-06-25-campus-voices-on-the-new-treaty" },
      data: { contentHash: "not-the-hash-of-its-text" },
    });
    const dir = tempDir();
    const refused = await writeYamlExport(source, dir, { seedsDir: SEEDS }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ExportError);
    expect((refused as ExportError).problems).toEqual([
      `articles/${row.slug}.yaml would not load back as stored (contentHash)`,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a partial coding completed in the files and seeded again is done, and its article public", async () => {
    const dir = tempDir();
    cpSync(exportDir, dir, { recursive: true });
    const file = path.join(dir, "codings/hankyoreh-dangerous-game.E-2.yaml");
    const coding = parseYaml(readFileSync(file, "utf8"));
    delete coding.partial;
    coding.article_codes = { weapons: { code: "oppose" }, tone_gov: { code: "neutral" } };
    writeFileSync(file, stringifyYaml(coding));
    await prepareDatabase(copyUrl, { seedsDir: dir, log: quiet });
    const assignment = await copy.assignment.findFirstOrThrow({
      where: { article: { slug: "hankyoreh-dangerous-game" }, coder: { key: "E-2" } },
    });
    expect(assignment.doneAt).not.toBeNull();
    const article = await copy.article.findUniqueOrThrow({
      where: { slug: "hankyoreh-dangerous-game" },
    });
    expect(article.codingsPublic).toBe(true);
  });
});

describe("the stored-XSS fixture corpus (markup and control characters in every text field)", () => {
  it("goes out and comes back the same, and its second export has the same bytes", async () => {
    const XSS = fileURLToPath(new URL("../../../e2e/fixtures/xss-seeds", import.meta.url));
    const urls = [
      await recreateDatabase("yaml_e_xss_source", { migrate: false }),
      await recreateDatabase("yaml_e_xss_copy", { migrate: false }),
    ];
    const dbs = urls.map((u) => createPrismaClient(u));
    try {
      await prepareDatabase(urls[0], { seedsDir: XSS, log: quiet });
      const first = tempDir();
      const result = await writeYamlExport(dbs[0], first, { seedsDir: XSS });
      expect(result.counts).toMatchObject({ articles: 2, sourcePages: 2 });
      await prepareDatabase(urls[1], { seedsDir: first, log: quiet });
      const [a, b] = await Promise.all(urls.map(corpus));
      expect(a.articles).toHaveLength(2);
      expect(b).toEqual(a);
      const second = tempDir();
      await writeYamlExport(dbs[1], second, { seedsDir: XSS });
      const firstFiles = filesOf(first);
      for (const [file, data] of filesOf(second))
        expect(firstFiles.get(file)?.equals(data), file).toBe(true);
      expect(filesOf(second).size).toBe(firstFiles.size);

      // Without the original pages, every article goes out as stored text, and still comes back.
      const methodOnly = tempDir();
      cpSync(path.join(XSS, "codebook.yaml"), path.join(methodOnly, "codebook.yaml"));
      const asText = tempDir();
      const textResult = await writeYamlExport(dbs[0], asText, { seedsDir: methodOnly });
      expect(textResult.counts).toMatchObject({ articles: 2, sourcePages: 0 });
      await prepareDatabase(urls[1], { seedsDir: asText, force: true, log: quiet });
      expect(await corpus(urls[1])).toEqual(a);
    } finally {
      await Promise.all(dbs.map((db) => db.$disconnect()));
    }
  });
});
