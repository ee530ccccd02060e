import fc from "fast-check";
import iconv from "iconv-lite";
import { NextRequest } from "next/server";
import { Client } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/articles/route";
import { POST as previewRoute } from "@/app/api/v1/articles/preview/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { rollupDifferences } from "../../../scripts/lib/testing/rollups";
import {
  recreateDatabase,
  tableChecksums,
  useDatabase,
} from "../../../scripts/lib/testing/database";
import { createApiToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { getDb } from "../db";
import { MAX_INGEST_BYTES } from "../ingest/ingest";

/**
 * Importing pages (issue 10 §2) through the route handlers, in process, with real API tokens on a
 * real PostgreSQL holding the seed corpus.
 */

let url: string;
let adminToken: string;
let coderToken: string;

const ORIGIN = "http://localhost:3000";

// A fixture page in the shape the ingest reads (not a seed page).
const PAGE = [
  "Home > Opinion > Editorials",
  "[Editorial] Fixture Daily weighs Seoul's next step on Ukraine",
  "Posted on : 2024-07-02 10:00 KST",
  "A standfirst that sums the piece up.",
  "By Test Writer, staff reporter",
  "The government must weigh every option before it sends anything to Kyiv.",
  "Lawmakers said the decision should wait until the treaty text is public.",
  "▲ Leaders shake hands in Pyongyang. (Yonhap)",
  "A third paragraph closes the editorial.",
  "Copyright 2024 Fixture Daily",
  "Related stories",
].join("\n");

/** A page of its own for each test that stores one, so no two share a content hash. */
function page(title: string, stated: string | null = "2024-07-02"): string {
  return [
    title,
    ...(stated ? [`Posted on : ${stated} 09:00 KST`] : []),
    "By Test Writer",
    `The first paragraph of "${title}" says what happened.`,
    "The second paragraph says what it means for Seoul.",
  ].join("\n");
}

const META = {
  filename: "fixture.txt",
  outlet: "hankyoreh",
  genre: "editorial",
  language: "en",
  published: { date: "2024-07-02", precision: "exact" },
};

function request(
  path: string,
  init: { body?: BodyInit; type?: string; token?: string | null; headers?: HeadersInit } = {},
): NextRequest {
  const headers = new Headers(init.headers);
  if (init.type) headers.set("content-type", init.type);
  const token = init.token === undefined ? adminToken : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    headers,
    body: init.body,
    // A streamed body needs the half-duplex mode Node's fetch asks for.
    duplex: "half",
  } as NonNullable<ConstructorParameters<typeof NextRequest>[1]>);
}

const ctx = { params: Promise.resolve({}) };

async function postJson(body: unknown, token?: string | null) {
  const res = await importRoute(
    request("/api/v1/articles", { body: JSON.stringify(body), type: "application/json", token }),
    ctx,
  );
  return { status: res.status, json: await res.json() };
}

async function postForm(form: FormData, path = "/api/v1/articles") {
  const req = request(path, { body: form });
  const res = await (path.endsWith("preview") ? previewRoute : importRoute)(req, ctx);
  return { status: res.status, json: await res.json() };
}

function formOf(fields: Record<string, string | string[]>, file?: Blob, name = "page.txt") {
  const form = new FormData();
  if (file) form.set("file", file, name);
  for (const [k, v] of Object.entries(fields))
    for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  return form;
}

const FORM_META = {
  outlet: "hankyoreh",
  genre: "editorial",
  language: "en",
  "published.date": "2024-07-02",
  "published.precision": "exact",
};

/** Every table's checksum; API tokens left out (their last use is stamped once a minute). */
async function snapshot(): Promise<Record<string, string>> {
  const { api_token: _tokens, ...rest } = await tableChecksums(url);
  return rest;
}

/** Asserts that a refused request changed no row, and returns its reply. */
async function refused<T>(run: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await run();
  expect(await snapshot()).toEqual(before);
  return result;
}

beforeAll(async () => {
  url = await recreateDatabase("t_import_h4", { migrate: false });
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  const admin = await createUser({
    email: "editor@example.org",
    password: "a long enough password",
    role: "admin",
    coderKey: "ED-1",
  });
  const coder = await createUser({
    email: "coder@example.org",
    password: "a long enough password",
    role: "coder",
    coderKey: "CO-1",
  });
  await createUser({
    email: "coder2@example.org",
    password: "a long enough password",
    role: "coder",
    coderKey: "CO-2",
  });
  adminToken = await createApiToken(admin.id, "import tests");
  coderToken = await createApiToken(coder.id, "import tests");
}, 120_000);

