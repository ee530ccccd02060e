import http from "node:http";
import {
  type APIRequestContext,
  type APIResponse,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { Client } from "pg";
import {
  CHECKED_TABLES,
  CODING_BASE_URL as BASE,
  codingChecksum,
  codingSql,
  createAccount,
  createToken,
  PASSWORD,
  uniqueCoderKey,
} from "./accounts";
import { emptyProject, guid, QDA_NAMESPACE, qdpx, zip } from "./qdpx";

/*
 * Hostile requests against every endpoint that signs in, imports or codes, sent with credentials
 * that hold (an admin's API token, a coder's session with the Origin header, the coder assigned to
 * an imported fixture article), so that what is refused is the input itself. Every answer is a
 * 4xx with a JSON `error` (a 400 also names the field in `issues[].param`), a refused request
 * changes no row, and nothing in this file is ever answered with a 5xx.
 */

const TEN_KB = "n".repeat(10 * 1024);
const LONG_SLUG = "s".repeat(5000);
const MB = 1024 * 1024;

// Every status seen in this file; the last test asserts none was a 5xx.
const seen: { what: string; status: number }[] = [];
function record(what: string, status: number): void {
  seen.push({ what, status });
  expect.soft(status, `${what} must never be a server error`).toBeLessThan(500);
}

type Issue = { param: string; message: string };
type Send = () => Promise<APIResponse>;

/** A request that must be refused: its status, and for a 400 the field `issues[].param` names. */
interface Refusal {
  name: string;
  send: Send;
  status: number;
  param?: string;
  /** what `error` (or, with `param`, that issue's message) must say */
  says?: RegExp;
}

interface Fixture {
  slug: string;
  bodyLength: number;
  coderKey: string;
  otherKey: string;
  coderEmail: string;
  adminUserId: string;
  coderUserId: string;
  tokenId: number;
  /** The coder's passage (PATCH and DELETE target it). */
  passageId: number;
  /** A history entry of a deleted passage (restorable) and one of an added passage (not). */
  deletedHistoryId: number;
  addedHistoryId: number;
  /** A passage of another coder (the seed coding). */
  seedPassageId: number;
}

let admin: APIRequestContext;
let coder: APIRequestContext;
let other: APIRequestContext;
let anonymous: APIRequestContext;
let adminToken: string;
let fx: Fixture;
let db: Client;
const disposables: APIRequestContext[] = [];

async function context(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers });
  disposables.push(ctx);
  return ctx;
}

// Each sign-in acts as its own client address (TRUST_PROXY=1), so the failure limit of one test
// never locks out another spec.
let client = 0;
const nextClient = () => `10.66.${Math.floor(client / 250) % 250}.${(client++ % 250) + 1}`;

