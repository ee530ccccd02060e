import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { testActor } from "../../../scripts/lib/testing/actors";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import type { Actor } from "../auth/actor";
import { setArticleCodes } from "../coding/article-codes";
import { assignCoder } from "../coding/assignments";
import { markDone } from "../coding/done";
import { addPassage } from "../coding/passages";
import { articleCodesInput, passageInput } from "../coding/schemas";
import { getDb } from "../db";
import { defaultFilters, type Filters } from "../filters";
import { buildProjectExport, exportProjectQdpx, type ProjectExport } from "./export";
import { refiGuid, voiceNoteName, WHOLE_TEXT_NAME } from "./framescope";
import type { RefiCoding, RefiSelection, RefiTextSource } from "./model";
import { validateProjectXml } from "./validate";
import { writeProjectXml } from "./xml-write";
import { readQdpx } from "./zip";

/*
 * The REFI-QDA export on a real PostgreSQL: the seeded corpus and the stored-XSS fixture corpus
 * validate against the schema, every selection slices its text (in code points) to the stored
 * quote, the counts equal the database's public rows, and coder=, hidden codings, REF,
 * article-level codes, notes and astral characters come out as framescope.ts describes.
 */

const XSS_SEEDS = fileURLToPath(new URL("../../../e2e/fixtures/xss-seeds", import.meta.url));
const ALL: Filters = defaultFilters({ defaultCoder: "FS-1" });

interface PassageRow {
  slug: string;
  coder: string;
  dimension: string;
  code: string;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: "own" | "reported" | "unclear";
}

interface ArticleCodeRow {
  slug: string;
  coder: string;
  dimension: string;
  code: string;
  note: string | null;
}

/** The public codings in the database, of the given coders (all when absent). */
async function publicCodings(coders?: string[]) {
  const db = getDb();
  const passages = await db.$queryRaw<PassageRow[]>`
    SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, pc.start, pc."end",
           pc.quote, pc.note, pc.voice::text AS voice
    FROM passage_code pc JOIN article a ON a.id = pc.article_id JOIN coder k ON k.id = pc.coder_id
      JOIN code c ON c.id = pc.code_id JOIN dimension d ON d.id = c.dimension_id
    WHERE a.codings_public`;
  const articleCodes = await db.$queryRaw<ArticleCodeRow[]>`
    SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, ac.note
    FROM article_code ac JOIN article a ON a.id = ac.article_id JOIN coder k ON k.id = ac.coder_id
      JOIN code c ON c.id = ac.code_id JOIN dimension d ON d.id = ac.dimension_id
    WHERE a.codings_public`;
  const keep = (r: { coder: string }) => !coders || coders.includes(r.coder);
  return { passages: passages.filter(keep), articleCodes: articleCodes.filter(keep) };
}

/** A source's text as the export's file holds it, by code points. */
function pointsOf(exp: ProjectExport, source: RefiTextSource): string[] {
  expect(source.plainTextPath).toBe(`internal://${source.guid}.txt`);
  const file = exp.files.find((f) => f.path === `Sources/${source.guid}.txt`);
  expect(file, `Sources/${source.guid}.txt`).toBeDefined();
  const bytes = file!.data as Buffer;
  expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  return Array.from(bytes.toString("utf8"));
}

const sourceOf = (exp: ProjectExport, slug: string) => {
  const source = exp.project.sources.find((s) => s.guid === refiGuid.article(slug));
  expect(source, `source of ${slug}`).toBeDefined();
  return source!;
};
const selectionOf = (source: RefiTextSource, guid: string) => {
  const selection = source.selections.find((s) => s.guid === guid);
  expect(selection, `selection ${guid} in ${source.name}`).toBeDefined();
  return selection!;
};
const codingOf = (selection: RefiSelection, guid: string): RefiCoding => {
  const coding = selection.codings.find((c) => c.guid === guid);
  expect(coding, `coding ${guid}`).toBeDefined();
  return coding!;
};
const isWhole = (s: RefiSelection) => s.name === WHOLE_TEXT_NAME;

/**
 * The export holds exactly the database's public codings (of `coders`): every passage slices to
 * its quote, every article code is a whole-text coding, notes and voices are referenced, and the
 * project is valid.
 */