describe("POST /api/v1/articles stores a page as an article", () => {
  it("JSON: 201 with a slug from outlet, date and headline; the ingest's fields stored", async () => {
    const { status, json } = await postJson({ source: PAGE, ...META });
    expect(status).toBe(201);
    expect(json).toEqual({
      slug: "hankyoreh-2024-07-02-fixture-daily-weighs-seouls-next-step-on-ukraine",
    });
    const row = await getDb().article.findUniqueOrThrow({
      where: { slug: json.slug },
      include: { outlet: true, assignments: true },
    });
    expect(row).toMatchObject({
      headline: "Fixture Daily weighs Seoul's next step on Ukraine",
      headlineLabel: "Editorial",
      standfirst: "A standfirst that sums the piece up.",
      byline: "Test Writer, staff reporter",
      genre: "editorial",
      language: "en",
      datePrecision: "exact",
      dateReason: "The page states its publication date, 2024-07-02.",
      sourceFile: "fixture.txt",
      captions: ["Leaders shake hands in Pyongyang. (Yonhap)"],
      origin: "app",
      synthetic: false,
      codingsPublic: true,
    });
    expect(row.publishedAt.toISOString().slice(0, 10)).toBe("2024-07-02");
    expect(row.body).toBe(
      "The government must weigh every option before it sends anything to Kyiv.\n\n" +
        "Lawmakers said the decision should wait until the treaty text is public.\n\n" +
        "A third paragraph closes the editorial.",
    );
    expect(row.outlet.slug).toBe("hankyoreh");
    expect(row.assignments).toEqual([]);
  });

  it("multipart: the file's bytes, assigned coders (private codings) and a new outlet", async () => {
    const form = formOf({
      ...FORM_META,
      outlet: "",
      "newOutlet.slug": "fixture-weekly",
      "newOutlet.name": "The Fixture Weekly",
      "newOutlet.shortName": "Fixture",
      "newOutlet.country": "KR",
      "newOutlet.language": "en",
      "newOutlet.kind": "weekly",
      "newOutlet.orientation": "centrist",
      "newOutlet.orientationSource": "Described so by its own masthead.",
      "published.date": "2024-06-01",
      "published.precision": "inferred",
      "published.reason": "Written the day after the event it reports.",
      genre: "news_report",
      assign: ["CO-1", "CO-2"],
    });
    form.set("file", new Blob([page("Fixture Weekly reports the summit", null)]), "weekly.html");
    const { status, json } = await postForm(form);
    expect(status).toBe(201);
    expect(json.slug).toBe("fixture-weekly-2024-06-01-fixture-weekly-reports-the-summit");
    const row = await getDb().article.findUniqueOrThrow({
      where: { slug: json.slug },
      include: {
        outlet: true,
        assignments: { include: { coder: true }, orderBy: { coderId: "asc" } },
      },
    });
    expect(row).toMatchObject({
      datePrecision: "inferred",
      dateReason: "Written the day after the event it reports.",
      sourceFile: "weekly.html",
      genre: "news_report",
      codingsPublic: false,
    });
    expect(row.outlet).toMatchObject({
      name: "The Fixture Weekly",
      orientation: "centrist",
      orientationSource: "Described so by its own masthead.",
      origin: "app",
    });
    expect(row.assignments.map((a) => [a.coder.key, a.version, a.doneAt, a.origin])).toEqual([
      ["CO-1", 0, null, "app"],
      ["CO-2", 0, null, "app"],
    ]);
    const history = await getDb().codingHistory.findMany({ where: { articleId: row.id } });
    expect(history.map((h) => h.action)).toEqual(["assign", "assign"]);
  });

  it("the same headline on the same day gets the next free slug", async () => {
    const body = (n: number) =>
      `Same headline for two pages\nPosted on : 2024-07-03\n\nParagraph number ${n} differs.`;
    const meta = { ...META, published: { date: "2024-07-03", precision: "exact" } };
    const first = await postJson({ source: body(1), ...meta });
    const second = await postJson({ source: body(2), ...meta });
    expect(first.json.slug).toBe("hankyoreh-2024-07-03-same-headline-for-two-pages");
    expect(second.json.slug).toBe("hankyoreh-2024-07-03-same-headline-for-two-pages-2");
  });

  it("keeps every rollup equal to refresh_rollups() after imports", async () => {
    await postJson({
      source: page("Rollup check page", "2023-02-11"),
      ...META,
      genre: "column",
      published: { date: "2023-02-11", precision: "exact" },
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const counts = await client.query(`SELECT sum(articles)::int AS n FROM article_rollup_month`);
      const articles = await client.query(`SELECT count(*)::int AS n FROM article`);
      expect(counts.rows[0].n).toBe(articles.rows[0].n);
      expect(await rollupDifferences(url)).toEqual({});
    } finally {
      await client.end();
    }
  });
});

describe("refusals name the field and change nothing", () => {
  it("409 for a page already in the corpus, naming the article", async () => {
    const { status, json } = await refused(() => postJson({ source: PAGE, ...META }));
    expect(status).toBe(409);
    const slug = "hankyoreh-2024-07-02-fixture-daily-weighs-seouls-next-step-on-ukraine";
    expect(json.slug).toBe(slug);
    expect(json.error).toContain(slug);
  });

  it("409 for a seed page uploaded again", async () => {
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync("seeds/sources/000_90780b918d3af19f.txt");
    const form = formOf({ ...FORM_META, "published.date": "2024-06-14" });
    form.set("file", new Blob([bytes]), "again.txt");
    const { status, json } = await refused(() => postForm(form));
    expect(status).toBe(409);
    expect(json.slug).toBe("hankyoreh-tact-and-diplomacy");
  });

  const fresh = page("A page nobody imported yet");
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["no genre", { genre: undefined }, "genre", /editorial/],
    ["an unknown genre", { genre: "opinion" }, "genre", /editorial/],
    ["a bad language", { language: "English" }, "language", /ISO 639-1/],
    ["no outlet", { outlet: undefined }, "outlet", /choose an outlet/],
    ["an unknown outlet", { outlet: "nowhere-daily" }, "outlet", /no outlet nowhere-daily/],
    ["a file name with a path", { filename: "../etc/page.txt" }, "filename", /not a path/],
    ["no date", { published: { precision: "exact" } }, "published.date", /./],
    [
      "an impossible date",
      { published: { date: "2024-02-30", precision: "exact" } },
      "published.date",
      /real date/,
    ],
    [
      "a future date",
      { published: { date: "2999-01-01", precision: "inferred", reason: "guess" } },
      "published.date",
      /future/,
    ],
    [
      "an exact date the page does not state",
      { published: { date: "2024-07-01", precision: "exact" } },
      "published.date",
      /states 2024-07-02/,
    ],
    [
      "an inferred date without a reason",
      { published: { date: "2024-07-01", precision: "inferred" } },
      "published.reason",
      /required/,
    ],
    [
      "an inferred date with a blank reason",
      { published: { date: "2024-07-01", precision: "inferred", reason: "   " } },
      "published.reason",
      /required/,
    ],
    [
      "a bad precision",
      { published: { date: "2024-07-02", precision: "rough" } },
      "published.precision",
      /exact or inferred/,
    ],
    ["an unknown coder", { assign: ["NOBODY"] }, "assign.0", /no coder NOBODY/],
    ["a coder without an account", { assign: ["CO-1", "FS-1"] }, "assign.1", /no active account/],
    ["a coder twice", { assign: ["CO-1", "CO-1"] }, "assign", /twice/],
    ["a bad coder key", { assign: ["a b"] }, "assign.0", /letters, digits/],
    ["an unknown field", { colour: "red" }, "colour", /not a field/],
    [
      "an orientation without its source",
      {
        outlet: undefined,
        newOutlet: {
          slug: "new-daily",
          name: "New Daily",
          shortName: "New",
          country: "KR",
          language: "en",
          kind: "daily",
          orientation: "progressive",
        },
      },
      "newOutlet.orientationSource",
      /needs its source/,
    ],
    [
      "a new outlet whose slug exists",
      {
        outlet: undefined,
        newOutlet: {
          slug: "hankyoreh",
          name: "Another Hankyoreh",
          shortName: "Hani",
          country: "KR",
          language: "en",
          kind: "daily",
        },
      },
      "newOutlet.slug",
      /exists already/,
    ],
    [
      "a new outlet with a bad country",
      {
        outlet: undefined,
        newOutlet: {
          slug: "new-daily",
          name: "New Daily",
          shortName: "New",
          country: "Korea",
          language: "en",
          kind: "daily",
        },
      },
      "newOutlet.country",
      /ISO 3166/,
    ],
  ];
  for (const [name, change, param, message] of cases) {
    it(`400 for ${name}: ${param}`, async () => {
      const body = { source: fresh, ...META, ...change };
      const { status, json } = await refused(() => postJson(body));
      expect(status).toBe(400);
      const issue = json.issues.find((i: { param: string }) => i.param === param);
      expect(issue, JSON.stringify(json)).toBeDefined();
      expect(issue.message).toMatch(message);
      expect(json.error).toContain(param);
    });
  }

  it("400 naming every wrong field at once", async () => {
    const body = {
      source: fresh,
      filename: "fixture.txt",
      language: "en",
      published: { date: "2024-07-01", precision: "inferred" },
    };
    const { status, json } = await refused(() => postJson(body));
    expect(status).toBe(400);
    expect(json.issues.map((i: { param: string }) => i.param).sort()).toEqual([
      "genre",
      "outlet",
      "published.reason",
    ]);
  });

  it("400 for an exact date on a page that states none: published.precision", async () => {
    const body = { source: page("A page without a date", null), ...META };
    const { status, json } = await refused(() => postJson(body));
    expect(status).toBe(400);
    expect(json.issues).toEqual([
      { param: "published.precision", message: expect.stringMatching(/mark it inferred/) },
    ]);
  });

  it("400 for a page with no headline or no body: source", async () => {
    for (const source of ["", "   \n\n", "Only a headline, nothing else"]) {
      const { status, json } = await refused(() => postJson({ source, ...META }));
      expect(status).toBe(400);
      expect(json.issues[0].param).toBe("source");
      expect(json.issues[0].message).toMatch(/no (headline|body text) found/);
    }
  });

  it("400 for a body that is not JSON, or not an object, or has no source", async () => {
    const post = (body: string) =>
      importRoute(request("/api/v1/articles", { body, type: "application/json" }), ctx).then(
        async (r) => ({ status: r.status, json: await r.json() }),
      );
    for (const [body, param] of [
      ["{not json", "body"],
      ["[1,2]", "body"],
      [JSON.stringify({ ...META }), "source"],
      [JSON.stringify({ ...META, source: 42 }), "source"],
    ]) {
      const { status, json } = await refused(() => post(body));
      expect(status).toBe(400);
      expect(json.issues[0].param).toBe(param);
    }
  });

  it("401 without credentials or with a bad token, 403 for a coder", async () => {
    const body = { source: fresh, ...META };
    expect((await refused(() => postJson(body, null))).status).toBe(401);
    expect((await refused(() => postJson(body, "fst_not-a-real-token"))).status).toBe(401);
    const coder = await refused(() => postJson(body, coderToken));
    expect(coder.status).toBe(403);
    expect(coder.json.error).toMatch(/admin/);
  });
});

