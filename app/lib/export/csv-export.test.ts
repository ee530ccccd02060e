import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as articlesRoute from "../../api/v1/export/articles.csv/route";
import * as passagesRoute from "../../api/v1/export/passages.csv/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { getDb } from "../db";
import { defaultFilters, type Filters } from "../filters";
import { getCodebook } from "../queries/codebook";
import type { CsvRow } from "./csv";
import { articleRows } from "./csv-articles";
import { passageRows } from "./csv-passages";

/*
 * Both CSV exports on a real PostgreSQL: the real corpus plus an article written here with Korean
 * text, an emoji, quotes, line breaks and formula-like cells, coded by two coders, and an article
 * whose codings are still hidden; then the stored-XSS fixture corpus. Every file is read back with
 * csv-parse and compared with the database, read independently through Prisma.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SECOND = "CSV-D2";
const KOREAN = '서울은 "신중한" 외교로 러시아와 북한의 밀착을 견제해야 한다.';
const BODY = [
  "=SUM(A1:A9) is what a hostile page might start with.",
  `😀 ${KOREAN}`,
  "-2 degrees of tact, @everyone, +1 for diplomacy.",
].join("\n");

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

interface Cell {
  value: string;
  quoted: boolean;
}

async function get(handler: Handler, path: string) {
  const res = await handler(new NextRequest(`http://localhost:3000${path}`), {
    params: Promise.resolve({}),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A CSV read back: its records by column, each cell with whether it was quoted. */
function readCsv(bytes: Buffer): { header: string[]; records: Record<string, Cell>[] } {
  const rows = parse(bytes, {
    bom: true,
    cast: (value, ctx) => ({ value, quoted: ctx.quoting }),
  }) as unknown as Cell[][];
  const header = rows[0].map((c) => c.value);
  const records = rows
    .slice(1)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as Record<string, Cell>);
  return { header, records };
}

/** How a text cell must read after formula neutralisation (written here independently). */
const shown = (text: string | null) =>
  text === null ? "" : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;

const ALL: Filters = defaultFilters({ defaultCoder: "FS-1" });

/** Public passage codes in the database, as rows of the passages CSV would show them. */
async function expectedPassages(where: { outlet?: string; coder?: string; from?: string } = {}) {
  const rows = await getDb().passageCode.findMany({
    where: {
      article: {
        codingsPublic: true,
        ...(where.outlet ? { outlet: { slug: where.outlet } } : {}),
        ...(where.from ? { publishedAt: { gte: new Date(`${where.from}T00:00:00Z`) } } : {}),
      },
      ...(where.coder ? { coder: { key: where.coder } } : {}),
    },
    include: {
      article: { include: { outlet: true } },
      coder: true,
      code: { include: { dimension: true } },
    },
  });
  return rows.map((p) => ({
    article_slug: p.article.slug,
    outlet: p.article.outlet.slug,
    genre: p.article.genre,
    date: p.article.publishedAt.toISOString().slice(0, 10),
    date_precision: p.article.datePrecision,
    coder: p.coder.key,
    dimension: p.code.dimension.key,
    code: p.code.key,
    voice: p.voice,
    start: String(p.start),
    end: String(p.end),
    start_cp: String([...p.article.body.slice(0, p.start)].length),
    end_cp: String([...p.article.body.slice(0, p.end)].length),
    quote: shown(p.quote),
    note: shown(p.note),
  }));
}

const values = (records: Record<string, Cell>[]) =>
  records.map((r) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, c.value])));
const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

/** "slug|coder" of every article and coder with public codes, sorted. */
async function expectedPairs(): Promise<string[]> {
  const pairs = await getDb().$queryRaw<{ slug: string; coder: string }[]>`
    SELECT DISTINCT a.slug, c.key AS coder FROM article a
      JOIN (SELECT article_id, coder_id FROM passage_code
            UNION SELECT article_id, coder_id FROM article_code) x ON x.article_id = a.id
      JOIN coder c ON c.id = x.coder_id
    WHERE a.codings_public`;
  return pairs.map((p) => `${p.slug}|${p.coder}`).sort();
}

async function collect(batches: AsyncIterable<CsvRow[]>): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