async function sessionContext(email: string): Promise<APIRequestContext> {
  const ctx = await context({ Origin: BASE });
  const res = await ctx.post("/api/auth/sign-in/email", {
    data: { email, password: PASSWORD },
    headers: { "X-Forwarded-For": nextClient() },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ctx;
}

// A page of this worker's own: a retry imports it afresh instead of hitting the duplicate check.
const RUN = Math.random().toString(36).slice(2, 8);
const PAGE =
  `Seoul weighs a hostile question ${RUN}\nBy H. Ostile\n\n` +
  "Officials in Seoul said on Thursday that the pact between Moscow and Pyongyang changes the " +
  "calculus of arms support to Ukraine. " +
  "Analysts in the capital disagree about what the government should do next. ".repeat(12);

function importBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: PAGE,
    filename: "hostile-fixture.txt",
    outlet: "hankyoreh",
    genre: "news_report",
    language: "en",
    published: {
      date: "2024-06-20",
      precision: "inferred",
      reason: "hostile-suite fixture: the page states no date",
    },
    ...overrides,
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  db = new Client({ connectionString: process.env.E2E_CODING_DATABASE_URL });
  await db.connect();
  const coderKey = uniqueCoderKey("HX-C");
  const otherKey = uniqueCoderKey("HX-O");
  const [adminEmail, coderEmail, otherEmail] = await Promise.all([
    createAccount({ who: "hostile-admin", role: "admin", coderKey: uniqueCoderKey("HX-A") }),
    createAccount({ who: "hostile-coder", role: "coder", coderKey }),
    createAccount({ who: "hostile-other", role: "coder", coderKey: otherKey }),
  ]);
  adminToken = await createToken(adminEmail);
  admin = await context({ Authorization: `Bearer ${adminToken}` });
  coder = await sessionContext(coderEmail);
  other = await sessionContext(otherEmail);
  anonymous = await context({ Origin: BASE });

  const imported = await admin.post("/api/v1/articles", { data: importBody() });
  expect(imported.status(), await imported.text()).toBe(201);
  const { slug } = (await imported.json()) as { slug: string };
  const assigned = await admin.post(`/api/v1/articles/${slug}/assignments`, {
    data: { coder: coderKey },
  });
  expect(assigned.status(), await assigned.text()).toBe(201);
  const add = async (start: number, baseVersion: number) => {
    const res = await coder.post(`/api/v1/articles/${slug}/passages`, {
      data: { dimension: "ties", code: "security_threat", start, end: start + 20, baseVersion },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { version: number; passage: { id: number } };
  };
  const kept = await add(60, 0);
  const gone = await add(100, kept.version);
  const deleted = await coder.delete(`/api/v1/passages/${gone.passage.id}`, {
    data: { baseVersion: gone.version },
  });
  expect(deleted.status(), await deleted.text()).toBe(200);

  const [row] = await codingSql<{ body: string }>("SELECT body FROM article WHERE slug = $1", [
    slug,
  ]);
  const [history] = await codingSql<{ deleted: string; added: string }>(
    `SELECT (SELECT id::text FROM coding_history WHERE passage_id = $1 AND action = 'passage.delete') AS deleted,
            (SELECT id::text FROM coding_history WHERE passage_id = $2 AND action = 'passage.add') AS added`,
    [gone.passage.id, kept.passage.id],
  );
  const [ids] = await codingSql<{ admin: string; coder: string; token: number; seed: number }>(
    `SELECT (SELECT id FROM auth_user WHERE email = $1) AS admin,
            (SELECT id FROM auth_user WHERE email = $2) AS coder,
            (SELECT t.id FROM api_token t JOIN auth_user u ON u.id = t.user_id WHERE u.email = $1) AS token,
            (SELECT min(p.id) FROM passage_code p WHERE p.origin = 'seed') AS seed`,
    [adminEmail, coderEmail],
  );
  fx = {
    slug,
    bodyLength: row.body.length,
    coderKey,
    otherKey,
    coderEmail,
    adminUserId: ids.admin,
    coderUserId: ids.coder,
    tokenId: Number(ids.token),
    passageId: kept.passage.id,
    deletedHistoryId: Number(history.deleted),
    addedHistoryId: Number(history.added),
    seedPassageId: Number(ids.seed),
  };
  // The server notes a token's last use at most once a minute; a last use ahead of now keeps it
  // from doing so here, where it would show up as a changed row.
  await db.query("UPDATE api_token SET last_used_at = '2100-01-01' WHERE id = $1", [fx.tokenId]);
});

test.afterAll(async () => {
  await Promise.all(disposables.map((c) => c.dispose()));
  await db?.end();
});

/** The coder's current version of the fixture article. */
async function version(): Promise<number> {
  const res = await coder.get(`/api/v1/articles/${fx.slug}/codings?coder=me`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

/** A raw body with the content type given (none when undefined). */
function raw(
  ctx: APIRequestContext,
  method: string,
  url: string,
  body: string | Buffer,
  type?: string,
): Promise<APIResponse> {
  return ctx.fetch(url, {
    method,
    data: typeof body === "string" ? Buffer.from(body) : body,
    headers: type ? { "Content-Type": type } : {},
  });
}

/** A JSON body (serialised as given, so wrong types reach the server as they are). */
function json(ctx: APIRequestContext, method: string, url: string, body: unknown) {
  return raw(ctx, method, url, JSON.stringify(body), "application/json");
}

/**
 * The checksum codingChecksum() takes, of the same tables, in one query on one open connection:
 * quick enough to take around every request.
 */
async function quickChecksum(): Promise<Record<string, string>> {
  const columns = CHECKED_TABLES.map(
    (t) =>
      `(SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "${t}" t) AS "${t}"`,
  );
  const { rows } = await db.query(`SELECT ${columns.join(", ")}`);
  return rows[0] as Record<string, string>;
}

/**
 * Sends one request that must be refused and checks the answer: the status, JSON with `error`,
 * the field a 400 names, and that no row changed.
 */
async function expectRefused(c: Refusal): Promise<void> {
  const before = await quickChecksum();
  const res = await c.send();
  record(c.name, res.status());
  const text = await res.text();
  expect.soft(res.status(), `${c.name}: ${text.slice(0, 300)}`).toBe(c.status);
  expect.soft(res.headers()["content-type"] ?? "", `${c.name}: JSON`).toContain("application/json");
  let body: { error?: unknown; issues?: Issue[]; version?: unknown } = {};
  try {
    body = JSON.parse(text);
  } catch {
    expect.soft(text, `${c.name}: the body is JSON`).toBe("JSON");
  }
  expect.soft(typeof body.error, `${c.name}: a JSON error message`).toBe("string");
  if (c.status === 400) {
    const params = (body.issues ?? []).map((i) => i.param);
    expect.soft(params.length, `${c.name}: 400 lists its issues`).toBeGreaterThan(0);
    if (c.param) expect.soft(params, `${c.name}: names the field`).toContain(c.param);
  }
  if (c.says) {
    const said = c.param
      ? (body.issues ?? []).filter((i) => i.param === c.param).map((i) => i.message)
      : [String(body.error)];
    expect.soft(said.join(" | "), `${c.name}: says what is wrong`).toMatch(c.says);
  }
  if (c.status === 409 && /version/i.test(String(body.error)))
    expect
      .soft(typeof body.version, `${c.name}: a stale write answers the current version`)
      .toBe("number");
  // Nothing from the file system, the database engine or a stack trace leaks into an answer.
  expect
    .soft(text, c.name)
    .not.toMatch(/root:x:|PrismaClient|PostgreSQL|invalid byte|\bat [\w.]+ \(/);
  expect.soft(await quickChecksum(), `${c.name}: no row changed`).toEqual(before);
}

/** Each request refused, none changing a row (and codingChecksum() agrees over the whole list). */
async function expectAllRefused(cases: Refusal[]): Promise<void> {
  const before = await codingChecksum();
  for (const c of cases) await expectRefused(c);
  expect(await codingChecksum()).toEqual(before);
}

/** The refusals every JSON write shares: content type, size, not JSON, not an object. */
function bodyShapeCases(
  name: string,
  ctx: APIRequestContext,
  method: string,
  url: string,
  valid: unknown,
  limit = 256 * 1024,
): Refusal[] {
  const text = JSON.stringify(valid);
  const padded = JSON.stringify({ ...(valid as object), padding: "x".repeat(limit + 1024) });
  return [
    {
      name: `${name}: text/plain`,
      send: () => raw(ctx, method, url, text, "text/plain"),
      status: 415,
    },
    {
      name: `${name}: multipart/form-data`,
      send: () => raw(ctx, method, url, text, "multipart/form-data; boundary=x"),
      status: 415,
    },
    {
      name: `${name}: application/x-www-form-urlencoded`,
      send: () => raw(ctx, method, url, "baseVersion=0", "application/x-www-form-urlencoded"),
      status: 415,
    },
    {
      name: `${name}: ${Math.round(limit / 1024) + 1} kB body`,
      send: () => raw(ctx, method, url, padded, "application/json"),
      status: 413,
    },
    {
      name: `${name}: invalid JSON`,
      send: () => raw(ctx, method, url, '{"baseVersion": 0', "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: `${name}: JSON with a NUL byte outside strings`,
      send: () => raw(ctx, method, url, '{"baseVersion":\u0000 0}', "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: `${name}: an array`,
      send: () => raw(ctx, method, url, "[]", "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: `${name}: null`,
      send: () => raw(ctx, method, url, "null", "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: `${name}: a query parameter it does not take, twice`,
      send: () => json(ctx, method, `${url}?debug=1&debug=2`, valid),
      status: 400,
      param: "debug",
    },
  ];
}

/** Slugs and ids that are no article or passage: traversal, NUL, huge, padded. */
const BAD_SLUGS = ["..%2F..%2Fetc%2Fpasswd", "%00", "x%00y", LONG_SLUG, "%E2%80%AE", "%20"];

test("POST …/passages: wrong types, bad offsets, unknown codes and stale versions are refused", async () => {
  test.setTimeout(180_000);
  const v = await version();
  const url = `/api/v1/articles/${fx.slug}/passages`;
  const good = { dimension: "blame", code: "russia", start: 0, end: 10, baseVersion: v };
  const post = (name: string, body: unknown, status: number, param?: string, says?: RegExp) => ({
    name: `passages: ${name}`,
    send: () => json(coder, "POST", url, body),
    status,
    param,
    says,
  });
  const n = fx.bodyLength;
  await expectAllRefused([
    post("dimension is a number", { ...good, dimension: 3 }, 400, "dimension"),
    post("code is an array", { ...good, code: ["russia"] }, 400, "code"),
    post("code is an object", { ...good, code: { $ne: null } }, 400, "code"),
    post("start is a string", { ...good, start: "0" }, 400, "start"),
    post("start is a float", { ...good, start: 1.5 }, 400, "start"),
    post("start is negative", { ...good, start: -1 }, 400, "start"),
    post("start is huge", { ...good, start: 1e20, end: 1e20 + 10 }, 400, "start"),
    post("end is null", { ...good, end: null }, 400, "end"),
    post("end is true", { ...good, end: true }, 400, "end"),
    post("start = end", { ...good, start: 5, end: 5 }, 400, "end", /greater than start/),
    post("start > end", { ...good, start: 9, end: 2 }, 400, "end", /greater than start/),
    post("end beyond the body", { ...good, end: n + 1 }, 400, "end", /outside/),
    post("start beyond the body", { ...good, start: n + 5, end: n + 9 }, 400, "start", /outside/),
    post("end = 2^31", { ...good, end: 2 ** 31 }, 400, "end"),
    post("dimension missing", { ...good, dimension: undefined }, 400, "dimension"),
    post("code missing", { ...good, code: undefined }, 400, "code"),
    post("offsets missing", { dimension: "blame", code: "russia", baseVersion: v }, 400, "start"),
    post("baseVersion missing", { ...good, baseVersion: undefined }, 400, "baseVersion"),
    post("baseVersion is a string", { ...good, baseVersion: String(v) }, 400, "baseVersion"),
    post("baseVersion is negative", { ...good, baseVersion: -1 }, 400, "baseVersion"),
    post("baseVersion is a float", { ...good, baseVersion: 0.5 }, 400, "baseVersion"),
    post("baseVersion is 1e300", { ...good, baseVersion: 1e300 }, 400, "baseVersion"),
    post("baseVersion is stale", { ...good, baseVersion: v + 7 }, 409),
    post("baseVersion is behind", { ...good, baseVersion: v - 1 }, 409),
    post("unknown dimension", { ...good, dimension: "weather" }, 400, "dimension"),
    post("unknown code", { ...good, code: "martians" }, 400, "code"),
    post("code of another dimension", { ...good, code: "security_threat" }, 400, "code"),
    post(
      "an article-level dimension",
      { ...good, dimension: "weapons", code: "oppose" },
      400,
      "dimension",
    ),
    post(
      "a bad body answers 400 whatever its version",
      { ...good, start: -1, baseVersion: v + 9 },
      400,
      "start",
    ),
    post("10 kB note", { ...good, note: TEN_KB }, 400, "note"),
    post("NUL in the note", { ...good, note: "a\u0000b" }, 400, "note", /control/),
    post("terminal escape in the note", { ...good, note: "\u001b[2Jx" }, 400, "note", /control/),
    post("note is a number", { ...good, note: 5 }, 400, "note"),
    post("voice is unknown", { ...good, voice: "shouted" }, 400, "voice"),
    post("voice is an array", { ...good, voice: ["own"] }, 400, "voice"),
    post("10 kB dimension", { ...good, dimension: TEN_KB }, 400, "dimension"),
    post("NUL in the code", { ...good, code: "rus\u0000sia" }, 400, "code"),
    // zod reports an unknown key at the object holding it; the message names the key.
    post("an unknown field (quote)", { ...good, quote: "forged" }, 400, "quote"),
    post("an unknown field (coderId)", { ...good, coderId: 1 }, 400, "coderId"),
    ...BAD_SLUGS.map((s) => ({
      name: `passages: slug ${s.slice(0, 40)}`,
      send: () => json(coder, "POST", `/api/v1/articles/${s}/passages`, good),
      status: 404,
    })),
    {
      name: "passages: an article the coder is not assigned to",
      send: () => json(coder, "POST", "/api/v1/articles/hankyoreh-dangerous-game/passages", good),
      status: 403,
    },
    ...bodyShapeCases("passages", coder, "POST", url, good),
  ]);
  // A 400 never moved the version.
  expect(await version()).toBe(v);
});

test("PATCH /passages/{id}: bad ids, fields and versions are refused", async () => {
  test.setTimeout(180_000);
  const v = await version();
  const url = `/api/v1/passages/${fx.passageId}`;
  const patch = (name: string, body: unknown, status: number, param?: string, says?: RegExp) => ({
    name: `patch: ${name}`,
    send: () => json(coder, "PATCH", url, body),
    status,
    param,
    says,
  });
  const n = fx.bodyLength;
  await expectAllRefused([
    patch("start = end", { start: 70, end: 70, baseVersion: v }, 400, "end"),
    patch("start after its end", { start: 90, baseVersion: v }, 400, "end"),
    patch("end beyond the body", { end: n + 1, baseVersion: v }, 400, "end"),
    patch("start is a string", { start: "1", baseVersion: v }, 400, "start"),
    patch("end is negative", { end: -3, baseVersion: v }, 400, "end"),
    patch(
      "an article-level dimension",
      { dimension: "weapons", code: "oppose", baseVersion: v },
      400,
      "dimension",
    ),
    patch("unknown dimension", { dimension: "nope", baseVersion: v }, 400, "dimension"),
    patch("unknown code", { code: "nope", baseVersion: v }, 400, "code"),
    patch("10 kB note", { note: TEN_KB, baseVersion: v }, 400, "note"),
    patch("NUL in the note", { note: "\u0000", baseVersion: v }, 400, "note"),
    patch("voice is a number", { voice: 1, baseVersion: v }, 400, "voice"),
    patch("baseVersion missing", { note: "x" }, 400, "baseVersion"),
    patch("baseVersion is a string", { note: "x", baseVersion: "0" }, 400, "baseVersion"),
    patch("baseVersion is stale", { note: "x", baseVersion: v + 3 }, 409),
    patch("an unknown field (coderId)", { coderId: 99, baseVersion: v }, 400, "coderId"),
    patch("an unknown field (articleId)", { articleId: 1, baseVersion: v }, 400, "articleId"),
    ...["abc", "-1", "1.5", "1e3", "0x10", "99999999999999999999", "..%2F1", "%00", "1%00"].map(
      (id) => ({
        name: `patch: passage id ${id}`,
        send: () => json(coder, "PATCH", `/api/v1/passages/${id}`, { note: "x", baseVersion: v }),
        status: 400,
        param: "id",
      }),
    ),
    {
      name: "patch: passage id 0",
      send: () => json(coder, "PATCH", "/api/v1/passages/0", { note: "x", baseVersion: v }),
      status: 404,
    },
    {
      name: "patch: passage id beyond 32 bits",
      send: () =>
        json(coder, "PATCH", "/api/v1/passages/99999999999", { note: "x", baseVersion: v }),
      status: 404,
    },
    {
      name: "patch: another coder's passage",
      send: () =>
        json(coder, "PATCH", `/api/v1/passages/${fx.seedPassageId}`, { note: "x", baseVersion: v }),
      status: 403,
    },
    ...bodyShapeCases("patch", coder, "PATCH", url, { note: "x", baseVersion: v }),
  ]);
  expect(await version()).toBe(v);
});

test("DELETE /passages/{id}: a missing, malformed or stale version and bad ids are refused", async () => {
  test.setTimeout(120_000);
  const v = await version();
  const url = `/api/v1/passages/${fx.passageId}`;
  const del = (name: string, send: Send, status: number, param?: string): Refusal => ({
    name: `delete passage: ${name}`,
    send,
    status,
    param,
  });
  await expectAllRefused([
    del("no version at all", () => coder.delete(url), 400, "baseVersion"),
    del("empty JSON object", () => json(coder, "DELETE", url, {}), 400, "baseVersion"),
    del("?baseVersion=abc", () => coder.delete(`${url}?baseVersion=abc`), 400, "baseVersion"),
    del("?baseVersion=-1", () => coder.delete(`${url}?baseVersion=-1`), 400, "baseVersion"),
    del("?baseVersion=1e3", () => coder.delete(`${url}?baseVersion=1e3`), 400, "baseVersion"),
    del("?baseVersion=1.0", () => coder.delete(`${url}?baseVersion=1.0`), 400, "baseVersion"),
    del("?baseVersion= (empty)", () => coder.delete(`${url}?baseVersion=`), 400, "baseVersion"),
    del(
      "?baseVersion twice",
      () => coder.delete(`${url}?baseVersion=${v}&baseVersion=${v}`),
      400,
      "baseVersion",
    ),
    del(
      "?baseVersion of 30 digits",
      () => coder.delete(`${url}?baseVersion=${"9".repeat(30)}`),
      400,
      "baseVersion",
    ),
    del("?baseVersion stale", () => coder.delete(`${url}?baseVersion=${v + 2}`), 409),
    del(
      "baseVersion is a string",
      () => json(coder, "DELETE", url, { baseVersion: "1" }),
      400,
      "baseVersion",
    ),
    del("baseVersion is stale", () => json(coder, "DELETE", url, { baseVersion: v + 1 }), 409),
    del(
      "an unknown field",
      () => json(coder, "DELETE", url, { baseVersion: v, cascade: true }),
      400,
      "cascade",
    ),
    del("text/plain", () => raw(coder, "DELETE", url, `{"baseVersion":${v}}`, "text/plain"), 415),
    del(
      "invalid JSON",
      () => raw(coder, "DELETE", url, "{baseVersion}", "application/json"),
      400,
      "body",
    ),
    del(
      "5 kB body",
      () => json(coder, "DELETE", url, { baseVersion: v, pad: "x".repeat(5000) }),
      413,
    ),
    ...["abc", "-5", "2.5", "..%2F..%2Fetc", "%00", "9".repeat(40)].map((id) =>
      del(
        `id ${id.slice(0, 20)}`,
        () => coder.delete(`/api/v1/passages/${id}?baseVersion=${v}`),
        400,
        "id",
      ),
    ),
    del(
      "id beyond 32 bits",
      () => coder.delete(`/api/v1/passages/99999999999?baseVersion=${v}`),
      404,
    ),
    del(
      "another coder's passage",
      () => coder.delete(`/api/v1/passages/${fx.seedPassageId}?baseVersion=${v}`),
      403,
    ),
  ]);
  expect(await version()).toBe(v);
});

test("PUT …/article-codes: wrong shapes, unknown and passage dimensions, stale versions are refused", async () => {
  test.setTimeout(120_000);
  const v = await version();
  const url = `/api/v1/articles/${fx.slug}/article-codes`;
  const put = (name: string, body: unknown, status: number, param?: string, says?: RegExp) => ({
    name: `article-codes: ${name}`,
    send: () => json(coder, "PUT", url, body),
    status,
    param,
    says,
  });
  const good = { weapons: { code: "oppose" }, tone_gov: { code: "neutral" }, baseVersion: v };
  await expectAllRefused([
    put("weapons is a string", { ...good, weapons: "oppose" }, 400, "weapons"),
    put("weapons is an array", { ...good, weapons: [{ code: "oppose" }] }, 400, "weapons"),
    put("weapons.code is a number", { ...good, weapons: { code: 1 } }, 400, "weapons.code"),
    put("weapons.code is unknown", { ...good, weapons: { code: "nukes" } }, 400, "weapons.code"),
    put("weapons.code is missing", { ...good, weapons: { note: "n" } }, 400, "weapons.code"),
    put("10 kB note", { ...good, weapons: { code: "oppose", note: TEN_KB } }, 400, "weapons.note"),
    put(
      "NUL in the note",
      { ...good, tone_gov: { code: "neutral", note: "\u0000" } },
      400,
      "tone_gov.note",
    ),
    put(
      "a field inside a code",
      { ...good, weapons: { code: "oppose", coder: "FS-1" } },
      400,
      "weapons.coder",
    ),
    put(
      "a passage dimension at article level",
      { ...good, ties: { code: "security_threat" } },
      400,
      "ties",
      /passages/,
    ),
    put("an unknown dimension", { ...good, weather: { code: "rain" } }, 400, "weather"),
    put("constructor as a dimension", { ...good, constructor: { code: "x" } }, 400, "constructor"),
    put("baseVersion missing", { weapons: { code: "oppose" } }, 400, "baseVersion"),
    put("baseVersion is a string", { ...good, baseVersion: "0" }, 400, "baseVersion"),
    put("baseVersion is negative", { ...good, baseVersion: -2 }, 400, "baseVersion"),
    put("baseVersion is stale", { ...good, baseVersion: v + 4 }, 409),
    put(
      "a bad body answers 400 whatever its version",
      { ...good, weapons: { code: "nukes" }, baseVersion: v + 4 },
      400,
      "weapons.code",
    ),
    ...BAD_SLUGS.map((s) => ({
      name: `article-codes: slug ${s.slice(0, 40)}`,
      send: () => json(coder, "PUT", `/api/v1/articles/${s}/article-codes`, good),
      status: 404,
    })),
    ...bodyShapeCases("article-codes", coder, "PUT", url, good),
  ]);
  expect(await version()).toBe(v);
});

test("POST and DELETE …/done: missing article codes, bad versions and bodies are refused", async () => {
  test.setTimeout(120_000);
  const v = await version();
  const url = `/api/v1/articles/${fx.slug}/done`;
  const done = (name: string, send: Send, status: number, param?: string): Refusal => ({
    name: `done: ${name}`,
    send,
    status,
    param,
  });
  await expectAllRefused([
    // The fixture coding has no article-level codes yet: marking it done names both.
    done(
      "weapons and tone_gov are not set",
      () => json(coder, "POST", url, { baseVersion: v }),
      400,
      "weapons",
    ),
    done("tone_gov is not set either", () => coder.post(url), 400, "tone_gov"),
    done(
      "not set, whatever the version",
      () => json(coder, "POST", url, { baseVersion: v + 5 }),
      400,
      "weapons",
    ),
    done(
      "baseVersion is a string",
      () => json(coder, "POST", url, { baseVersion: "0" }),
      400,
      "baseVersion",
    ),
    done("?baseVersion=abc", () => coder.post(`${url}?baseVersion=abc`), 400, "baseVersion"),
    done(
      "?baseVersion twice",
      () => coder.post(`${url}?baseVersion=1&baseVersion=1`),
      400,
      "baseVersion",
    ),
    done("an unknown field", () => json(coder, "POST", url, { done: true }), 400, "done"),
    done("text/plain", () => raw(coder, "POST", url, "{}", "text/plain"), 415),
    done(
      "multipart",
      () => raw(coder, "POST", url, "--x--", "multipart/form-data; boundary=x"),
      415,
    ),
    done("invalid JSON", () => raw(coder, "POST", url, "{", "application/json"), 400, "body"),
    done("an array", () => raw(coder, "POST", url, "[0]", "application/json"), 400, "body"),
    done("5 kB body", () => json(coder, "POST", url, { baseVersion: v, x: "y".repeat(5000) }), 413),
    done("reopen with a stale version", () => coder.delete(`${url}?baseVersion=${v + 1}`), 409),
    done(
      "reopen with ?baseVersion=-1",
      () => coder.delete(`${url}?baseVersion=-1`),
      400,
      "baseVersion",
    ),
    done("reopen with text/plain", () => raw(coder, "DELETE", url, "{}", "text/plain"), 415),
    done(
      "reopen with invalid JSON",
      () => raw(coder, "DELETE", url, "{{", "application/json"),
      400,
      "body",
    ),
    ...BAD_SLUGS.map((s) =>
      done(`slug ${s.slice(0, 40)}`, () => coder.post(`/api/v1/articles/${s}/done`), 404),
    ),
    done(
      "an article the coder is not assigned to",
      () => coder.post("/api/v1/articles/hankyoreh-dangerous-game/done"),
      403,
    ),
  ]);
  expect(await version()).toBe(v);
});

test("POST /history/{id}/restore: bad ids, entries that are no deletion, bad versions are refused", async () => {
  test.setTimeout(120_000);
  const v = await version();
  const url = `/api/v1/history/${fx.deletedHistoryId}/restore`;
  const restore = (name: string, send: Send, status: number, param?: string): Refusal => ({
    name: `restore: ${name}`,
    send,
    status,
    param,
  });
  await expectAllRefused([
    restore("baseVersion missing", () => json(coder, "POST", url, {}), 400, "baseVersion"),
    restore(
      "baseVersion is a string",
      () => json(coder, "POST", url, { baseVersion: "0" }),
      400,
      "baseVersion",
    ),
    restore("baseVersion is stale", () => json(coder, "POST", url, { baseVersion: v + 6 }), 409),
    restore(
      "an entry that added a passage",
      () => json(coder, "POST", `/api/v1/history/${fx.addedHistoryId}/restore`, { baseVersion: v }),
      400,
      "id",
    ),
    ...["abc", "-1", "1.5", "1e2", "..%2F..%2Fetc", "%00", "9".repeat(30)].map((id) =>
      restore(
        `id ${id.slice(0, 20)}`,
        () => json(coder, "POST", `/api/v1/history/${id}/restore`, { baseVersion: v }),
        400,
        "id",
      ),
    ),
    restore(
      "id 0",
      () => json(coder, "POST", "/api/v1/history/0/restore", { baseVersion: v }),
      404,
    ),
    restore(
      "id beyond 32 bits",
      () => json(coder, "POST", "/api/v1/history/999999999999999/restore", { baseVersion: v }),
      404,
    ),
    restore(
      "another coder's deletion, by a coder",
      () => json(other, "POST", url, { baseVersion: v }),
      403,
    ),
    ...bodyShapeCases("restore", coder, "POST", url, { baseVersion: v }),
  ]);
  expect(await version()).toBe(v);
});

test("reads: hostile queries and paths on codings, history and my assignments answer 4xx", async () => {
  test.setTimeout(120_000);
  const cases: Refusal[] = [];
  for (const path of ["codings", "history"]) {
    const base = `/api/v1/articles/${fx.slug}/${path}`;
    const get = (name: string, url: string, status: number, param?: string): Refusal => ({
      name: `${path}: ${name}`,
      send: () => coder.get(url),
      status,
      param,
    });
    cases.push(
      get("coder twice", `${base}?coder=me&coder=me`, 400, "coder"),
      get("10 kB coder", `${base}?coder=${TEN_KB}`, 400, "coder"),
      get("NUL coder", `${base}?coder=%00`, 400, "coder"),
      get("traversal coder", `${base}?coder=..%2F..%2Fetc%2Fpasswd`, 400, "coder"),
      get("SQL coder", `${base}?coder=${encodeURIComponent("FS-1' OR '1'='1")}`, 400, "coder"),
      get("PHP-style coder[]", `${base}?coder[]=me`, 400, "coder[]"),
      get("an unknown coder", `${base}?coder=NOBODY-HX`, 404),
      get("another coder's coding, still private", `${base}?coder=${fx.otherKey}`, 403),
      get("an unknown parameter", `${base}?limit=1`, 400, "limit"),
      ...BAD_SLUGS.map((s) => get(`slug ${s.slice(0, 40)}`, `/api/v1/articles/${s}/${path}`, 404)),
    );
  }
  cases.push(
    {
      name: "me/assignments: an unknown parameter",
      send: () => coder.get("/api/v1/me/assignments?all=1"),
      status: 400,
      param: "all",
    },
    {
      name: "me/assignments: constructor as a parameter, twice",
      send: () => coder.get("/api/v1/me/assignments?constructor=1&constructor=2"),
      status: 400,
      param: "constructor",
    },
    {
      name: "users: an unknown parameter",
      send: () => admin.get("/api/v1/users?role=admin"),
      status: 400,
      param: "role",
    },
    {
      name: "invitations: an unknown parameter",
      send: () => admin.get("/api/v1/users/invitations?token=1"),
      status: 400,
      param: "token",
    },
    {
      name: "users: a coder",
      send: () => coder.get("/api/v1/users"),
      status: 403,
    },
  );
  await expectAllRefused(cases);
});

test("assignments: bad coder keys, unknown and seed coders, duplicates and bad paths are refused", async () => {
  test.setTimeout(120_000);
  const url = `/api/v1/articles/${fx.slug}/assignments`;
  const assign = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `assign: ${name}`,
    send: () => json(admin, "POST", url, body),
    status,
    param,
  });
  const unassign = (name: string, path: string, status: number): Refusal => ({
    name: `unassign: ${name}`,
    send: () => admin.delete(path),
    status,
  });
  await expectAllRefused([
    assign("coder missing", {}, 400, "coder"),
    assign("coder is a number", { coder: 5 }, 400, "coder"),
    assign("coder is an array", { coder: [fx.otherKey] }, 400, "coder"),
    assign("coder is null", { coder: null }, 400, "coder"),
    assign("coder is empty", { coder: "" }, 400, "coder"),
    assign("coder with a slash", { coder: "../FS-1" }, 400, "coder"),
    assign("coder with NUL", { coder: "HX\u0000C" }, 400, "coder"),
    assign("coder of 10 kB", { coder: TEN_KB }, 400, "coder"),
    assign("coder with SQL", { coder: "x' OR '1'='1" }, 400, "coder"),
    assign("an unknown coder", { coder: "NOBODY-HX" }, 400, "coder"),
    assign("the seed coder (no account)", { coder: "FS-1" }, 400, "coder"),
    assign("a coder already assigned", { coder: fx.coderKey }, 409),
    assign("an unknown field", { coder: fx.otherKey, role: "admin" }, 400, "role"),
    ...BAD_SLUGS.map((s) => ({
      name: `assign: slug ${s.slice(0, 40)}`,
      send: () => json(admin, "POST", `/api/v1/articles/${s}/assignments`, { coder: fx.otherKey }),
      status: 404,
    })),
    {
      name: "assign: a coder assigning another coder",
      send: () => json(coder, "POST", url, { coder: fx.otherKey }),
      status: 403,
    },
    {
      name: "assign: a coder taking an article already assigned",
      send: () => json(other, "POST", url, { coder: fx.otherKey }),
      status: 403,
    },
    ...bodyShapeCases("assign", admin, "POST", url, { coder: fx.otherKey }),
    unassign("a coder with codings", `${url}/${fx.coderKey}`, 409),
    unassign("a coder not assigned", `${url}/${fx.otherKey}`, 404),
    unassign("an unknown coder", `${url}/NOBODY-HX`, 404),
    unassign("coder %00", `${url}/%00`, 404),
    unassign("coder with NUL inside", `${url}/HX%00C`, 404),
    unassign("coder ..%2F..%2Fetc", `${url}/..%2F..%2Fetc`, 404),
    unassign("coder of 10 kB", `${url}/${TEN_KB}`, 404),
    { ...unassign("an unknown parameter", `${url}/${fx.coderKey}?force=1`, 400), param: "force" },
    ...BAD_SLUGS.map((s) =>
      unassign(`slug ${s.slice(0, 40)}`, `/api/v1/articles/${s}/assignments/${fx.coderKey}`, 404),
    ),
    {
      name: "unassign: a coder",
      send: () => coder.delete(`${url}/${fx.coderKey}`),
      status: 403,
    },
  ]);
});

test("adjudication and settings: hostile bodies, keys, pairs and callers are refused", async () => {
  test.setTimeout(120_000);
  // An article both coders mark done, agreeing on weapons and not on tone: one item to decide.
  const imported = await admin.post("/api/v1/articles", {
    data: importBody({
      source: PAGE.replace("hostile question", "hostile adjudication"),
      filename: "hostile-adjudication.txt",
      assign: [fx.coderKey, fx.otherKey],
    }),
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const { slug } = (await imported.json()) as { slug: string };
  for (const [ctx, tone] of [
    [coder, "critical"],
    [other, "neutral"],
  ] as const) {
    const set = await json(ctx, "PUT", `/api/v1/articles/${slug}/article-codes`, {
      weapons: { code: "oppose" },
      tone_gov: { code: tone },
      baseVersion: 0,
    });
    expect(set.status(), await set.text()).toBe(200);
    const done = await json(ctx, "POST", `/api/v1/articles/${slug}/done`, {});
    expect(done.status(), await done.text()).toBe(200);
  }
  const pair = { a: fx.coderKey, b: fx.otherKey };
  const good = { ...pair, choice: "a", reason: "the text is critical" };
  const decisionUrl = (s: string, key = "tone_gov") =>
    `/api/v1/articles/${s}/adjudication/decisions/${key}`;
  const decide = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `decide: ${name}`,
    send: () => json(admin, "PUT", decisionUrl(slug), body),
    status,
    param,
  });
  const buildUrl = `/api/v1/articles/${slug}/adjudication`;
  const build = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `build REF: ${name}`,
    send: () => json(admin, "PUT", buildUrl, body),
    status,
    param,
  });
  const settings = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `settings: ${name}`,
    send: () => json(admin, "PUT", "/api/v1/settings", body),
    status,
    param,
  });
  await expectAllRefused([
    decide("choice missing", { ...pair, reason: "x" }, 400, "choice"),
    decide("choice c", { ...good, choice: "c" }, 400, "choice"),
    decide("choice is a number", { ...good, choice: 1 }, 400, "choice"),
    decide("reason missing", { ...pair, choice: "a" }, 400, "reason"),
    decide("reason blank", { ...good, reason: "   " }, 400, "reason"),
    decide("reason of 10 kB", { ...good, reason: TEN_KB }, 400, "reason"),
    decide("a missing", { b: fx.otherKey, choice: "a", reason: "x" }, 400, "a"),
    decide("a is an array", { ...good, a: [fx.coderKey] }, 400, "a"),
    decide("a of 10 kB", { ...good, a: TEN_KB }, 400, "a"),
    decide("a with NUL", { ...good, a: "HX\u0000C" }, 400, "a"),
    decide("a coder who did not complete it", { ...good, a: "FS-1" }, 400, "a"),
    decide("b the same as a", { ...good, b: fx.coderKey }, 400, "b"),
    decide(
      "an own code that does not exist",
      { ...good, choice: "own", code: "furious" },
      400,
      "code",
    ),
    decide(
      "an own code of another dimension",
      { ...good, choice: "own", code: "oppose" },
      400,
      "code",
    ),
    decide("an unknown field", { ...good, admin: true }, 400, "admin"),
    {
      name: "decide: an item nobody disagrees on",
      send: () => json(admin, "PUT", decisionUrl(slug, "weapons"), good),
      status: 404,
    },
    ...["ties:1-2", "%00", "..%2F..%2Fetc", TEN_KB, "tone_gov%00"].map((key) => ({
      name: `decide: item ${key.slice(0, 40)}`,
      send: () => json(admin, "PUT", decisionUrl(slug, key), good),
      status: 404,
    })),
    ...BAD_SLUGS.map((s) => ({
      name: `decide: slug ${s.slice(0, 40)}`,
      send: () => json(admin, "PUT", decisionUrl(s), good),
      status: 404,
    })),
    {
      name: "decide: an article still being coded",
      send: () => json(admin, "PUT", decisionUrl(fx.slug), good),
      status: 409,
    },
    {
      name: "decide: one of the two coders",
      send: () => json(coder, "PUT", decisionUrl(slug), good),
      status: 403,
    },
    {
      name: "decide: anonymous",
      send: () => json(anonymous, "PUT", decisionUrl(slug), good),
      status: 401,
    },
    ...bodyShapeCases("decide", admin, "PUT", decisionUrl(slug), good),
    build("an item still undecided", pair, 409),
    build("b missing", { a: fx.coderKey }, 400, "b"),
    build("a is a number", { ...pair, a: 7 }, 400, "a"),
    build("an unknown field", { ...pair, choice: "a" }, 400, "choice"),
    {
      name: "build REF: the other coder",
      send: () => json(other, "PUT", buildUrl, pair),
      status: 403,
    },
    ...bodyShapeCases("build REF", admin, "PUT", buildUrl, pair),
    settings("defaultCoder missing", {}, 400, "defaultCoder"),
    settings("defaultCoder is a number", { defaultCoder: 1 }, 400, "defaultCoder"),
    settings("defaultCoder of 10 kB", { defaultCoder: TEN_KB }, 400, "defaultCoder"),
    settings("defaultCoder with NUL", { defaultCoder: "FS\u0000-1" }, 400, "defaultCoder"),
    settings("a coder with no public codings", { defaultCoder: "NOBODY-HX" }, 400, "defaultCoder"),
    settings("an unknown field", { defaultCoder: null, theme: "dark" }, 400, "theme"),
    {
      name: "settings: a coder",
      send: () => json(coder, "PUT", "/api/v1/settings", { defaultCoder: fx.coderKey }),
      status: 403,
    },
    ...bodyShapeCases("settings", admin, "PUT", "/api/v1/settings", { defaultCoder: null }),
  ]);
});

test("import (JSON): wrong types, bad metadata, traversal in names, binary and oversized pages are refused", async () => {
  test.setTimeout(180_000);
  const post = (name: string, body: unknown, status: number, param?: string, says?: RegExp) => ({
    name: `import: ${name}`,
    send: () => json(admin, "POST", "/api/v1/articles", body),
    status,
    param,
    says,
  });
  const fresh = (n: number) => `${PAGE}\nA paragraph only this request has: ${n}.`;
  await expectAllRefused([
    post("source missing", importBody({ source: undefined }), 400, "source"),
    post("source is a number", importBody({ source: 42 }), 400, "source"),
    post("source is an array", importBody({ source: [PAGE] }), 400, "source"),
    post("source is empty", importBody({ source: "" }), 400, "source"),
    post("source with NUL", importBody({ source: `${PAGE}\u0000` }), 400, "source"),
    post(
      "source of control characters",
      importBody({ source: "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008".repeat(200) }),
      400,
      "source",
    ),
    post("the same page again", importBody(), 409, undefined, /already|duplicate|exists/i),
    post(
      "filename with traversal",
      importBody({ source: fresh(1), filename: "../../etc/passwd.txt" }),
      400,
      "filename",
    ),
    post(
      "filename with NUL",
      importBody({ source: fresh(2), filename: "a\u0000.txt" }),
      400,
      "filename",
    ),
    post("filename .exe", importBody({ source: fresh(3), filename: "page.exe" }), 415, "filename"),
    post("filename is a number", importBody({ source: fresh(4), filename: 7 }), 400, "filename"),
    post("genre unknown", importBody({ source: fresh(5), genre: "satire" }), 400, "genre"),
    post("genre is an array", importBody({ source: fresh(6), genre: ["editorial"] }), 400, "genre"),
    post(
      "language is a word",
      importBody({ source: fresh(7), language: "english" }),
      400,
      "language",
    ),
    post("outlet unknown", importBody({ source: fresh(8), outlet: "nobody-times" }), 400, "outlet"),
    post(
      "outlet with traversal",
      importBody({ source: fresh(9), outlet: "../hankyoreh" }),
      400,
      "outlet",
    ),
    post("outlet missing", importBody({ source: fresh(10), outlet: undefined }), 400, "outlet"),
    post(
      "published missing",
      importBody({ source: fresh(11), published: undefined }),
      400,
      "published",
    ),
    post(
      "published is a string",
      importBody({ source: fresh(12), published: "2024-06-20" }),
      400,
      "published",
    ),
    post(
      "published.date impossible",
      importBody({
        source: fresh(13),
        published: { date: "2024-02-30", precision: "inferred", reason: "r" },
      }),
      400,
      "published.date",
    ),
    post(
      "published.precision unknown",
      importBody({
        source: fresh(14),
        published: { date: "2024-06-20", precision: "roughly", reason: "r" },
      }),
      400,
      "published.precision",
    ),
    post(
      "inferred date without a reason",
      importBody({ source: fresh(15), published: { date: "2024-06-20", precision: "inferred" } }),
      400,
      "published.reason",
    ),
    post(
      "an exact date the page does not state",
      importBody({ source: fresh(16), published: { date: "2024-06-20", precision: "exact" } }),
      400,
      "published.precision",
    ),
    post(
      "assign is a string",
      importBody({ source: fresh(17), assign: fx.coderKey }),
      400,
      "assign",
    ),
    post(
      "assign names a bad key",
      importBody({ source: fresh(18), assign: ["../x"] }),
      400,
      "assign.0",
    ),
    post(
      "assign names a coder twice",
      importBody({ source: fresh(19), assign: [fx.coderKey, fx.coderKey] }),
      400,
      "assign",
    ),
    post(
      "assign names an unknown coder",
      importBody({ source: fresh(20), assign: ["NOBODY-HX"] }),
      400,
      "assign.0",
    ),
    post("an unknown field", importBody({ source: fresh(21), slug: "chosen-slug" }), 400, "slug"),
    post(
      "newOutlet with an orientation but no source",
      importBody({
        source: fresh(22),
        outlet: undefined,
        newOutlet: {
          slug: "hostile-daily",
          name: "Hostile Daily",
          shortName: "HD",
          country: "KR",
          language: "en",
          kind: "national_daily",
          orientation: "centre",
        },
      }),
      400,
      "newOutlet.orientationSource",
    ),
    {
      name: "import: a body that is not UTF-8",
      send: () =>
        raw(
          admin,
          "POST",
          "/api/v1/articles",
          Buffer.concat([
            Buffer.from('{"source":"'),
            Buffer.from([0xc3, 0x28, 0xff]),
            Buffer.from('"}'),
          ]),
          "application/json",
        ),
      status: 400,
      param: "body",
    },
    {
      name: "import: 11 MB of JSON source",
      send: () =>
        json(admin, "POST", "/api/v1/articles", importBody({ source: "a".repeat(11 * MB) })),
      status: 413,
    },
    {
      name: "import: text/plain",
      send: () => raw(admin, "POST", "/api/v1/articles", PAGE, "text/plain"),
      status: 415,
    },
    {
      name: "import: application/x-www-form-urlencoded",
      send: () =>
        raw(admin, "POST", "/api/v1/articles", "source=x", "application/x-www-form-urlencoded"),
      status: 415,
    },
    {
      name: "import: no content type",
      send: () => raw(admin, "POST", "/api/v1/articles", PAGE),
      status: 415,
    },
    {
      name: "import: invalid JSON",
      send: () => raw(admin, "POST", "/api/v1/articles", '{"source":', "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: "import: an empty body",
      send: () => raw(admin, "POST", "/api/v1/articles", "", "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: "import: a JSON array",
      send: () => raw(admin, "POST", "/api/v1/articles", "[1]", "application/json"),
      status: 400,
      param: "body",
    },
    {
      name: "import: a query parameter on a POST",
      send: () =>
        json(admin, "POST", "/api/v1/articles?dryRun=1", importBody({ source: fresh(23) })),
      status: 400,
      param: "dryRun",
    },
    {
      name: "import: a coder",
      send: () => json(coder, "POST", "/api/v1/articles", importBody({ source: fresh(24) })),
      status: 403,
    },
    {
      name: "preview: source is a number",
      send: () => json(admin, "POST", "/api/v1/articles/preview", { source: 1, filename: "a.txt" }),
      status: 400,
      param: "source",
    },
    {
      name: "preview: text/plain",
      send: () => raw(admin, "POST", "/api/v1/articles/preview", PAGE, "text/plain"),
      status: 415,
    },
    {
      name: "preview: filename .png",
      send: () =>
        json(admin, "POST", "/api/v1/articles/preview", { source: PAGE, filename: "a.png" }),
      status: 415,
      param: "filename",
    },
  ]);
});

/** A multipart/form-data body: the page as `file` (with its type) and the metadata as fields. */
function multipart(
  file: { bytes: Buffer; name: string; type: string } | null,
  fields: Record<string, string>,
): { body: Buffer; type: string } {
  const boundary = `----hostile${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const FORM_FIELDS = {
  outlet: "hankyoreh",
  genre: "news_report",
  language: "ko",
  "published.date": "2024-06-20",
  "published.precision": "inferred",
  "published.reason": "hostile-suite upload",
};

// 「서울 외교부」 (Seoul's foreign ministry) in EUC-KR, as a page saved by an old browser holds it.
const EUC_KR_MINISTRY = Buffer.from("bcadbfef20bfdcb1b3bace", "hex");
/** An English page naming the ministry in Hangul, in EUC-KR bytes (ASCII is the same there). */
const EUC_KR_PAGE = Buffer.concat([
  Buffer.from(`Seoul's ministry answers ${RUN}\nBy K. Reporter\n\nThe foreign ministry (`),
  EUC_KR_MINISTRY,
  Buffer.from(
    `) said on Thursday that the treaty changes the calculus of arms support. ${"Officials repeated the point at a briefing. ".repeat(8)}\n`,
  ),
]);

test("import (upload): binary files, invalid UTF-8, EUC-KR bytes and images are refused and change nothing", async () => {
  test.setTimeout(120_000);
  const upload = (
    name: string,
    file: { bytes: Buffer; name: string; type: string } | null,
    status: number,
    param?: string,
    url = "/api/v1/articles",
  ): Refusal => ({
    name: `upload: ${name}`,
    send: () => {
      const { body, type } = multipart(file, FORM_FIELDS);
      return raw(admin, "POST", url, body, type);
    },
    status,
    param,
  });
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.alloc(2048, 7),
  ]);
  const eucKrPage = EUC_KR_PAGE;
  const invalidUtf8 = Buffer.concat([
    Buffer.from("A headline\n\nSome text "),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
    Buffer.from(" more text."),
  ]);
  await expectAllRefused([
    upload(
      "PNG bytes named .txt",
      { bytes: png, name: "page.txt", type: "text/plain" },
      415,
      "file",
    ),
    upload("PNG bytes as image/png", { bytes: png, name: "page.png", type: "image/png" }, 415),
    upload(
      "random binary named .html",
      {
        bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        name: "page.html",
        type: "text/html",
      },
      415,
      "file",
    ),
    upload(
      "control characters only",
      { bytes: Buffer.alloc(4096, 1), name: "page.txt", type: "text/plain" },
      415,
      "file",
    ),
    upload(
      "invalid UTF-8",
      { bytes: invalidUtf8, name: "page.txt", type: "text/plain" },
      400,
      "file",
    ),
    upload(
      "a page in EUC-KR bytes",
      { bytes: eucKrPage, name: "page.txt", type: "text/plain" },
      400,
      "file",
    ),
    upload(
      "a file named .exe",
      { bytes: Buffer.from(PAGE), name: "page.exe", type: "text/plain" },
      415,
      "filename",
    ),
    upload(
      "a file named with traversal",
      { bytes: Buffer.from(PAGE), name: "../../etc/passwd.txt", type: "text/plain" },
      400,
      "filename",
    ),
    upload(
      "an application/pdf file",
      { bytes: Buffer.from("%PDF-1.4\n"), name: "page.txt", type: "application/pdf" },
      415,
      "file",
    ),
    upload("no file and no source", null, 400, "file"),
    upload(
      "preview: PNG bytes",
      { bytes: png, name: "page.txt", type: "text/plain" },
      415,
      "file",
      "/api/v1/articles/preview",
    ),
    upload(
      "preview: EUC-KR bytes",
      { bytes: eucKrPage, name: "page.txt", type: "text/plain" },
      400,
      "file",
      "/api/v1/articles/preview",
    ),
    {
      name: "upload: a multipart body without its boundary",
      send: () =>
        raw(admin, "POST", "/api/v1/articles", "--x\r\n\r\nhello\r\n--x--", "multipart/form-data"),
      status: 400,
      param: "body",
    },
    {
      name: "upload: a truncated multipart body",
      send: () => {
        const { body, type } = multipart(
          { bytes: Buffer.from(PAGE), name: "p.txt", type: "text/plain" },
          FORM_FIELDS,
        );
        return raw(admin, "POST", "/api/v1/articles", body.subarray(0, body.length - 30), type);
      },
      status: 400,
      param: "body",
    },
  ]);

  // EUC-KR that was read as Latin-1 (mojibake in valid UTF-8) is repaired, as the CLI does; the
  // preview shows the Hangul and says so, and stores nothing.
  const latin1 = Buffer.from(eucKrPage.toString("latin1"), "utf8");
  const before = await codingChecksum();
  const { body, type } = multipart(
    { bytes: latin1, name: "korean.txt", type: "text/plain" },
    FORM_FIELDS,
  );
  const res = await raw(admin, "POST", "/api/v1/articles/preview", body, type);
  record("preview: EUC-KR read as Latin-1", res.status());
  const text = await res.text();
  expect(res.status(), text.slice(0, 300)).toBe(200);
  expect(JSON.parse(text).body).toContain("(서울 외교부) said on Thursday");
  expect(text).toMatch(/repaired \d+ Korean text run/);
  expect(await codingChecksum()).toEqual(before);
});

/**
 * Streams `total` bytes to the import endpoint by hand (Playwright buffers whole bodies), with a
 * Content-Length or chunked, and notes how much had been sent when the answer came.
 */
function streamUpload(
  total: number,
  declare: boolean,
  target = { path: "/api/v1/articles", type: "application/json", head: '{"source":"' },
): Promise<{ status: number; body: string; sent: number }> {
  const url = new URL(target.path, BASE);
  const chunk = Buffer.alloc(MB, "a");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          Authorization: `Bearer ${adminToken}`,
          "Content-Type": target.type,
          ...(declare ? { "Content-Length": String(total) } : { "Transfer-Encoding": "chunked" }),
        },
      },
      (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: text, sent: sentWhenAnswered });
          req.destroy();
        });
      },
    );
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && sent < total) {
        const piece =
          sent === 0 ? Buffer.from(target.head) : chunk.subarray(0, Math.min(MB, total - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

test("import: a 50 MB body is refused with 413 before the server has read it", async () => {
  test.setTimeout(120_000);
  const before = await codingChecksum();
  for (const declare of [true, false]) {
    const what = `50 MB upload (${declare ? "Content-Length" : "chunked"})`;
    const { status, body, sent } = await streamUpload(50 * MB, declare);
    record(what, status);
    expect(status, `${what}: ${body.slice(0, 200)}`).toBe(413);
    expect(JSON.parse(body).error, what).toMatch(/larger than 10 MB/);
    // The answer came long before the client had sent everything: the server stopped reading.
    expect(sent, `${what}: bytes sent when the answer came`).toBeLessThan(30 * MB);
  }
  expect(await codingChecksum()).toEqual(before);
});

test("users and invitations: bad roles, emails, keys and ids are refused", async () => {
  test.setTimeout(120_000);
  const userUrl = `/api/v1/users/${fx.coderUserId}`;
  const patch = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `users: ${name}`,
    send: () => json(admin, "PATCH", userUrl, body),
    status,
    param,
  });
  const invite = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `invitations: ${name}`,
    send: () => json(admin, "POST", "/api/v1/users/invitations", body),
    status,
    param,
  });
  const email = (n: number) => `hostile.invitee.${n}.${Date.now()}@example.org`;
  await expectAllRefused([
    patch("role unknown", { role: "root" }, 400, "role"),
    patch("role is an array", { role: ["admin"] }, 400, "role"),
    patch("active is a string", { active: "false" }, 400, "active"),
    patch("active is 0", { active: 0 }, 400, "active"),
    patch("nothing to change", {}, 400),
    patch("coderKey with a slash", { coderKey: "../FS-1" }, 400, "coderKey"),
    patch("coderKey of 10 kB", { coderKey: TEN_KB }, 400, "coderKey"),
    patch("an unknown field", { role: "coder", email: "x@example.org" }, 400, "email"),
    patch("a coder key another account has", { coderKey: fx.otherKey }, 409),
    {
      name: "users: an admin demoting themselves",
      send: () => json(admin, "PATCH", `/api/v1/users/${fx.adminUserId}`, { role: "coder" }),
      status: 409,
      param: "role",
    },
    {
      name: "users: an admin deactivating themselves",
      send: () => json(admin, "PATCH", `/api/v1/users/${fx.adminUserId}`, { active: false }),
      status: 409,
      param: "active",
    },
    ...["..%2F..%2Fetc", "%00", "a%00b", TEN_KB, "no-such-user", "%E2%80%AE"].map((id) => ({
      name: `users: id ${id.slice(0, 20)}`,
      send: () => json(admin, "PATCH", `/api/v1/users/${id}`, { role: "coder" }),
      status: 404,
    })),
    {
      name: "users: a coder changing their own role",
      send: () => json(coder, "PATCH", userUrl, { role: "admin" }),
      status: 403,
    },
    ...bodyShapeCases("users", admin, "PATCH", userUrl, { role: "coder" }),
    invite("email missing", { role: "coder" }, 400, "email"),
    invite("email is not one", { email: "not-an-email", role: "coder" }, 400, "email"),
    invite("email is a number", { email: 5, role: "coder" }, 400, "email"),
    invite("email of 10 kB", { email: `${TEN_KB}@example.org`, role: "coder" }, 400, "email"),
    invite("email with NUL", { email: "a\u0000b@example.org", role: "coder" }, 400, "email"),
    invite(
      "email with a newline header",
      { email: "a@example.org\r\nBcc: x@example.org", role: "coder" },
      400,
      "email",
    ),
    invite("role unknown", { email: email(1), role: "owner" }, 400, "role"),
    invite("role missing", { email: email(2) }, 400, "role"),
    invite(
      "coderKey with spaces",
      { email: email(3), role: "coder", coderKey: "a b" },
      400,
      "coderKey",
    ),
    invite(
      "coderKey of 33 characters",
      { email: email(4), role: "coder", coderKey: "k".repeat(33) },
      400,
      "coderKey",
    ),
    invite(
      "coderKey is a number",
      { email: email(5), role: "coder", coderKey: 12 },
      400,
      "coderKey",
    ),
    invite(
      "coderKey already in use",
      { email: email(6), role: "coder", coderKey: fx.coderKey },
      409,
      "coderKey",
    ),
    invite(
      "the seed coder's key",
      { email: email(7), role: "coder", coderKey: "FS-1" },
      409,
      "coderKey",
    ),
    invite("an existing account's email", { email: fx.coderEmail, role: "coder" }, 409, "email"),
    invite(
      "an unknown field",
      { email: email(8), role: "coder", expiresAt: "2099-01-01" },
      400,
      "expiresAt",
    ),
    {
      name: "invitations: a coder",
      send: () => json(coder, "POST", "/api/v1/invitations", { email: email(9), role: "admin" }),
      status: 403,
    },
    ...bodyShapeCases("invitations", admin, "POST", "/api/v1/invitations", {
      email: email(10),
      role: "coder",
    }),
  ]);
});