describe("hostile uploads get a clear error and change nothing", () => {
  it("415 for a body that is neither JSON nor multipart", async () => {
    const res = await refused(() =>
      importRoute(request("/api/v1/articles", { body: PAGE, type: "text/plain" }), ctx),
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatch(/JSON|multipart/);
  });

  it("415 for a file that is not .txt or .html, by name or by type", async () => {
    const pdfName = formOf(FORM_META, new Blob([page("Named as a PDF")]), "page.pdf");
    const byName = await refused(() => postForm(pdfName));
    expect(byName.status).toBe(415);
    expect(byName.json.issues[0].param).toBe("filename");
    const pdfType = formOf(
      FORM_META,
      new Blob([page("Typed as a PDF")], { type: "application/pdf" }),
      "page.txt",
    );
    const byType = await refused(() => postForm(pdfType));
    expect(byType.status).toBe(415);
    expect(byType.json.issues[0].param).toBe("file");
    const json = await refused(() =>
      postJson({ source: page("Named as a document"), ...META, filename: "page.docx" }),
    );
    expect(json.status).toBe(415);
  });

  it("415 for a binary file (an image named .txt)", async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from("IHDR"),
      Buffer.alloc(64, 7),
    ]);
    const { status, json } = await refused(() =>
      postForm(formOf(FORM_META, new Blob([png]), "photo.txt")),
    );
    expect(status).toBe(415);
    expect(json.error).toMatch(/binary/);
    expect(json.issues[0]).toMatchObject({ param: "file" });
    const preview = await refused(() =>
      postForm(formOf({}, new Blob([png]), "photo.txt"), "/api/v1/articles/preview"),
    );
    expect(preview.status).toBe(415);
  });

  it("400 for binary text pasted as JSON", async () => {
    const source = `Headline\n${"\u0001\u0002\u0003binary".repeat(200)}`;
    const { status, json } = await refused(() => postJson({ source, ...META }));
    expect(status).toBe(400);
    expect(json.issues[0]).toMatchObject({
      param: "source",
      message: expect.stringMatching(/binary/),
    });
  });

  it("400 for a file that is not UTF-8 (an EUC-KR page as its raw bytes), naming the offset", async () => {
    const text = page("Korean page saved as EUC-KR");
    const bytes = Buffer.concat([
      Buffer.from(text),
      Buffer.from("\n"),
      iconv.encode("북러 정상회담 이후 한국 외교", "euc-kr"),
    ]);
    const { status, json } = await refused(() =>
      postForm(formOf(FORM_META, new Blob([bytes]), "euc-kr.txt")),
    );
    expect(status).toBe(400);
    expect(json.issues[0]).toEqual({
      param: "file",
      message: expect.stringMatching(
        new RegExp(`not valid UTF-8 \\(first bad byte at offset ${Buffer.byteLength(text) + 1}\\)`),
      ),
    });
  });

  it("413 for a 50 MB body, by Content-Length, without reading it", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const req = request("/api/v1/articles", {
      body: stream,
      type: "application/json",
      headers: { "content-length": String(50 * 1024 * 1024) },
    });
    const res = await refused(() => importRoute(req, ctx));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 10 MB/);
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it("413 for a 50 MB streamed body without Content-Length, counted as it arrives", async () => {
    const MB = 1024 * 1024;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 50 * MB) return controller.close();
        sent += MB;
        controller.enqueue(new Uint8Array(MB).fill(0x61));
      },
    });
    const req = request("/api/v1/articles", {
      body: stream,
      type: "multipart/form-data; boundary=x",
    });
    const res = await refused(() => importRoute(req, ctx));
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(15 * MB);
  });

  it("413 for a page over 10 MB that fits in the request", async () => {
    const source = `Big page\n${"a".repeat(MAX_INGEST_BYTES)}`;
    const { status, json } = await refused(() => postJson({ source, ...META }));
    expect(status).toBe(413);
    expect(json.error).toMatch(/source is larger than 10 MB/);
  });

  it("an EUC-KR page read as Latin-1 is repaired, as in the CLI", async () => {
    const mojibake = (s: string) => iconv.encode(s, "euc-kr").toString("latin1");
    const source = [
      "Campus Tribune tracks the summit fallout",
      "By Kim So-ha",
      `${mojibake("▲")} North Korean leader Kim Jong-un (Source : Yonhap News)`,
      `The reporter ${mojibake("김소하")} (Kim So-ha) wrote this report from the newsroom.`,
      "A second paragraph says what students think about the summit.",
    ].join("\n");
    const preview = await postForm(
      formOf({}, new Blob([source]), "tribune.txt"),
      "/api/v1/articles/preview",
    );
    expect(preview.status).toBe(200);
    expect(preview.json.warnings).toContain(
      "repaired 2 Korean text run(s) that had been decoded as Latin-1",
    );
    const form = formOf({
      ...FORM_META,
      "published.date": "2023-09-21",
      "published.precision": "inferred",
      "published.reason": "Reports the 20 September speech as yesterday's.",
    });
    form.set("file", new Blob([source]), "tribune.txt");
    const { status, json } = await postForm(form);
    expect(status).toBe(201);
    const row = await getDb().article.findUniqueOrThrow({ where: { slug: json.slug } });
    expect(row.body).toContain("The reporter 김소하 (Kim So-ha) wrote");
    expect(row.captions).toEqual(["North Korean leader Kim Jong-un (Source : Yonhap News)"]);
  });

  it("markup everywhere is stored verbatim, as text", async () => {
    const SCRIPT = "<script>window.__xss=1</script>";
    const IMG = '<img src=x onerror="window.__xss=1">';
    const source = [
      `${SCRIPT} Seoul & Moscow ${IMG} trade warnings`,
      "Posted on : 2024-07-04 08:00 KST",
      `Standfirst "><svg onload=window.__xss=1> in it`,
      `By <u id="x">Kim Reporter</u> ${SCRIPT}`,
      `Body text with ${IMG} and <a href="javascript:alert(1)">a link</a>.`,
      `▲ Leaders meet ${IMG} in Pyongyang. (Yonhap)`,
    ].join("\n");
    const { status, json } = await postJson({
      source,
      ...META,
      filename: "markup.html",
      outlet: undefined,
      newOutlet: {
        slug: "markup-gazette",
        name: `${SCRIPT} Gazette`,
        shortName: `<b>Gazette</b>`,
        country: "KR",
        language: "en",
        kind: "daily",
      },
      published: { date: "2024-07-04", precision: "exact", reason: `Stated ${SCRIPT}` },
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.slug).toBe("markup-gazette-2024-07-04-script-window-xss-1-script-seoul-moscow-img");
    const row = await getDb().article.findUniqueOrThrow({
      where: { slug: json.slug },
      include: { outlet: true },
    });
    expect(row.headline).toBe(`${SCRIPT} Seoul & Moscow ${IMG} trade warnings`);
    expect(row.standfirst).toBe(`Standfirst "><svg onload=window.__xss=1> in it`);
    expect(row.byline).toBe(`<u id="x">Kim Reporter</u> ${SCRIPT}`);
    expect(row.body).toBe(`Body text with ${IMG} and <a href="javascript:alert(1)">a link</a>.`);
    expect(row.captions).toEqual([`Leaders meet ${IMG} in Pyongyang. (Yonhap)`]);
    expect(row.dateReason).toBe(`Stated ${SCRIPT}`);
    expect(row.outlet.name).toBe(`${SCRIPT} Gazette`);
  });
});

