import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as articleCodesRoute from "../../api/v1/articles/[slug]/article-codes/route";
import * as assignmentsRoute from "../../api/v1/articles/[slug]/assignments/route";
import * as codingsRoute from "../../api/v1/articles/[slug]/codings/route";
import * as doneRoute from "../../api/v1/articles/[slug]/done/route";
import * as historyRoute from "../../api/v1/articles/[slug]/history/route";
import * as passagesRoute from "../../api/v1/articles/[slug]/passages/route";
import * as restoreRoute from "../../api/v1/history/[id]/restore/route";
import * as myAssignmentsRoute from "../../api/v1/me/assignments/route";
import * as passageRoute from "../../api/v1/passages/[id]/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { createApiToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { getDb } from "../db";

/*
 * The coding routes' HTTP shapes, called in-process with a real API token: status codes, bodies,
 * optional bodies and `?baseVersion=`. (Who may call what is the authorisation matrix's job.)
 */

const ORIGIN = "http://localhost:3000";
let token: string;
let slug: string;

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

async function call(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  body?: unknown,
  contentType = "application/json",
) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (body !== undefined) headers.set("content-type", contentType);
  const req = new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  expect(res.headers.get("cache-control")).toBe("no-store");
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  const url = await recreateDatabase("t_coding_routes");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  const user = await createUser({
    email: "r@example.org",
    password: "a-long-password-1",
    role: "coder",
    coderKey: "R-1",
  });
  token = await createApiToken(user.id, "test");
  const article = await getDb().article.findFirstOrThrow({
    where: { origin: "seed" },
    orderBy: { id: "asc" },
  });
  slug = article.slug;
});

afterAll(async () => {
  await getDb().$disconnect();
});