test("invitations/accept: garbage tokens, names and passwords are refused", async () => {
  test.setTimeout(120_000);
  const accept = (name: string, body: unknown, status: number, param?: string): Refusal => ({
    name: `accept: ${name}`,
    send: () =>
      anonymous.fetch("/api/v1/invitations/accept", {
        method: "POST",
        data: Buffer.from(JSON.stringify(body)),
        headers: { "Content-Type": "application/json", "X-Forwarded-For": nextClient() },
      }),
    status,
    param,
  });
  const good = { token: "x".repeat(43), name: "Ho Stile", password: "a long enough password" };
  await expectAllRefused([
    accept("an unknown token", good, 404),
    accept("token missing", { ...good, token: undefined }, 400, "token"),
    accept("token is a number", { ...good, token: 1 }, 400, "token"),
    accept("token of 10 kB", { ...good, token: TEN_KB }, 400, "token"),
    accept("token with NUL", { ...good, token: "\u0000" }, 404),
    accept("token with traversal", { ...good, token: "../../etc/passwd" }, 404),
    accept("name with NUL", { ...good, name: "a\u0000b" }, 400, "name"),
    accept("name empty", { ...good, name: "   " }, 400, "name"),
    accept("name of 10 kB", { ...good, name: TEN_KB }, 400, "name"),
    accept("password too short", { ...good, password: "short" }, 400, "password"),
    accept("password is a number", { ...good, password: 12345678901234 }, 400, "password"),
    accept("password of 10 kB", { ...good, password: TEN_KB }, 400, "password"),
    accept("an unknown field", { ...good, role: "admin" }, 400, "role"),
    {
      name: "accept: text/plain",
      send: () =>
        anonymous.fetch("/api/v1/invitations/accept", {
          method: "POST",
          data: Buffer.from(JSON.stringify(good)),
          headers: { "Content-Type": "text/plain", "X-Forwarded-For": nextClient() },
        }),
      status: 415,
    },
    {
      name: "accept: invalid JSON",
      send: () =>
        anonymous.fetch("/api/v1/invitations/accept", {
          method: "POST",
          data: Buffer.from("{token"),
          headers: { "Content-Type": "application/json", "X-Forwarded-For": nextClient() },
        }),
      status: 400,
      param: "body",
    },
  ]);
});

