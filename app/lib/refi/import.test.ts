import { readFileSync } from "node:fs";
import { Client } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { testActor } from "../../../scripts/lib/testing/actors";
import {
  recreateDatabase,
  tableChecksums,
  useDatabase,
} from "../../../scripts/lib/testing/database";
import {
  code,
  coding,
  corpusRows,
  project,
  qdpx,
  selection,
  source,
  sql,
} from "../../../scripts/lib/testing/refi-import";
import { rollupDifferences } from "../../../scripts/lib/testing/rollups";
import type { Actor } from "../auth/actor";
import { defaultFilters, type Filters } from "../filters";
import { exportProjectQdpx } from "./export";
import { ENGLISH_TEXT, FOREIGN_PROJECT_PATH, KOREAN_TEXT } from "./fixtures/foreign-project";
import { refiGuid, voiceNoteName } from "./framescope";
import { importProject } from "./import";
import { md5, normalisedMd5 } from "./import-text";

/**
 * The project import on real PostgreSQL: a Framescope export imported into a database with the
 * codebook and outlets but no articles gives the same corpus; again, nothing changes; a project
 * from another tool keeps its text exactly.
 */

const ALL: Filters = defaultFilters({ defaultCoder: "FS-1" });

let source1: string;
let target: string;
let exported: Buffer;
let admin: Actor;

/** Checksums of the tables an import writes; equal means it wrote nothing. */
async function snapshot(url: string) {
  const { api_token: _t, auth_session: _s, ...rest } = await tableChecksums(url);
  return rest;
}

beforeAll(async () => {
  source1 = await recreateDatabase("import_c1_source", { migrate: false });
  await prepareDatabase(source1, { log: () => {} });
  target = await recreateDatabase("import_c1_target", { migrate: false });
  await prepareDatabase(target, { log: () => {} });
  // The target keeps codebook, outlets and coders, but no article (and so no coding).
  await sql(target, `DELETE FROM article; SELECT refresh_rollups();`);
  useDatabase(source1);
  exported = await exportProjectQdpx({ filters: ALL });
  useDatabase(target);
  admin = await testActor("admin@example.org", "admin", "AD-1");
}, 180_000);