async function expectFaithful(exp: ProjectExport, coders?: string[]) {
  const { passages, articleCodes } = await publicCodings(coders);
  const { project } = exp;
  const noteText = new Map(project.notes.map((n) => [n.guid, n]));
  for (const p of passages) {
    const source = sourceOf(exp, p.slug);
    const selection = selectionOf(source, refiGuid.selection(p.slug, p.coder, p.start, p.end));
    expect(pointsOf(exp, source).slice(selection.start, selection.end).join("")).toBe(p.quote);
    expect(selection.creatingUser).toBe(refiGuid.coder(p.coder));
    const guid = refiGuid.passageCoding(p.slug, p.coder, p.dimension, p.code, p.start, p.end);
    const coding = codingOf(selection, guid);
    expect(coding.codeGuid).toBe(refiGuid.code(p.dimension, p.code));
    expect(coding.creatingUser).toBe(refiGuid.coder(p.coder));
    expect(coding.noteGuids).toContain(refiGuid.voice(p.voice));
    expect(noteText.get(refiGuid.voice(p.voice))?.name).toBe(voiceNoteName(p.voice));
    if (p.note) expect(noteText.get(refiGuid.note(guid))?.text).toBe(p.note);
    else expect(coding.noteGuids).toEqual([refiGuid.voice(p.voice)]);
  }
  for (const a of articleCodes) {
    const source = sourceOf(exp, a.slug);
    const whole = selectionOf(source, refiGuid.wholeText(a.slug, a.coder));
    expect(whole).toMatchObject({ name: WHOLE_TEXT_NAME, start: 0 });
    expect(whole.end).toBe(pointsOf(exp, source).length);
    const coding = codingOf(whole, refiGuid.articleCoding(a.slug, a.coder, a.dimension));
    expect(coding.codeGuid).toBe(refiGuid.code(a.dimension, a.code));
    expect(coding.noteGuids).toEqual(a.note ? [refiGuid.note(coding.guid)] : []);
    if (a.note) expect(noteText.get(refiGuid.note(coding.guid))?.text).toBe(a.note);
  }
  const selections = project.sources.flatMap((s) => s.selections);
  const passageSelections = selections.filter((s) => !isWhole(s));
  const spans = new Set(passages.map((p) => `${p.slug} ${p.coder} ${p.start} ${p.end}`));
  expect(passageSelections.length).toBe(spans.size);
  expect(passageSelections.flatMap((s) => s.codings).length).toBe(passages.length);
  expect(selections.filter(isWhole).flatMap((s) => s.codings).length).toBe(articleCodes.length);
  expect(project.users.map((u) => u.name)).toEqual(
    [...new Set([...passages, ...articleCodes].map((r) => r.coder))].sort(),
  );
  // Every reference resolves.
  const codeGuids = new Set(project.codes.flatMap((d) => d.children.map((c) => c.guid)));
  const userGuids = new Set(project.users.map((u) => u.guid));
  for (const coding of selections.flatMap((s) => s.codings)) {
    expect(codeGuids.has(coding.codeGuid)).toBe(true);
    expect(userGuids.has(coding.creatingUser!)).toBe(true);
    for (const n of coding.noteGuids) expect(noteText.has(n)).toBe(true);
  }
  const xml = writeProjectXml(project);
  expect(await validateProjectXml(xml)).toEqual({ valid: true, errors: [] });
  return xml;
}

/** Each source's selections by start, end, then coder. */
function expectSelectionsSorted(exp: ProjectExport) {
  const users = new Map(exp.project.users.map((u) => [u.guid, u.id ?? ""]));
  for (const source of exp.project.sources) {
    const keys = source.selections.map((s) => ({
      start: s.start,
      end: s.end,
      coder: users.get(s.creatingUser ?? "") ?? "",
    }));
    expect(keys).toEqual(
      [...keys].sort(
        (a, b) => a.start - b.start || a.end - b.end || a.coder.localeCompare(b.coder),
      ),
    );
  }
}

afterAll(async () => {
  await getDb().$disconnect();
});

