import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as agreementRoute from "../../api/v1/agreement/route";
import * as articleCodesRoute from "../../api/v1/articles/[slug]/article-codes/route";
import * as assignmentsRoute from "../../api/v1/articles/[slug]/assignments/route";
import * as doneRoute from "../../api/v1/articles/[slug]/done/route";
import * as passagesRoute from "../../api/v1/articles/[slug]/passages/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import {
  FIXTURE_CODER,
  FIXTURE_CODINGS,
  fixturePassages,
} from "../../../scripts/lib/testing/agreement-fixture";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { alphaOfMatrix } from "../agreement/alpha";
import { createApiToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { getDb } from "../db";

/*
 * GET /api/v1/agreement in-process: filters and `coders` checked (400 naming the field), fewer
 * than two coders answered with reasons, and a coding entered over the coding API of 3/6 showing
 * at the very next request.
 */

const ORIGIN = "http://localhost:3000";
type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

let adminToken: string;
let coderToken: string;

async function call(
  handler: Handler,
  method: string,
  path: string,
  opts: { token?: string; params?: Record<string, string>; body?: unknown } = {},
) {
  const headers = new Headers();
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const req = new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, json: await res.json() };
}

const agreement = (query = "") =>
  call(agreementRoute.GET, "GET", `/api/v1/agreement${query ? `?${query}` : ""}`);

beforeAll(async () => {
  const url = await recreateDatabase("t_agreement_api");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  const admin = await createUser({
    email: "admin@example.org",
    password: "a-long-password-1",
    role: "admin",
  });
  const coder = await createUser({
    email: "fixture-b@example.org",
    password: "a-long-password-1",
    role: "coder",
    coderKey: FIXTURE_CODER,
  });
  adminToken = await createApiToken(admin.id, "test");
  coderToken = await createApiToken(coder.id, "test");
  const db = getDb();
  await db.coder.upsert({
    where: { key: "REF" },
    create: { key: "REF", name: "Reference coding", kind: "adjudicated" },
    update: {},
  });
  await db.coder.create({ data: { key: "AUTO-T", name: "Automatic", kind: "automatic" } });
});

afterAll(async () => {
  await getDb().$disconnect();
});

it("answers every dimension with a reason while FS-1 is the only coder", async () => {
  const res = await agreement("outlets=hankyoreh&coder=FS-1&unit=articles");
  expect(res.status).toBe(200);
  expect(res.json.coders).toEqual(["FS-1"]);
  expect(res.json.dimensions).toHaveLength(6);
  for (const d of res.json.dimensions)
    expect(d).toMatchObject({
      alpha: null,
      ci: null,
      reason: "needs a second coder: only FS-1 completed these articles",
    });
  const named = await agreement("coders=FS-1");
  expect(named.status).toBe(200);
  expect(named.json.dimensions[0]).toMatchObject({ alpha: null, reason: expect.any(String) });
});

it("refuses coders that cannot take part with 400 naming `coders`", async () => {
  for (const [query, message] of [
    ["coders=FS-1,NOBODY", /unknown coder "NOBODY"/],
    ["coders=FS-1,REF", /REF is the reference coding/],
    ["coders=AUTO-T,FS-1", /AUTO-T is an automatic coder/],
  ] as const) {
    const res = await agreement(query);
    expect(res.status, query).toBe(400);
    expect(res.json.error).toBe("invalid parameter: coders");
    expect(res.json.issues).toEqual([{ param: "coders", message: expect.stringMatching(message) }]);
  }
  const bad = await agreement("outlets=nowhere&from=2024-13-01&dimension=ties");
  expect(bad.status).toBe(400);
  expect(bad.json.issues.map((i: { param: string }) => i.param).sort()).toEqual([
    "dimension",
    "from",
    "outlets",
  ]);
});