/** The article written here: hankyoreh, coded by FS-1 and a second coder, public. */
async function writeFixture() {
  const db = getDb();
  const [outlet, second, fs1] = await Promise.all([
    db.outlet.findUniqueOrThrow({ where: { slug: "hankyoreh" } }),
    db.coder.create({ data: { key: SECOND, name: "Second coder", kind: "person" } }),
    db.coder.findUniqueOrThrow({ where: { key: "FS-1" } }),
  ]);
  const code = async (dimension: string, key: string) =>
    db.code.findFirstOrThrow({ where: { key, dimension: { key: dimension } } });
  const article = (slug: string, codingsPublic: boolean) =>
    db.article.create({
      data: {
        slug,
        outletId: outlet.id,
        headline: `${slug}: 서울의 선택`,
        genre: "editorial",
        publishedAt: new Date("2024-06-15T00:00:00Z"),
        datePrecision: "exact",
        language: "ko",
        sourceFile: `${slug}.txt`,
        body: BODY,
        captions: [],
        contentHash: slug,
        codingsPublic,
      },
    });
  const [shown1, hidden] = await Promise.all([
    article("csv-d-korean", true),
    article("csv-d-hidden", false),
  ]);
  const span = (text: string) => {
    const start = BODY.indexOf(text);
    return { start, end: start + text.length, quote: text };
  };
  const ties = await code("ties", "security_threat");
  const balanced = await code("remedy", "balanced_diplomacy");
  const conflict = await code("generic", "conflict");
  await db.passageCode.createMany({
    data: [
      { ...span("=SUM(A1:A9) is what a hostile page might start with."), codeId: conflict.id },
      { ...span(KOREAN), codeId: ties.id, note: '-2: "따옴표" and a line\r\nbreak' },
      { ...span("+1 for diplomacy."), codeId: balanced.id, note: "@mention" },
    ].flatMap((p) => [
      { ...p, articleId: shown1.id, coderId: fs1.id, voice: "own" as const },
      { ...p, articleId: hidden.id, coderId: fs1.id, voice: "own" as const },
    ]),
  });
  await db.passageCode.create({
    data: {
      ...span(KOREAN),
      articleId: shown1.id,
      coderId: second.id,
      codeId: (await code("ties", "bloc_rivalry")).id,
      voice: "reported",
    },
  });
  const articleCode = async (
    articleId: number,
    coderId: number,
    dimension: string,
    key: string,
  ) => {
    const c = await code(dimension, key);
    await db.articleCode.create({
      data: { articleId, coderId, dimensionId: c.dimensionId, codeId: c.id },
    });
  };
  await articleCode(shown1.id, fs1.id, "weapons", "oppose");
  await articleCode(shown1.id, fs1.id, "tone_gov", "critical");
  await articleCode(shown1.id, second.id, "weapons", "conditional");
  await articleCode(shown1.id, second.id, "tone_gov", "somewhat_supportive");
  await articleCode(hidden.id, fs1.id, "weapons", "support");
  await articleCode(hidden.id, fs1.id, "tone_gov", "supportive");
}