describe("a Framescope export imports back", () => {
  it("dry run: counts every source as new, every code mapped, and writes nothing", async () => {
    const before = await snapshot(target);
    const result = await importProject(admin, exported, "corpus.qdpx", { dryRun: true });
    expect(await snapshot(target)).toEqual(before);
    expect(result.dryRun).toBe(true);
    expect(result.written).toBeNull();
    expect(result.project.origin).toBe("Framescope");
    expect(result.sources).toEqual({ matched: 0, new: 5, skipped: 0 });
    expect(result.codes.unmatched).toBe(0);
    expect(result.codes.mapped).toBeGreaterThan(20);
    expect(result.selections.invalid).toBe(0);
    expect(result.selections.ok).toBeGreaterThan(0);
    expect(result.coders).toEqual([
      expect.objectContaining({ user: "FS-1", coder: "FS-1", status: "existing" }),
    ]);
    expect(result.details.conflicts).toEqual([]);
    expect(result.details.sources.map((s) => s.article).sort()).toEqual(
      ((await corpusRows(source1)).articles as { slug: string }[]).map((a) => a.slug),
    );
  });

  it("writes the same articles, coders, spans, codes and notes; rollups equal a rebuild", async () => {
    const result = await importProject(admin, exported, "corpus.qdpx", { dryRun: false });
    const original = await corpusRows(source1);
    expect(result.written).toEqual({
      articles: 5,
      coders: 0,
      passageCodes: original.passageCodes.length,
      articleCodes: original.articleCodes.length,
      unchanged: 0,
    });
    expect(await corpusRows(target)).toEqual(original);
    expect(await rollupDifferences(target)).toEqual({});
  });

  it("gives every imported coding a done assignment and one history row naming the file", async () => {
    const client = new Client({ connectionString: target });
    await client.connect();
    try {
      const { rows } = await client.query(
        `
        SELECT a.slug, k.key AS coder, s.done_at IS NOT NULL AS done, s.version,
               s.assigned_by = $1 AS by_admin, h.action, h.version AS history_version,
               h.user_id = $1 AS history_by_admin, h.after->>'file' AS file,
               (h.after->>'passages')::int AS passages, (h.after->>'articleCodes')::int AS codes
        FROM assignment s JOIN article a ON a.id = s.article_id JOIN coder k ON k.id = s.coder_id
        LEFT JOIN coding_history h ON h.article_id = s.article_id AND h.coder_id = s.coder_id
        ORDER BY a.slug`,
        [admin.userId],
      );
      const original = await corpusRows(source1);
      expect(rows).toHaveLength(5);
      for (const r of rows)
        expect(r).toMatchObject({
          coder: "FS-1",
          done: true,
          version: 1,
          by_admin: true,
          action: "import",
          history_version: 1,
          history_by_admin: true,
          file: "corpus.qdpx",
          codes: 2,
        });
      expect(rows.reduce((n, r) => n + r.passages, 0)).toBe(original.passageCodes.length);
    } finally {
      await client.end();
    }
  });

  it("importing the same file again changes nothing: every coding unchanged", async () => {
    const before = await snapshot(target);
    const result = await importProject(admin, exported, "corpus.qdpx", { dryRun: false });
    const original = await corpusRows(source1);
    expect(result.sources).toEqual({ matched: 5, new: 0, skipped: 0 });
    expect(result.details.sources.every((s) => s.matchedBy === "content hash")).toBe(true);
    expect(result.written).toEqual({
      articles: 0,
      coders: 0,
      passageCodes: 0,
      articleCodes: 0,
      unchanged: original.passageCodes.length + original.articleCodes.length,
    });
    expect(result.details.conflicts).toEqual([]);
    expect(await snapshot(target)).toEqual(before);
  });
  it("an article code that differs from the coder's own is a conflict, listed and kept", async () => {
    const slug = "hankyoreh-tact-and-diplomacy";
    await sql(
      target,
      `DO $$ DECLARE a int; c int; BEGIN
         SELECT id INTO a FROM article WHERE slug = '${slug}';
         SELECT id INTO c FROM coder WHERE key = 'FS-1';
         PERFORM rollup_coding(a, c, -1, NULL);
         UPDATE article_code SET code_id = (SELECT id FROM code WHERE key = 'support')
         WHERE article_id = a AND coder_id = c
           AND dimension_id = (SELECT id FROM dimension WHERE key = 'weapons');
         PERFORM rollup_coding(a, c, 1, NULL);
       END $$`,
    );
    const before = await snapshot(target);
    const result = await importProject(admin, exported, "corpus.qdpx", { dryRun: false });
    expect(result.details.conflicts).toEqual([
      {
        article: slug,
        coder: "FS-1",
        dimension: "weapons",
        reason: "the coder has another code for this dimension; not overwritten",
      },
    ]);
    expect(result.written).toMatchObject({ passageCodes: 0, articleCodes: 0 });
    expect(await snapshot(target)).toEqual(before);
    const kept = (await corpusRows(target)).articleCodes as {
      slug: string;
      dimension: string;
      code: string;
    }[];
    expect(kept.find((a) => a.slug === slug && a.dimension === "weapons")?.code).toBe("support");
  });
});

describe("texts PostgreSQL cannot store", () => {
  it("a NUL character becomes U+FFFD; the selection after it still lands on its words", async () => {
    const text = "Before\u0000after: the summit at Vostochny.";
    const [s, e] = cp(text, "Vostochny");
    const p = project({
      users: [{ guid: U1, name: "Nul Tester", id: null }],
      codes: [code(TIES, "ties", [code(THREAT, "security_threat")])],
      sources: [
        source(
          "4D000000-0000-4000-8000-000000000001",
          "NUL",
          { path: "internal://nul.txt" },
          {
            selections: [
              selection("4E000000-0000-4000-8000-000000000001", s, e, [
                coding("4F000000-0000-4000-8000-000000000001", THREAT, U1),
              ]),
            ],
          },
        ),
      ],
    });
    const file = await qdpx(p, [{ path: "Sources/nul.txt", data: text }]);
    const result = await importProject(admin, file, "nul.qdpx", {
      dryRun: false,
      outlet: "hankyoreh",
      genre: "column",
      language: "en",
    });
    expect(result.details.warnings.join("\n")).toMatch(/NUL characters/);
    const slug = result.details.sources[0].article;
    const rows = await corpusRows(target);
    expect(
      (rows.articles as { slug: string; body: string }[]).find((a) => a.slug === slug)?.body,
    ).toBe("Before\ufffdafter: the summit at Vostochny.");
    expect(rows.passageCodes).toContainEqual(expect.objectContaining({ slug, quote: "Vostochny" }));
  });
});