describe("fuzzed input never answers 5xx", () => {
  const STATUSES = [201, 400, 409, 413, 415];

  it("random bytes as the uploaded file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const form = formOf({
          ...FORM_META,
          "published.precision": "inferred",
          "published.reason": "fuzz",
        });
        form.set("file", new Blob([bytes]), "fuzz.txt");
        const { status, json } = await postForm(form);
        expect(STATUSES, JSON.stringify(json)).toContain(status);
        expect(typeof json.error === "string" || status === 201).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("random JSON values in every field", async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
    );
    const body = fc.record(
      {
        source: fc.oneof(value, fc.string({ unit: "binary", maxLength: 500 })),
        filename: value,
        outlet: value,
        newOutlet: value,
        genre: value,
        language: value,
        published: fc.oneof(
          value,
          fc.record({ date: value, precision: value, reason: value }, { requiredKeys: [] }),
        ),
        assign: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status, json } = await postJson(b);
        expect([400, 413, 415], JSON.stringify(json)).toContain(status);
      }),
      { numRuns: 60 },
    );
  });
});

describe("POST /api/v1/articles/preview", () => {
  it("gives the ingest's result and names the article a page duplicates", async () => {
    const res = await previewRoute(
      request("/api/v1/articles/preview", {
        body: JSON.stringify({ source: PAGE }),
        type: "application/json",
      }),
      ctx,
    );
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({
      headline: "Fixture Daily weighs Seoul's next step on Ukraine",
      byline: "Test Writer, staff reporter",
      publishedAt: "2024-07-02",
      captions: ["Leaders shake hands in Pyongyang. (Yonhap)"],
      warnings: [],
      duplicate: {
        slug: "hankyoreh-2024-07-02-fixture-daily-weighs-seouls-next-step-on-ukraine",
      },
    });
    const fresh = await postForm(
      formOf({}, new Blob([page("Never imported")]), "new.txt"),
      "/api/v1/articles/preview",
    );
    expect(fresh.json.duplicate).toBeNull();
    expect(fresh.json.bytes).toBe(Buffer.byteLength(page("Never imported")));
  });

  it("warns that an HTML document keeps its tags as text", async () => {
    const html = `<!DOCTYPE html>\n<html><body>\n<h1>Headline</h1>\n<p>Body.</p>\n</body></html>`;
    const { status, json } = await postForm(
      formOf({}, new Blob([html], { type: "text/html" }), "page.html"),
      "/api/v1/articles/preview",
    );
    expect(status).toBe(200);
    expect(json.warnings.join(" ")).toMatch(/HTML markup/);
  });

  it("is for admins only", async () => {
    const res = await previewRoute(
      request("/api/v1/articles/preview", {
        body: JSON.stringify({ source: PAGE }),
        type: "application/json",
        token: coderToken,
      }),
      ctx,
    );
    expect(res.status).toBe(403);
  });
});