describe("the seeded corpus", () => {
  let exp: ProjectExport;
  beforeAll(async () => {
    const url = await recreateDatabase("export_b_corpus");
    await prepareDatabase(url, { log: () => {} });
    useDatabase(url);
    exp = await buildProjectExport({ filters: ALL });
  });

  it("exports every article and every public coding, valid against the schema", async () => {
    expect(exp.articles).toBe(5);
    expect(exp.project.sources).toHaveLength(5);
    expect(exp.files.map((f) => f.path)).toEqual(
      exp.project.sources.map((s) => `Sources/${s.guid}.txt`),
    );
    const xml = await expectFaithful(exp);
    expect(xml).toContain('origin="Framescope"');
    expect(xml).not.toContain("creationDateTime");
  });

  it("writes the codebook as one parent per dimension with its codes, colours and definitions", async () => {
    const dims = await getDb().dimension.findMany({
      orderBy: { order: "asc" },
      include: { codes: { orderBy: { order: "asc" } } },
    });
    expect(exp.project.codes.map((c) => c.name)).toEqual(dims.map((d) => d.label));
    for (const [i, d] of dims.entries()) {
      const parent = exp.project.codes[i];
      expect(parent).toMatchObject({ guid: refiGuid.dimension(d.key), isCodable: false });
      expect(parent.children).toEqual(
        d.codes.map((c) => ({
          guid: refiGuid.code(d.key, c.key),
          name: c.label,
          isCodable: true,
          color: c.colour,
          description: c.definition,
          children: [],
        })),
      );
    }
  });

  it("gives each source the article's metadata as variables", async () => {
    const article = await getDb().article.findFirstOrThrow({
      where: { slug: "hankyoreh-dangerous-game" },
      include: { outlet: true },
    });
    const source = sourceOf(exp, article.slug);
    expect(source.name).toBe(article.headline);
    const byName = new Map(exp.project.variables.map((v) => [v.guid, v.name]));
    const values = Object.fromEntries(
      source.variableValues.map((v) => [byName.get(v.variableGuid), v.value]),
    );
    expect(values).toMatchObject({
      "Framescope slug": article.slug,
      Outlet: "hankyoreh",
      "Outlet name": article.outlet.name,
      Genre: article.genre,
      "Publication date": "2024-06-24",
      "Date precision": article.datePrecision,
      Language: article.language,
      "Content hash": article.contentHash,
    });
    expect(exp.project.variables.find((v) => v.name === "Publication date")?.type).toBe("Date");
  });

  it("orders sources by date then slug, and selections by start, end and coder", async () => {
    const articles = await getDb().article.findMany({
      orderBy: [{ publishedAt: "asc" }, { slug: "asc" }],
      select: { slug: true },
    });
    expect(exp.project.sources.map((s) => s.guid)).toEqual(
      articles.map((a) => refiGuid.article(a.slug)),
    );
    expectSelectionsSorted(exp);
  });

  it("exports the same bytes twice (stable GUIDs, no time stamp)", async () => {
    const [one, two] = [
      await exportProjectQdpx({ filters: ALL }),
      await exportProjectQdpx({ filters: ALL }),
    ];
    expect(one.equals(two)).toBe(true);
    const read = await readQdpx(one);
    expect(read.projectXml).toBe(writeProjectXml(exp.project));
    for (const f of exp.files) expect(read.files.get(f.path)?.equals(f.data as Buffer)).toBe(true);
  });

  it("narrows to the filters' articles", async () => {
    const narrowed = await buildProjectExport({ filters: { ...ALL, outlets: ["hankyoreh"] } });
    expect(narrowed.articles).toBe(2);
    expect(narrowed.project.sources.map((s) => s.guid).sort()).toEqual(
      ["hankyoreh-dangerous-game", "hankyoreh-tact-and-diplomacy"].map(refiGuid.article).sort(),
    );
  });
});