describe("matching by text", () => {
  it("the hashes agree with PostgreSQL's, and both lookups use their index", async () => {
    const text = "  한겨레 😀\t𠜎\r\n\n text \u00a0end\n";
    const client = new Client({ connectionString: target });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT md5($1) AS plain, normalised_text_md5($1) AS normalised",
        [text],
      );
      expect(rows[0]).toEqual({ plain: md5(text), normalised: normalisedMd5(text) });
      await client.query("SET enable_seqscan = off");
      const plan = async (where: string) =>
        JSON.stringify(
          (
            await client.query(`EXPLAIN SELECT id FROM article WHERE ${where} = ANY ($1::text[])`, [
              [md5(text)],
            ])
          ).rows,
        );
      expect(await plan("md5(body)")).toMatch(/article_body_md5_idx/);
      expect(await plan("normalised_text_md5(body)")).toMatch(/article_body_normalised_md5_idx/);
    } finally {
      await client.end();
    }
  });

  it("a source whose whitespace differs matches its article; positions land on the body", async () => {
    const rows = (await corpusRows(target)).articles as { slug: string; body: string }[];
    const body = rows[0].body;
    // The same text with each line break doubled and leading and trailing space added.
    const text = `  ${body.replace(/\n/g, "\n\n")} \n`;
    const word = body.indexOf(" ", 40);
    const fromBody = body.slice(word + 1, body.indexOf(" ", word + 30));
    const at = [...text].join("").indexOf(fromBody);
    const start = [...text.slice(0, at)].length;
    const end = start + [...fromBody].length;
    const p = project({
      users: [{ guid: "0A000000-0000-4000-8000-000000000001", name: "FS-1", id: null }],
      codes: [
        code(refiGuid.dimension("ties"), "ties", [
          code(refiGuid.code("ties", "transactional"), "Transactional exchange"),
        ]),
      ],
      sources: [
        source(
          "0B000000-0000-4000-8000-000000000001",
          "Respaced",
          { path: "internal://r.txt" },
          {
            selections: [
              selection("0C000000-0000-4000-8000-000000000001", start, end, [
                coding(
                  "0D000000-0000-4000-8000-000000000001",
                  refiGuid.code("ties", "transactional"),
                  "0A000000-0000-4000-8000-000000000001",
                ),
              ]),
            ],
          },
        ),
      ],
    });
    const file = await qdpx(p, [{ path: "Sources/r.txt", data: text }]);
    const result = await importProject(admin, file, "respaced.qdpx", { dryRun: false });
    expect(result.details.sources[0]).toMatchObject({
      status: "matched",
      article: rows[0].slug,
      matchedBy: "normalised text",
    });
    const passages = (await corpusRows(target)).passageCodes as {
      slug: string;
      quote: string;
      code: string;
    }[];
    expect(passages).toContainEqual(
      expect.objectContaining({ slug: rows[0].slug, code: "transactional", quote: fromBody }),
    );
    expect(await rollupDifferences(target)).toEqual({});
  });
});

// A hand-made project as another tool writes it: no Framescope GUIDs or variables, codes by
// label, texts with characters outside the BMP (an emoji, a rare Hanja).
const U1 = "1A000000-0000-4000-8000-000000000001";
const U2 = "1A000000-0000-4000-8000-000000000002";
const TIES = "1B000000-0000-4000-8000-000000000001";
const THREAT = "1B000000-0000-4000-8000-000000000002";
const ECONOMY = "1B000000-0000-4000-8000-000000000003";
const SANCTIONS = "1B000000-0000-4000-8000-000000000004";
const WEAPONS = "1B000000-0000-4000-8000-000000000005";
const OPPOSE = "1B000000-0000-4000-8000-000000000006";
const TEXT_1 = "Kim 😀 met Putin at 𠜎 Vostochny.\r\nThe summit was a security threat to Seoul.\n";
const TEXT_2 = "한겨레: 🇰🇷 Seoul weighs its options.\tTabs\tand  double  spaces stay.";
const NOTE = "1C000000-0000-4000-8000-000000000001";