it("codes an article over HTTP: take, code, refuse, delete, restore, done, reopen", async () => {
  const p = { slug };
  const taken = await call(
    assignmentsRoute.POST,
    "POST",
    `/api/v1/articles/${slug}/assignments`,
    p,
    { coder: "R-1" },
  );
  // A seed article is already assigned (to FS-1): a coder takes only unassigned articles.
  expect(taken.status).toBe(403);
  const fresh = await getDb().article.create({
    data: {
      slug: "route-test",
      outletId: (await getDb().outlet.findFirstOrThrow()).id,
      headline: "Route test",
      genre: "column",
      publishedAt: new Date("2024-06-14T00:00:00Z"),
      datePrecision: "exact",
      language: "en",
      sourceFile: "route-test.txt",
      body: "One sentence here. Another one there.",
      captions: [],
      contentHash: "route-test",
    },
  });
  const q = { slug: fresh.slug };
  const take = await call(
    assignmentsRoute.POST,
    "POST",
    "/api/v1/articles/route-test/assignments",
    q,
    { coder: "R-1" },
  );
  expect(take.status).toBe(201);
  expect(take.json).toMatchObject({ article: "route-test", coder: "R-1", articlePublic: false });

  const empty = await call(
    codingsRoute.GET,
    "GET",
    "/api/v1/articles/route-test/codings?coder=me",
    q,
  );
  expect(empty.json).toMatchObject({
    article: "route-test",
    coder: "R-1",
    version: 0,
    passages: [],
    articleCodes: {},
  });

  const bad = await call(passagesRoute.POST, "POST", "/api/v1/articles/route-test/passages", q, {
    dimension: "ties",
    code: "security_threat",
    start: 5,
    end: 500,
    baseVersion: 7,
  });
  expect(bad.status).toBe(400);
  expect(bad.json.issues).toEqual([{ param: "end", message: expect.stringContaining("outside") }]);

  const added = await call(passagesRoute.POST, "POST", "/api/v1/articles/route-test/passages", q, {
    dimension: "ties",
    code: "security_threat",
    start: 0,
    end: 18,
    baseVersion: 0,
  });
  expect(added.status).toBe(201);
  expect(added.json).toEqual({
    version: 1,
    passage: {
      id: expect.any(Number),
      dimension: "ties",
      code: "security_threat",
      start: 0,
      end: 18,
      quote: "One sentence here.",
      note: null,
      voice: "unclear",
    },
  });
  const id = String(added.json.passage.id);

  const stale = await call(
    passageRoute.PATCH,
    "PATCH",
    `/api/v1/passages/${id}`,
    { id },
    { note: "x", baseVersion: 0 },
  );
  expect(stale.status).toBe(409);
  expect(stale.json).toMatchObject({ version: 1, error: expect.any(String) });

  const noVersion = await call(passageRoute.DELETE, "DELETE", `/api/v1/passages/${id}`, { id });
  expect(noVersion.status).toBe(400);
  expect(noVersion.json.issues[0].param).toBe("baseVersion");
  const notAnId = await call(passageRoute.DELETE, "DELETE", "/api/v1/passages/abc?baseVersion=1", {
    id: "abc",
  });
  expect(notAnId.status).toBe(400);
  expect(notAnId.json.issues[0].param).toBe("id");

  const deleted = await call(
    passageRoute.DELETE,
    "DELETE",
    `/api/v1/passages/${id}?baseVersion=1`,
    { id },
  );
  expect(deleted.status).toBe(200);
  expect(deleted.json).toEqual({ version: 2, historyId: expect.any(Number) });

  const restored = await call(
    restoreRoute.POST,
    "POST",
    `/api/v1/history/${deleted.json.historyId}/restore`,
    { id: String(deleted.json.historyId) },
    { baseVersion: 2 },
  );
  expect(restored.status).toBe(201);
  expect(restored.json).toMatchObject({
    version: 3,
    passage: { id: Number(id), quote: "One sentence here." },
  });

  const notJson = await call(
    doneRoute.POST,
    "POST",
    "/api/v1/articles/route-test/done",
    q,
    "done",
    "text/plain",
  );
  expect(notJson.status).toBe(415);
  const notSet = await call(doneRoute.POST, "POST", "/api/v1/articles/route-test/done", q);
  expect(notSet.status).toBe(400);
  expect(notSet.json.issues.map((i: { param: string }) => i.param)).toEqual([
    "weapons",
    "tone_gov",
  ]);

  const codes = await call(
    articleCodesRoute.PUT,
    "PUT",
    "/api/v1/articles/route-test/article-codes",
    q,
    {
      weapons: { code: "oppose", note: "says no" },
      tone_gov: { code: "critical" },
      baseVersion: 3,
    },
  );
  expect(codes.status).toBe(200);
  expect(codes.json).toEqual({
    version: 4,
    articleCodes: {
      weapons: { code: "oppose", note: "says no" },
      tone_gov: { code: "critical", note: null },
    },
  });

  const done = await call(doneRoute.POST, "POST", "/api/v1/articles/route-test/done", q);
  expect(done.status).toBe(200);
  expect(done.json).toEqual({ version: 5, doneAt: expect.any(String), articlePublic: true });

  const mine = await call(myAssignmentsRoute.GET, "GET", "/api/v1/me/assignments", {});
  expect(mine.json.assignments).toEqual([
    expect.objectContaining({
      article: expect.objectContaining({ slug: "route-test", publishedAt: "2024-06-14" }),
      progress: { passages: 1, articleCodes: { weapons: true, tone_gov: true }, done: true },
    }),
  ]);

  const reopened = await call(
    doneRoute.DELETE,
    "DELETE",
    "/api/v1/articles/route-test/done?baseVersion=5",
    q,
  );
  expect(reopened.json).toEqual({ version: 6, articlePublic: false });

  const history = await call(
    historyRoute.GET,
    "GET",
    "/api/v1/articles/route-test/history?coder=R-1",
    q,
  );
  expect(history.json.entries.map((e: { action: string }) => e.action)).toEqual([
    "reopen",
    "done",
    "article_codes.set",
    "passage.restore",
    "passage.delete",
    "passage.add",
    "assign",
  ]);
  const unknownParam = await call(
    historyRoute.GET,
    "GET",
    "/api/v1/articles/route-test/history?who=me",
    q,
  );
  expect(unknownParam.status).toBe(400);
  const missing = await call(codingsRoute.GET, "GET", "/api/v1/articles/no-such/codings", {
    slug: "no-such",
  });
  expect(missing.status).toBe(404);
});