describe("coders, REF and hidden codings", () => {
  const COPY = "hankyoreh-tact-and-diplomacy";
  const HIDDEN = "joongang-putin-wrong-signal";

  beforeAll(async () => {
    const db = getDb();
    // REF, the adjudicated reference coding, holds a copy of FS-1's coding of one article.
    await db.$executeRaw`INSERT INTO coder (key, name, kind) VALUES ('REF', 'Reference', 'adjudicated')`;
    await db.$executeRaw`
      INSERT INTO passage_code (article_id, code_id, coder_id, start, "end", quote, note, voice)
      SELECT article_id, code_id, (SELECT id FROM coder WHERE key = 'REF'), start, "end", quote,
             note, voice
      FROM passage_code WHERE article_id = (SELECT id FROM article WHERE slug = ${COPY})`;
    await db.$executeRaw`
      INSERT INTO article_code (article_id, dimension_id, code_id, coder_id, note)
      SELECT article_id, dimension_id, code_id, (SELECT id FROM coder WHERE key = 'REF'), NULL
      FROM article_code WHERE article_id = (SELECT id FROM article WHERE slug = ${COPY})`;
    // A coding in progress: the article is exported, its codings are not.
    await db.$executeRaw`UPDATE article SET codings_public = false WHERE slug = ${HIDDEN}`;
  });

  it("REF is a user with its codings; hidden codings are left out, their article is not", async () => {
    const exp = await buildProjectExport({ filters: ALL });
    expect(exp.project.users.map((u) => u.id)).toEqual(["FS-1", "REF"]);
    expect(sourceOf(exp, HIDDEN).selections).toEqual([]);
    expect(exp.files.some((f) => f.path === `Sources/${refiGuid.article(HIDDEN)}.txt`)).toBe(true);
    await expectFaithful(exp);
    const ref = sourceOf(exp, COPY).selections.filter(
      (s) => s.creatingUser === refiGuid.coder("REF"),
    );
    expect(ref.length).toBeGreaterThan(1);
    // FS-1's selection of a span comes before REF's of the same span.
    expectSelectionsSorted(exp);
  });

  it("coder= narrows users and codings to the coders named", async () => {
    const onlyRef = await buildProjectExport({ filters: ALL, coders: ["REF"] });
    expect(onlyRef.project.users.map((u) => u.id)).toEqual(["REF"]);
    expect(onlyRef.project.sources).toHaveLength(5);
    const coded = onlyRef.project.sources.filter((s) => s.selections.length);
    expect(coded.map((s) => s.guid)).toEqual([refiGuid.article(COPY)]);
    await expectFaithful(onlyRef, ["REF"]);
    const onlyFs = await buildProjectExport({ filters: ALL, coders: ["FS-1"] });
    expect(onlyFs.project.users.map((u) => u.id)).toEqual(["FS-1"]);
    await expectFaithful(onlyFs, ["FS-1"]);
  });

  it("an unknown coder is a 400 naming coder", async () => {
    const err = await buildProjectExport({ filters: ALL, coders: ["FS-1", "nobody"] }).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ status: 400, issues: [{ param: "coder" }] });
    expect(err.issues[0].message).toContain('"nobody"');
  });
});