function cp(text: string, part: string): [number, number] {
  const at = text.indexOf(part);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...part].length];
}

function foreignProject() {
  const [s1, e1] = cp(TEXT_1, "security threat");
  const [s2, e2] = cp(TEXT_1, "𠜎 Vostochny");
  const [s3, e3] = cp(TEXT_2, "🇰🇷 Seoul");
  return project({
    name: "Fieldwork",
    origin: "ATLAS.ti 23",
    users: [
      { guid: U1, name: "Enric Llagostera", id: null },
      { guid: U2, name: "Ana Kim", id: null },
    ],
    codes: [
      code(TIES, "Framing of Russia–North Korea ties", [code(THREAT, "security threat ")]),
      code(ECONOMY, "Economy", [code(SANCTIONS, "Sanctions")]),
      code(WEAPONS, "weapons", [code(OPPOSE, "Oppose")]),
    ],
    notes: [{ guid: NOTE, name: "memo", text: "Strong wording.", plainTextPath: null }],
    sources: [
      source(
        "1D000000-0000-4000-8000-000000000001",
        "Interview 1",
        { path: "internal://one.txt" },
        {
          selections: [
            selection("1E000000-0000-4000-8000-000000000001", s1, e1, [
              coding("1F000000-0000-4000-8000-000000000001", THREAT, U1, [NOTE]),
            ]),
            selection(
              "1E000000-0000-4000-8000-000000000002",
              s2,
              e2,
              [
                coding("1F000000-0000-4000-8000-000000000002", SANCTIONS, U1),
                coding("1F000000-0000-4000-8000-000000000003", THREAT, null),
              ],
              U2,
            ),
            selection("1E000000-0000-4000-8000-000000000003", 3, 999, [
              coding("1F000000-0000-4000-8000-000000000004", THREAT, U1),
            ]),
          ],
          codings: [coding("1F000000-0000-4000-8000-000000000005", OPPOSE, U2)],
        },
      ),
      source(
        "1D000000-0000-4000-8000-000000000002",
        "Interview 2",
        { inline: TEXT_2 },
        {
          selections: [
            selection("1E000000-0000-4000-8000-000000000004", s3, e3, [
              coding("1F000000-0000-4000-8000-000000000006", SANCTIONS, U2),
            ]),
          ],
        },
      ),
    ],
  });
}