describe("on the real corpus", () => {
  beforeAll(async () => {
    const url = await recreateDatabase("csv_d_real");
    await prepareDatabase(url, { log: () => {} });
    useDatabase(url);
    await writeFixture();
  });

  it("passages.csv: one row per public passage code, equal to the database", async () => {
    const { res, bytes } = await get(passagesRoute.GET, "/api/v1/export/passages.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="framescope-passages.csv"',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, records } = readCsv(bytes);
    expect(header).toEqual([
      "article_slug",
      "outlet",
      "genre",
      "date",
      "date_precision",
      "coder",
      "dimension",
      "code",
      "voice",
      "start",
      "end",
      "start_cp",
      "end_cp",
      "quote",
      "note",
    ]);
    const expected = await expectedPassages();
    expect(records.length).toBeGreaterThan(100);
    expect(sorted(values(records))).toEqual(sorted(expected));
    expect(records.some((r) => r.article_slug.value === "csv-d-hidden")).toBe(false);
    // Offsets are numbers: never quoted, never prefixed.
    for (const r of records)
      for (const k of ["start", "end", "start_cp", "end_cp"]) {
        expect(r[k].quoted).toBe(false);
        expect(r[k].value).toMatch(/^\d+$/);
      }
    // Records end in CRLF; the line break inside a note stays as stored.
    expect(bytes.toString("utf8").split("\r\n").length).toBeGreaterThan(records.length);
  });

  it("keeps Korean text byte for byte, counts code points after an emoji, neutralises formulas", async () => {
    const { bytes } = await get(passagesRoute.GET, "/api/v1/export/passages.csv?outlets=hankyoreh");
    const rows = readCsv(bytes).records.filter((r) => r.article_slug.value === "csv-d-korean");
    const korean = rows.find((r) => r.coder.value === "FS-1" && r.dimension.value === "ties");
    expect(korean?.quote.value).toBe(KOREAN);
    expect(bytes.includes(Buffer.from(`"${KOREAN.replaceAll('"', '""')}"`, "utf8"))).toBe(true);
    expect(korean?.note.value).toBe(`'-2: "따옴표" and a line\r\nbreak`);
    const start = BODY.indexOf(KOREAN);
    expect(korean?.start.value).toBe(String(start));
    expect(korean?.start_cp.value).toBe(String(start - 1)); // the emoji is two UTF-16 units
    const formula = rows.find((r) => r.dimension.value === "generic");
    expect(formula?.quote.value).toBe("'=SUM(A1:A9) is what a hostile page might start with.");
    expect(formula?.start_cp.value).toBe("0");
    const plus = rows.find((r) => r.dimension.value === "remedy");
    expect(plus?.quote.value).toBe("'+1 for diplomacy.");
    expect(plus?.note.value).toBe("'@mention");
    expect(rows.find((r) => r.coder.value === SECOND)?.voice.value).toBe("reported");
  });

  it("filters and coders narrow the rows exactly", async () => {
    const cases: [string, Parameters<typeof expectedPassages>[0]][] = [
      ["?outlets=hankyoreh", { outlet: "hankyoreh" }],
      [`?coder=${SECOND}`, { coder: SECOND }],
      ["?coder=FS-1&from=2024-06-20", { coder: "FS-1", from: "2024-06-20" }],
    ];
    for (const [query, where] of cases) {
      const { bytes } = await get(passagesRoute.GET, `/api/v1/export/passages.csv${query}`);
      const got = values(readCsv(bytes).records);
      expect(got.length, query).toBeGreaterThan(0);
      expect(sorted(got), query).toEqual(sorted(await expectedPassages(where)));
    }
    const both = await get(passagesRoute.GET, `/api/v1/export/passages.csv?coder=FS-1,${SECOND}`);
    // A filtered export's file name says which view it holds.
    expect(both.res.headers.get("content-disposition")).toBe(
      'attachment; filename="framescope-passages_coders-CSV-D2+FS-1.csv"',
    );
    expect(readCsv(both.bytes).records).toHaveLength((await expectedPassages()).length);
  });

  it("articles.csv: one row per article and coder, 0/1 columns equal the passage codes", async () => {
    const { res, bytes } = await get(articlesRoute.GET, "/api/v1/export/articles.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="framescope-articles.csv"',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, records } = readCsv(bytes);
    const codebook = await getCodebook();
    const many = codebook.filter((d) => d.scope === "passage");
    expect(header).toEqual([
      "article_slug",
      "outlet",
      "genre",
      "date",
      "date_precision",
      "language",
      "coder",
      "weapons",
      "tone_gov",
      "tone_gov_value",
      "passages",
      ...many.flatMap((d) => d.codes.map((c) => `${d.key}_${c.key}`)),
    ]);
    for (const h of header) expect(h).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/);

    expect(records.map((r) => `${r.article_slug.value}|${r.coder.value}`).sort()).toEqual(
      await expectedPairs(),
    );
    const db = getDb();

    const passages = await db.passageCode.findMany({
      include: { article: true, coder: true, code: { include: { dimension: true } } },
    });
    const articleCodes = await db.articleCode.findMany({
      include: { article: true, coder: true, code: true, dimension: true },
    });
    for (const r of records) {
      const mine = passages.filter(
        (p) => p.article.slug === r.article_slug.value && p.coder.key === r.coder.value,
      );
      expect(r.passages).toEqual({ value: String(mine.length), quoted: false });
      for (const d of many)
        for (const c of d.codes) {
          const has = mine.some((p) => p.code.dimension.key === d.key && p.code.key === c.key);
          expect(r[`${d.key}_${c.key}`], `${r.article_slug.value} ${d.key}_${c.key}`).toEqual({
            value: has ? "1" : "0",
            quoted: false,
          });
        }
      for (const dim of ["weapons", "tone_gov"]) {
        const ac = articleCodes.find(
          (a) =>
            a.article.slug === r.article_slug.value &&
            a.coder.key === r.coder.value &&
            a.dimension.key === dim,
        );
        expect(r[dim].value).toBe(ac?.code.key ?? "");
        if (dim === "tone_gov")
          expect(r.tone_gov_value).toEqual({ value: String(ac?.code.value ?? ""), quoted: false });
      }
    }
    const critical = records.find(
      (r) => r.article_slug.value === "csv-d-korean" && r.coder.value === "FS-1",
    );
    expect(critical?.tone_gov_value).toEqual({ value: "-2", quoted: false });
    expect(critical?.language.value).toBe("ko");
    expect(records.some((r) => r.article_slug.value === "csv-d-hidden")).toBe(false);
  });

  it("articles.csv narrows by coder and filter", async () => {
    const { bytes } = await get(
      articlesRoute.GET,
      `/api/v1/export/articles.csv?coder=${SECOND}&outlets=hankyoreh`,
    );
    const { records } = readCsv(bytes);
    expect(records.map((r) => [r.article_slug.value, r.coder.value, r.weapons.value])).toEqual([
      ["csv-d-korean", SECOND, "conditional"],
    ]);
    expect(records[0].ties_bloc_rivalry.value).toBe("1");
    expect(records[0].ties_security_threat.value).toBe("0");
    expect(records[0].tone_gov_value.value).toBe("1");
  });

  it("reads in batches of articles: small batches give the same rows as one", async () => {
    const codebook = await getCodebook();
    expect(await collect(passageRows(ALL, [], 2))).toEqual(await collect(passageRows(ALL, [])));
    expect(await collect(articleRows(ALL, [], codebook, 1))).toEqual(
      await collect(articleRows(ALL, [], codebook)),
    );
  });

  it("refuses a bad filter or an unknown coder with a 400 naming the parameter", async () => {
    const cases: [Handler, string, string][] = [
      [passagesRoute.GET, "/api/v1/export/passages.csv?coder=NOBODY", "coder"],
      [articlesRoute.GET, "/api/v1/export/articles.csv?coder=FS-1,NOBODY", "coder"],
      [passagesRoute.GET, "/api/v1/export/passages.csv?from=2024-02-30", "from"],
      [articlesRoute.GET, "/api/v1/export/articles.csv?from=2024-07-01&to=2024-06-01", "to"],
      [passagesRoute.GET, "/api/v1/export/passages.csv?outlets=nowhere", "outlets"],
      [articlesRoute.GET, "/api/v1/export/articles.csv?genres=poetry", "genres"],
      [passagesRoute.GET, "/api/v1/export/passages.csv?unit=words", "unit"],
      [articlesRoute.GET, "/api/v1/export/articles.csv?panel=ties.security_threat", "panel"],
    ];
    for (const [handler, path, param] of cases) {
      const { res, bytes } = await get(handler, path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      const body = JSON.parse(bytes.toString("utf8"));
      expect(
        body.issues.map((i: { param: string }) => i.param),
        path,
      ).toEqual([param]);
    }
    const post = await passagesRoute.POST(
      new NextRequest("http://localhost:3000/api/v1/export/passages.csv", { method: "POST" }),
      { params: Promise.resolve({}) },
    );
    expect(post.status).toBe(405);
  });

  it("a filter that matches nothing gives the header alone", async () => {
    const { res, bytes } = await get(
      passagesRoute.GET,
      "/api/v1/export/passages.csv?from=2030-01-01",
    );
    expect(res.status).toBe(200);
    expect(bytes.toString("utf8")).toMatch(/^\ufeffarticle_slug,[a-z_,]+\r\n$/);
  });
});

describe("on the stored-XSS fixture corpus", () => {
  beforeAll(async () => {
    const url = await recreateDatabase("csv_d_xss");
    await prepareDatabase(url, { seedsDir: `${ROOT}e2e/fixtures/xss-seeds`, log: () => {} });
    useDatabase(url);
  });

  it("markup in quotes and notes comes back exactly as stored, row for row", async () => {
    const { bytes } = await get(passagesRoute.GET, "/api/v1/export/passages.csv");
    const { records } = readCsv(bytes);
    const expected = await expectedPassages();
    expect(records.length).toBeGreaterThan(0);
    expect(sorted(values(records))).toEqual(sorted(expected));
    expect(values(records).some((r) => r.quote.includes("<script>"))).toBe(true);
  });

  it("articles.csv has one row per article and coder", async () => {
    const { bytes } = await get(articlesRoute.GET, "/api/v1/export/articles.csv");
    const { records } = readCsv(bytes);
    const pairs = await expectedPairs();
    expect(pairs).toContain("xss-gazette-warnings|XSS-1");
    expect(records.map((r) => `${r.article_slug.value}|${r.coder.value}`).sort()).toEqual(pairs);
  });
});