describe("astral characters, coded through the coding service", () => {
  // The rocket and the rare Hanja (U+20000) are two UTF-16 units each, one code point.
  const BODY =
    "Kim 🚀 met Putin. 𠀀 is a rare Hanja. " +
    "The treaty binds both sides to mutual defence. Critics call it reckless.";
  const SLUG = "astral-export";
  let coder: Actor;

  beforeAll(async () => {
    const db = getDb();
    const outlet = await db.outlet.findFirstOrThrow({ where: { slug: "hankyoreh" } });
    const article = await db.article.create({
      data: {
        slug: SLUG,
        outletId: outlet.id,
        headline: "Astral <b>&amp;</b> \u0007 headline",
        genre: "editorial",
        publishedAt: new Date("2024-07-01T00:00:00Z"),
        datePrecision: "exact",
        language: "en",
        sourceFile: `${SLUG}.txt`,
        body: BODY,
        captions: ["One", "Two"],
        contentHash: SLUG,
      },
    });
    await db.$executeRaw`SELECT rollup_article(${article.id}::int, 1)`;
    const admin = await testActor("admin@example.org", "admin", "ADM-1");
    coder = await testActor("astral@example.org", "coder", "AS-1");
    await assignCoder(admin, SLUG, "AS-1");
    const start = BODY.indexOf("The treaty");
    const end = BODY.indexOf(" Critics");
    let { version } = await addPassage(
      coder,
      SLUG,
      passageInput.parse({
        dimension: "ties",
        code: "security_threat",
        start,
        end,
        note: "After the rocket\r\nand the Hanja: <i>two</i> lines.",
        voice: "own",
        baseVersion: 0,
      }),
    );
    ({ version } = await setArticleCodes(
      coder,
      SLUG,
      articleCodesInput.parse({
        baseVersion: version,
        weapons: { code: "oppose", note: "Whole-text note." },
        tone_gov: { code: "neutral" },
      }),
    ));
    await markDone(coder, SLUG, version);
  });

  it("positions count code points, differ from the UTF-16 offsets, and slice to the quote", async () => {
    const exp = await buildProjectExport({ filters: ALL });
    const source = sourceOf(exp, SLUG);
    const start = BODY.indexOf("The treaty");
    const end = BODY.indexOf(" Critics");
    const selection = selectionOf(source, refiGuid.selection(SLUG, "AS-1", start, end));
    expect([selection.start, selection.end]).toEqual([start - 2, end - 2]);
    const text = pointsOf(exp, source);
    expect(text.slice(selection.start, selection.end).join("")).toBe(BODY.slice(start, end));
    const whole = selectionOf(source, refiGuid.wholeText(SLUG, "AS-1"));
    expect(whole.end).toBe(BODY.length - 2);
    expect(whole.codings.map((c) => c.codeGuid)).toEqual([
      refiGuid.code("weapons", "oppose"),
      refiGuid.code("tone_gov", "neutral"),
    ]);
    const xml = await expectFaithful(exp);
    // Markup is escaped, CR kept as a reference, the control character replaced.
    expect(xml).toContain('name="Astral &lt;b&gt;&amp;amp;&lt;/b&gt; \uFFFD headline"');
    expect(xml).toContain("After the rocket&#xD;\nand the Hanja: &lt;i&gt;two&lt;/i&gt; lines.");
  });

  it("a note is a Note, referenced by a NoteRef in its Coding, named by coder and code", async () => {
    // Only this article: its one passage is in the article's own voice.
    const exp = await buildProjectExport({ filters: { ...ALL, from: "2024-07-01" } });
    expect(exp.articles).toBe(1);
    const source = sourceOf(exp, SLUG);
    const start = BODY.indexOf("The treaty");
    const end = BODY.indexOf(" Critics");
    const guid = refiGuid.passageCoding(SLUG, "AS-1", "ties", "security_threat", start, end);
    const coding = codingOf(
      selectionOf(source, refiGuid.selection(SLUG, "AS-1", start, end)),
      guid,
    );
    expect(coding.noteGuids).toEqual([refiGuid.note(guid), refiGuid.voice("own")]);
    const note = exp.project.notes.find((n) => n.guid === refiGuid.note(guid));
    expect(note?.name).toMatch(/^AS-1 · ties: /);
    expect(note?.text).toBe("After the rocket\r\nand the Hanja: <i>two</i> lines.");
    // Voice notes only for the voices used.
    expect(exp.project.notes.filter((n) => n.name?.startsWith("Framescope voice"))).toEqual([
      expect.objectContaining({ guid: refiGuid.voice("own"), name: voiceNoteName("own") }),
    ]);
  });
});

describe("the stored-XSS fixture corpus", () => {
  beforeAll(async () => {
    await getDb().$disconnect();
    const url = await recreateDatabase("export_b_xss");
    await prepareDatabase(url, { seedsDir: XSS_SEEDS, log: () => {} });
    useDatabase(url);
  });

  it("exports valid XML with every hostile string escaped", async () => {
    const exp = await buildProjectExport({ filters: ALL });
    expect(exp.articles).toBeGreaterThan(0);
    expect(exp.project.sources.flatMap((s) => s.selections).length).toBeGreaterThan(0);
    const xml = await expectFaithful(exp);
    expect(xml).not.toContain("<script");
    expect(xml).not.toContain("<img");
    expect(xml).toContain("&lt;script&gt;");
  });
});