describe("a project from another tool", () => {
  let file: Buffer;
  beforeAll(async () => {
    file = await qdpx(foreignProject(), [{ path: "Sources/one.txt", data: TEXT_1 }]);
  });

  it("without an outlet its sources are skipped with the reason, and nothing is written", async () => {
    const before = await snapshot(target);
    const result = await importProject(admin, file, "fieldwork.qdpx", {
      dryRun: false,
      genre: "news_report",
      language: "en",
    });
    expect(await snapshot(target)).toEqual(before);
    expect(result.sources).toEqual({ matched: 0, new: 0, skipped: 2 });
    expect(result.details.sources.map((s) => s.reason)).toEqual([
      "no outlet: choose one in the form",
      "no outlet: choose one in the form",
    ]);
    expect(result.written).toMatchObject({ articles: 0, passageCodes: 0, articleCodes: 0 });
  });

  it("with outlet, genre and language its texts become articles exactly; unknown codes listed", async () => {
    const result = await importProject(admin, file, "fieldwork.qdpx", {
      dryRun: false,
      outlet: "hankyoreh",
      genre: "news_report",
      language: "en",
    });
    expect(result.sources).toEqual({ matched: 0, new: 2, skipped: 0 });
    expect(result.codes).toEqual({ mapped: 2, unmatched: 1 });
    expect(result.details.codes).toContainEqual({
      guid: SANCTIONS,
      path: "Economy / Sanctions",
      status: "unmatched",
      dimension: null,
      code: null,
      codings: 2,
    });
    expect(result.selections).toEqual({ ok: 3, invalid: 1 });
    expect(result.details.invalidSelections[0]).toMatchObject({
      source: "Interview 1",
      start: 3,
      end: 999,
    });
    expect(result.details.invalidSelections[0].reason).toMatch(/after the text/);
    expect(result.coders).toEqual([
      expect.objectContaining({
        user: "Enric Llagostera",
        coder: "Enric-Llagostera",
        status: "new",
        codings: 3,
      }),
      expect.objectContaining({ user: "Ana Kim", coder: "Ana-Kim", status: "new", codings: 3 }),
    ]);
    expect(result.written).toMatchObject({
      articles: 2,
      coders: 2,
      passageCodes: 2,
      articleCodes: 1,
    });

    const rows = await corpusRows(target);
    const slugs = result.details.sources.map((s) => s.article);
    const articles = rows.articles as { slug: string; body: string; headline: string }[];
    expect(articles.find((a) => a.slug === slugs[0])).toMatchObject({
      body: TEXT_1,
      headline: "Interview 1",
    });
    expect(articles.find((a) => a.slug === slugs[1])).toMatchObject({
      body: TEXT_2,
      headline: "Interview 2",
    });
    const passages = rows.passageCodes.filter((p) => slugs.includes((p as { slug: string }).slug));
    expect(passages).toEqual([
      expect.objectContaining({
        coder: "Ana-Kim",
        code: "security_threat",
        quote: "𠜎 Vostochny",
        voice: "unclear",
        note: null,
      }),
      expect.objectContaining({
        coder: "Enric-Llagostera",
        code: "security_threat",
        quote: "security threat",
        voice: "unclear",
        note: "Strong wording.",
      }),
    ]);
    expect(rows.articleCodes).toContainEqual({
      slug: slugs[0],
      coder: "Ana-Kim",
      dimension: "weapons",
      code: "oppose",
      note: null,
    });
    expect(await rollupDifferences(target)).toEqual({});
  });

  it("imported again: the same coders and articles, every coding unchanged", async () => {
    const before = await snapshot(target);
    const result = await importProject(admin, file, "fieldwork.qdpx", {
      dryRun: false,
      outlet: "hankyoreh",
      genre: "news_report",
      language: "en",
    });
    expect(result.sources).toEqual({ matched: 2, new: 0, skipped: 0 });
    expect(result.coders.map((c) => c.status)).toEqual(["existing", "existing"]);
    expect(result.written).toEqual({
      articles: 0,
      coders: 0,
      passageCodes: 0,
      articleCodes: 0,
      unchanged: 3,
    });
    expect(await snapshot(target)).toEqual(before);
  });

  it("a hand mapping imports an unknown code; REF's codings are never written", async () => {
    const p = foreignProject();
    p.users.push({ guid: "1A000000-0000-4000-8000-000000000003", name: "REF", id: "REF" });
    p.sources[1].selections[0].codings.push(
      coding(
        "1F000000-0000-4000-8000-000000000007",
        THREAT,
        "1A000000-0000-4000-8000-000000000003",
      ),
    );
    const file2 = await qdpx(p, [{ path: "Sources/one.txt", data: TEXT_1 }]);
    await sql(
      target,
      `INSERT INTO coder (key, name, kind) VALUES ('REF', 'Reference', 'adjudicated') ON CONFLICT DO NOTHING`,
    );
    const result = await importProject(admin, file2, "fieldwork.qdpx", {
      dryRun: true,
      codeMap: { [SANCTIONS]: "ties/sanctions_erosion" },
    });
    expect(result.details.codes).toContainEqual(
      expect.objectContaining({
        guid: SANCTIONS,
        status: "mapped",
        dimension: "ties",
        code: "sanctions_erosion",
      }),
    );
    expect(result.details.warnings.join("\n")).toMatch(/1 codings by REF .* not imported/);
  });
});