it("a coding entered over the coding API shows at the next request", async () => {
  const slugs = Object.keys(FIXTURE_CODINGS).slice(0, 3);
  for (const slug of slugs) {
    const params = { slug };
    const path = `/api/v1/articles/${slug}`;
    const assigned = await call(assignmentsRoute.POST, "POST", `${path}/assignments`, {
      token: adminToken,
      params,
      body: { coder: FIXTURE_CODER },
    });
    expect(assigned.status).toBe(201);
    let version = 0;
    for (const p of await fixturePassages(slug)) {
      const added = await call(passagesRoute.POST, "POST", `${path}/passages`, {
        token: coderToken,
        params,
        body: { ...p, baseVersion: version },
      });
      expect(added.status).toBe(201);
      version = added.json.version;
    }
    const plan = FIXTURE_CODINGS[slug];
    const codes = await call(articleCodesRoute.PUT, "PUT", `${path}/article-codes`, {
      token: coderToken,
      params,
      body: {
        weapons: { code: plan.weapons },
        tone_gov: { code: plan.tone_gov },
        baseVersion: version,
      },
    });
    expect(codes.status).toBe(200);
    // Before done the coding is hidden, and so is FS-1's on the same article.
    const hidden = await agreement();
    expect(hidden.json.dimensions[1].articles).toBe(slugs.indexOf(slug));
    const done = await call(doneRoute.POST, "POST", `${path}/done`, {
      token: coderToken,
      params,
      body: { baseVersion: codes.json.version },
    });
    expect(done.status).toBe(200);
  }
  // Weapons over three articles: (oppose, oppose) twice and (not_addressed, not_addressed).
  // Every pair agrees: alpha 1.
  const after = await agreement();
  expect(after.status).toBe(200);
  expect(after.json.coders).toEqual([FIXTURE_CODER, "FS-1"]);
  const weapons = after.json.dimensions.find((d: { key: string }) => d.key === "weapons");
  expect(weapons).toMatchObject({
    alpha: 1,
    units: 3,
    pairable: 6,
    articles: 3,
    metric: "nominal",
  });
  const tone = after.json.dimensions.find((d: { key: string }) => d.key === "tone_gov");
  // tone_gov: (sc, sc), (sc, critical), (neutral, neutral), ordinal; checked by the matrix method.
  expect(tone.alpha).toBeCloseTo(
    alphaOfMatrix(
      [
        [1, 1, 2],
        [1, 0, 2],
      ],
      "ordinal",
    ).alpha!,
    12,
  );
  expect(tone.ci).toHaveLength(2);
  const ties = after.json.dimensions.find((d: { key: string }) => d.key === "ties");
  expect(ties.categories).toHaveLength(6);
  expect(ties.unitizing).toMatchObject({ articles: 3, alpha: expect.any(Number) });

  // One more write, the weapons code of the third article: the next answer has it.
  const slug = slugs[2];
  const { version } = await getDb().assignment.findFirstOrThrow({
    where: { article: { slug }, coder: { key: FIXTURE_CODER } },
  });
  const changed = await call(
    articleCodesRoute.PUT,
    "PUT",
    `/api/v1/articles/${slug}/article-codes`,
    {
      token: coderToken,
      params: { slug },
      body: { weapons: { code: "support" }, baseVersion: version },
    },
  );
  expect(changed.status).toBe(200);
  const next = await agreement();
  const weaponsNext = next.json.dimensions.find((d: { key: string }) => d.key === "weapons");
  // (oppose, oppose) ×2, (not_addressed, support): α = 1 − (n.. − 1)·2 / Σ n_c n_k over c ≠ k
  // = 1 − 5·2 / (2·(4·1 + 4·1 + 1·1)) = 1 − 10/18 = 4/9.
  expect(weaponsNext.alpha).toBeCloseTo(4 / 9, 12);
  // The filters still apply: on JoongAng's one paired article both coded tone neutral.
  const joongang = await agreement("outlets=joongang-daily&coders=FS-1,FIXTURE-B");
  expect(joongang.status).toBe(200);
  expect(joongang.json.dimensions.find((d: { key: string }) => d.key === "tone_gov")).toMatchObject(
    {
      articles: 1,
      alpha: null,
      reason: expect.stringMatching(/^no variation/),
    },
  );
});