/** Sign-in with a fresh client (no cookie), from the address given. */
async function signIn(address: string, body: string, type = "application/json") {
  const ctx = await context({ Origin: BASE });
  return ctx.fetch("/api/auth/sign-in/email", {
    method: "POST",
    data: Buffer.from(body),
    headers: { "Content-Type": type, "X-Forwarded-For": address },
  });
}

test("sign-in: an unknown email and a wrong password get the same answer; hostile bodies are 4xx", async () => {
  test.setTimeout(120_000);
  const cred = (email: unknown, password: unknown) => JSON.stringify({ email, password });
  const unknown = await signIn(nextClient(), cred("nobody.hostile@example.org", PASSWORD));
  const wrong = await signIn(nextClient(), cred(fx.coderEmail, "not the password at all"));
  record("sign-in: unknown email", unknown.status());
  record("sign-in: wrong password", wrong.status());
  expect(unknown.status()).toBe(401);
  expect(wrong.status()).toBe(401);
  expect(await unknown.json()).toEqual(await wrong.json());
  expect(unknown.headers()["set-cookie"]).toBeUndefined();
  expect(wrong.headers()["set-cookie"]).toBeUndefined();

  const signInCase = (name: string, body: string, status: number, type?: string): Refusal => ({
    name: `sign-in: ${name}`,
    send: () => signIn(nextClient(), body, type),
    status,
  });
  await expectAllRefused([
    signInCase("invalid JSON", "{email", 400),
    signInCase("null", "null", 400),
    signInCase("an empty body", "", 400),
    signInCase("email is a number", cred(5, PASSWORD), 401),
    signInCase("email is an array", cred([fx.coderEmail], PASSWORD), 401),
    signInCase("email is an object", cred({ $ne: null }, PASSWORD), 401),
    signInCase("password is an object", cred(fx.coderEmail, { $ne: null }), 401),
    signInCase("password is missing", JSON.stringify({ email: fx.coderEmail }), 401),
    signInCase("NUL in the email", cred("a\u0000b@example.org", PASSWORD), 401),
    // (Not a trailing NUL: scrypt, like any HMAC-based hash, pads a short password with zero bytes,
    // so PASSWORD + "\u0000" is the same key as PASSWORD.)
    signInCase("NUL in the password", cred(fx.coderEmail, `a long\u0000enough test password`), 401),
    signInCase("10 kB email", cred(`${TEN_KB}@example.org`, PASSWORD), 401),
    signInCase("10 kB password", cred(fx.coderEmail, TEN_KB), 401),
    signInCase("SQL in the email", cred("' OR 1=1 --@example.org", PASSWORD), 401),
    signInCase("text/plain", cred(fx.coderEmail, PASSWORD), 415, "text/plain"),
    signInCase(
      "form-encoded",
      `email=${encodeURIComponent(fx.coderEmail)}&password=x`,
      415,
      "application/x-www-form-urlencoded",
    ),
    {
      name: "sign-in: a 300 kB body",
      send: () => signIn(nextClient(), cred(fx.coderEmail, "p".repeat(300 * 1024))),
      status: 413,
    },
    {
      name: "sign-up is not offered",
      send: () =>
        anonymous.post("/api/auth/sign-up/email", {
          data: { email: "new.hostile@example.org", password: PASSWORD, name: "x" },
        }),
      status: 404,
    },
    {
      name: "auth: traversal past the auth routes",
      send: () => anonymous.get("/api/auth/..%2F..%2Fetc%2Fpasswd"),
      status: 404,
    },
    {
      name: "auth: a password reset (no mail server)",
      send: () =>
        anonymous.post("/api/auth/request-password-reset", { data: { email: fx.coderEmail } }),
      status: 404,
    },
  ]);
});