describe("voice notes", () => {
  it("a coding's voice note sets its voice", async () => {
    const voice = refiGuid.voice("reported");
    const text = "A voice test article whose words are reported.";
    const [s, e] = cp(text, "reported");
    const p = project({
      users: [{ guid: U1, name: "Enric Llagostera", id: null }],
      codes: [code(TIES, "ties", [code(THREAT, "security_threat")])],
      notes: [
        { guid: voice, name: voiceNoteName("reported"), text: "reported", plainTextPath: null },
      ],
      sources: [
        source(
          "2D000000-0000-4000-8000-000000000001",
          "Voice",
          { inline: text },
          {
            selections: [
              selection("2E000000-0000-4000-8000-000000000001", s, e, [
                coding("2F000000-0000-4000-8000-000000000001", THREAT, U1, [voice]),
              ]),
            ],
          },
        ),
      ],
    });
    const result = await importProject(admin, await qdpx(p), "voice.qdpx", {
      dryRun: false,
      outlet: "hankyoreh",
      genre: "column",
      language: "en",
    });
    const slug = result.details.sources[0].article;
    expect((await corpusRows(target)).passageCodes).toContainEqual(
      expect.objectContaining({ slug, quote: "reported", voice: "reported", note: null }),
    );
  });
});

describe("the foreign fixture (fixtures/foreign-project.qdpx)", () => {
  let file: Buffer;
  beforeAll(() => {
    file = readFileSync(FOREIGN_PROJECT_PATH);
  });

  it("without an outlet: both text sources skipped with the reason, the PDF and case ignored", async () => {
    const result = await importProject(admin, file, "foreign-project.qdpx", { dryRun: true });
    expect(result.project).toEqual({ name: "Border towns & the treaty", origin: "QualCoder 3.5" });
    expect(result.sources).toEqual({ matched: 0, new: 0, skipped: 2 });
    expect(new Set(result.details.sources.map((s) => s.reason))).toEqual(
      new Set(["no outlet, genre, language: choose them in the form"]),
    );
    expect(result.details.ignored).toMatchObject({ PDFSource: 1 });
  });

  it("with outlet, genre and language: texts kept exactly, known codes mapped, the rest listed", async () => {
    const before = await corpusRows(target);
    const result = await importProject(admin, file, "foreign-project.qdpx", {
      dryRun: false,
      outlet: "joongang-daily",
      genre: "news_report",
      language: "ko",
    });
    expect(result.sources).toEqual({ matched: 0, new: 2, skipped: 0 });
    expect(result.codes).toEqual({ mapped: 6, unmatched: 3 });
    const unmatched = result.details.codes
      .filter((c) => c.status === "unmatched")
      .map((c) => [c.path, c.codings]);
    expect(unmatched).toEqual([
      ["Generic news frames / Nostalgia", 2],
      ["Family reunions", 1],
      ["Commits", 1],
    ]);
    expect(result.selections).toEqual({ ok: 6, invalid: 1 });
    expect(result.details.invalidSelections[0]).toMatchObject({ name: "past the end", start: 400 });
    expect(result.coders.map((c) => [c.user, c.coder, c.status, c.codings])).toEqual([
      ["Min-ji Park", "Min-ji-Park", "new", 5],
      ["Alex Kim", "Alex-Kim", "new", 4],
    ]);
    expect(result.details.warnings).toContain(
      "1 codings name no user: choose a coder in the form to import them",
    );
    expect(result.written).toEqual({
      articles: 2,
      coders: 2,
      passageCodes: 4,
      articleCodes: 1,
      unchanged: 0,
    });
    const after = await corpusRows(target);
    const slugs = result.details.sources.map((s) => s.article);
    const bodies = (after.articles as { slug: string; body: string }[]).filter((a) =>
      slugs.includes(a.slug),
    );
    expect(bodies.map((a) => a.body).sort()).toEqual([ENGLISH_TEXT, KOREAN_TEXT].sort());
    const passages = after.passageCodes.filter((p) => slugs.includes((p as { slug: string }).slug));
    expect(passages.map((p) => p as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          coder: "Min-ji-Park",
          code: "bloc_rivalry",
          quote: "a new Cold War in the making",
          note: "The Cold War framing is explicit <here>.",
          voice: "unclear",
        }),
        expect.objectContaining({ coder: "Min-ji-Park", code: "conflict", note: null }),
        expect.objectContaining({
          coder: "Alex-Kim",
          code: "human_interest",
          quote: "We only want to see our relatives again",
          note: "A resident's voice, not the paper's.",
        }),
        expect.objectContaining({ code: "security_threat", quote: "한반도 안보를 위협한다" }),
      ]),
    );
    expect(after.articleCodes.length - before.articleCodes.length).toBe(1);
    expect(await rollupDifferences(target)).toEqual({});
  });
});