test("sign-in: 10 failures for one account from one address answer 429, even with the right password", async () => {
  test.setTimeout(120_000);
  const address = nextClient();
  const wrong = JSON.stringify({ email: fx.coderEmail, password: "wrong password, again" });
  const before = await codingChecksum();
  for (let i = 1; i <= 10; i++) {
    const res = await signIn(address, wrong);
    record(`sign-in failure ${i}`, res.status());
    expect(res.status(), `failure ${i}`).toBe(401);
  }
  for (const [what, body] of [
    ["an 11th wrong password", wrong],
    ["the right password", JSON.stringify({ email: fx.coderEmail, password: PASSWORD })],
  ]) {
    const res = await signIn(address, body);
    record(`sign-in after 10 failures: ${what}`, res.status());
    expect(res.status(), what).toBe(429);
    expect(Number(res.headers()["retry-after"]), what).toBeGreaterThan(0);
    expect(typeof (await res.json()).error, what).toBe("string");
    expect(res.headers()["set-cookie"], what).toBeUndefined();
  }
  // Failed sign-ins changed no row.
  expect(await codingChecksum()).toEqual(before);
  // The limit is per account and address: another address, or another account, still signs in.
  const elsewhere = await signIn(
    nextClient(),
    JSON.stringify({ email: fx.coderEmail, password: PASSWORD }),
  );
  record("sign-in from another address", elsewhere.status());
  expect(elsewhere.status()).toBe(200);
});

/** A multipart upload to the project import: `file` (a .qdpx unless named) and the fields. */
function projectUpload(
  name: string,
  bytes: Buffer | null,
  refusal: { status: number; param?: string; says?: RegExp },
  fields: Record<string, string> = {},
  filename = "hostile.qdpx",
): Refusal {
  return {
    name: `import project: ${name}`,
    send: () => {
      const file = bytes && { bytes, name: filename, type: "application/zip" };
      const { body, type } = multipart(file, { dryRun: "false", ...fields });
      return raw(admin, "POST", "/api/v1/import/project", body, type);
    },
    param: "file",
    ...refusal,
  };
}

const PROJECT_HEAD = `<?xml version="1.0" encoding="utf-8"?>\n`;
const project = (inner = "", attributes = "") =>
  `${PROJECT_HEAD}<Project xmlns="${QDA_NAMESPACE}" name="hostile ${RUN}"${attributes}>${inner}</Project>`;

/** A zip whose entry is named with `name` although zip libraries refuse to write such names. */
async function zipNamed(name: string, data: string): Promise<Buffer> {
  const stand = "x".repeat(Buffer.byteLength(name));
  const bytes = await zip([
    ["project.qde", project()],
    [stand, data],
  ]);
  // The name is stored twice (local header, central directory); the CRC covers only the data.
  return Buffer.from(bytes.toString("latin1").split(stand).join(name), "latin1");
}

test("import project: broken, hostile and oversized files are refused naming the file and change nothing", async () => {
  test.setTimeout(240_000);
  const user = `<Users><User guid="${guid()}" name="H"/></Users>`;
  const sourceGuid = guid();
  const missingSource = project(
    `${user}<Sources><TextSource guid="${sourceGuid}" name="gone" plainTextPath="internal://${sourceGuid}.txt"/></Sources>`,
  );
  const laughs =
    `${PROJECT_HEAD}<!DOCTYPE Project [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
    `<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
    `<Project xmlns="${QDA_NAMESPACE}" name="&d;"/>`;
  const xxe =
    `${PROJECT_HEAD}<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
    `<Project xmlns="${QDA_NAMESPACE}" name="&x;"/>`;
  const many: [string, string][] = [["project.qde", project()]];
  for (let i = 0; i < 20_001; i++) many.push([`Sources/${i}.txt`, "x"]);
  const bad = (status: number, says?: RegExp) => ({ status, says });
  await expectAllRefused([
    projectUpload("no file", null, { status: 400 }),
    projectUpload(
      "plain text, not a zip",
      Buffer.from("not a zip at all"),
      bad(400, /hostile\.qdpx/),
    ),
    projectUpload(
      "a zip without project.qde",
      await zip([["notes.txt", "hello"]]),
      bad(400, /project\.qde/),
    ),
    projectUpload(
      "project.qde that is not XML",
      await qdpx("this is not XML <"),
      bad(400, /project\.qde/),
    ),
    projectUpload(
      "a wrong namespace",
      await qdpx(`${PROJECT_HEAD}<Project xmlns="urn:example:other" name="x"/>`),
      bad(400, /namespace/i),
    ),
    projectUpload("an external entity (XXE)", await qdpx(xxe), bad(400, /project\.qde/)),
    projectUpload("billion laughs", await qdpx(laughs), bad(400, /project\.qde/)),
    projectUpload(
      "a source file that is missing",
      await qdpx(missingSource),
      bad(400, /gone|source/i),
    ),
    projectUpload(
      "path traversal in an entry name",
      await zipNamed("../../etc/evil.txt", "x"),
      bad(400, /evil\.txt/),
    ),
    projectUpload(
      "an absolute entry name",
      await zipNamed("/etc/evil.txt", "x"),
      bad(400, /evil\.txt/),
    ),
    projectUpload(
      "a zip bomb (one entry of 60 MB of zeros)",
      await zip([
        ["project.qde", project()],
        ["Sources/bomb.txt", Buffer.alloc(60 * MB)],
      ]),
      bad(400, /bomb\.txt|MB|large/i),
    ),
    projectUpload("20,001 entries", await zip(many), bad(400, /entries/i)),
    projectUpload(
      "dryRun that is no boolean",
      await emptyProject("h"),
      { status: 400, param: "dryRun" },
      { dryRun: "maybe" },
    ),
    projectUpload(
      "an unknown outlet",
      await emptyProject("h"),
      { status: 400, param: "outlet" },
      { outlet: "no-such-outlet" },
    ),
    projectUpload(
      "an unknown genre",
      await emptyProject("h"),
      { status: 400, param: "genre" },
      { genre: "poem" },
    ),
    projectUpload(
      "a language that is no ISO code",
      await emptyProject("h"),
      { status: 400, param: "language" },
      { language: "english" },
    ),
    projectUpload(
      "a hand mapping to a code the codebook lacks",
      await emptyProject("h"),
      { status: 400, param: "code:5A7C0C1E-1111-4222-8333-944445555666" },
      { "code:5A7C0C1E-1111-4222-8333-944445555666": "ties/no_such_code" },
    ),
    {
      name: "import project: a JSON body",
      send: () => json(admin, "POST", "/api/v1/import/project", { file: "project.qde" }),
      status: 415,
    },
  ]);

  // 200 MB, declared and chunked: refused before the server has read it all.
  const before = await codingChecksum();
  const head =
    '--x\r\nContent-Disposition: form-data; name="file"; filename="huge.qdpx"\r\n' +
    "Content-Type: application/zip\r\n\r\n";
  for (const declare of [true, false]) {
    const what = `import project: 200 MB upload (${declare ? "Content-Length" : "chunked"})`;
    const { status, body, sent } = await streamUpload(200 * MB, declare, {
      path: "/api/v1/import/project",
      type: "multipart/form-data; boundary=x",
      head,
    });
    record(what, status);
    expect(status, `${what}: ${body.slice(0, 200)}`).toBe(413);
    expect(typeof JSON.parse(body).error, what).toBe("string");
    expect(sent, `${what}: bytes sent when the answer came`).toBeLessThan(160 * MB);
  }
  expect(await codingChecksum()).toEqual(before);
});

test("no request in this suite was answered with a 5xx", async () => {
  const errors = seen.filter((s) => s.status >= 500);
  expect(errors).toEqual([]);
});
