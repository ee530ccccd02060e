import {
  type APIRequestContext,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import {
  CODING_BASE_URL as BASE,
  codingChecksum,
  codingSql,
  createAccount,
  createToken,
  signInRequest,
  uniqueCoderKey,
} from "./accounts";
import { emptyProject } from "./qdpx";

/*
 * Authorisation is checked on the server for every write. Each write endpoint is called by every
 * kind of caller; the refused ones answer 401 or 403 with a JSON message and change no row, the
 * permitted one succeeds. Callers: anonymous, the coder the data belongs to, another coder, an
 * admin, a deactivated user (session and token), a bad token and an expired session.
 */

type Caller =
  | "anonymous"
  | "coder"
  | "otherCoder"
  | "admin"
  | "deactivatedSession"
  | "deactivatedToken"
  | "badToken"
  | "expiredSession";
const CALLERS: Caller[] = [
  "anonymous",
  "coder",
  "otherCoder",
  "admin",
  "deactivatedSession",
  "deactivatedToken",
  "badToken",
  "expiredSession",
];

interface Fixture {
  slug: string;
  passageId: number;
  deletedHistoryId: number;
  coderKey: string;
  /** A coder nobody else uses, for the assignment endpoints. */
  spareKey: string;
  /** An article the coder and the other coder both marked done, disagreeing on its tone. */
  doubleSlug: string;
  otherKey: string;
  adminUserId: string;
  coderUserId: string;
  version: () => Promise<number>;
}

let contexts: Record<Caller, APIRequestContext>;
let fx: Fixture;
const disposables: APIRequestContext[] = [];

async function context(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: headers });
  disposables.push(ctx);
  return ctx;
}

async function sessionContext(email: string): Promise<APIRequestContext> {
  const ctx = await context({ Origin: BASE });
  await signInRequest(ctx, email);
  return ctx;
}

const PAGE = (n: number) =>
  `Seoul weighs its answer ${n}\nBy A. Reporter\n\nMoscow and Pyongyang signed a treaty on June 19, 2024. ` +
  `Officials in Seoul said the pact changes the calculus of arms support to Ukraine. ${"Analysts disagree. ".repeat(20)}`;

function importBody(n: number) {
  return {
    source: PAGE(n),
    filename: `authz-${n}.txt`,
    outlet: "hankyoreh",
    genre: "news_report",
    language: "en",
    published: {
      date: "2024-06-20",
      precision: "inferred",
      reason: "authorisation test fixture: no date on the page",
    },
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const coderKey = uniqueCoderKey("AZ-A");
  const spareKey = uniqueCoderKey("AZ-F");
  const otherKey = uniqueCoderKey("AZ-B");
  await createAccount({ who: "authz-spare", role: "coder", coderKey: spareKey });
  const [adminEmail, coderEmail, otherEmail, deactivatedEmail, expiredEmail] = await Promise.all([
    createAccount({ who: "authz-admin", role: "admin", coderKey: uniqueCoderKey("AZ-ADM") }),
    createAccount({ who: "authz-coder", role: "coder", coderKey }),
    createAccount({ who: "authz-other", role: "coder", coderKey: otherKey }),
    createAccount({ who: "authz-deactivated", role: "coder", coderKey: uniqueCoderKey("AZ-D") }),
    createAccount({ who: "authz-expired", role: "coder", coderKey: uniqueCoderKey("AZ-E") }),
  ]);
  const [adminToken, deactivatedToken] = await Promise.all([
    createToken(adminEmail),
    createToken(deactivatedEmail),
  ]);
  const admin = await context({ Authorization: `Bearer ${adminToken}` });
  contexts = {
    anonymous: await context({ Origin: BASE }),
    coder: await sessionContext(coderEmail),
    otherCoder: await sessionContext(otherEmail),
    admin: await sessionContext(adminEmail),
    deactivatedSession: await sessionContext(deactivatedEmail),
    deactivatedToken: await context({ Authorization: `Bearer ${deactivatedToken}` }),
    badToken: await context({
      Authorization: "Bearer fst_not-a-real-token-at-all-0000000000000000",
    }),
    expiredSession: await sessionContext(expiredEmail),
  };
  // Deactivate one account (its session and token stop working at once); age another's session.
  const [deactivated] = await codingSql<{ id: string }>(
    "SELECT id FROM auth_user WHERE email = $1",
    [deactivatedEmail],
  );
  const off = await admin.patch(`/api/v1/users/${deactivated.id}`, { data: { active: false } });
  expect(off.status(), await off.text()).toBe(200);
  await codingSql(
    `UPDATE auth_session SET expires_at = now() - interval '1 minute'
     WHERE user_id = (SELECT id FROM auth_user WHERE email = $1)`,
    [expiredEmail],
  );

  // An imported article assigned to the coder, with one passage and one deleted passage.
  const imported = await admin.post("/api/v1/articles", { data: importBody(0) });
  expect(imported.status(), await imported.text()).toBe(201);
  const { slug } = await imported.json();
  const assigned = await admin.post(`/api/v1/articles/${slug}/assignments`, {
    data: { coder: coderKey },
  });
  expect(assigned.status(), await assigned.text()).toBe(201);
  const coder = contexts.coder;
  const add = async (start: number, baseVersion: number) => {
    const res = await coder.post(`/api/v1/articles/${slug}/passages`, {
      data: { dimension: "ties", code: "security_threat", start, end: start + 20, baseVersion },
    });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  const p1 = await add(40, 0);
  const p2 = await add(80, p1.version);
  const del = await coder.delete(`/api/v1/passages/${p2.passage.id}`, {
    data: { baseVersion: p2.version },
  });
  expect(del.status(), await del.text()).toBe(200);
  const [history] = await codingSql<{ id: string }>(
    "SELECT id::text FROM coding_history WHERE passage_id = $1 AND action = 'passage.delete'",
    [p2.passage.id],
  );
  // A second article both coders mark done, agreeing on weapons and not on tone: one disagreement
  // for the adjudication endpoints.
  const double = await admin.post("/api/v1/articles", {
    data: { ...importBody(1), assign: [coderKey, otherKey] },
  });
  expect(double.status(), await double.text()).toBe(201);
  const doubleSlug: string = (await double.json()).slug;
  for (const [ctx, tone] of [
    [coder, "critical"],
    [contexts.otherCoder, "neutral"],
  ] as const) {
    const codes = await ctx.put(`/api/v1/articles/${doubleSlug}/article-codes`, {
      data: { weapons: { code: "oppose" }, tone_gov: { code: tone }, baseVersion: 0 },
    });
    expect(codes.status(), await codes.text()).toBe(200);
    const done = await ctx.post(`/api/v1/articles/${doubleSlug}/done`, { data: {} });
    expect(done.status(), await done.text()).toBe(200);
  }
  const [ids] = await codingSql<{ admin: string; coder: string }>(
    "SELECT (SELECT id FROM auth_user WHERE email = $1) AS admin, (SELECT id FROM auth_user WHERE email = $2) AS coder",
    [adminEmail, coderEmail],
  );
  fx = {
    slug,
    passageId: p1.passage.id,
    deletedHistoryId: Number(history.id),
    coderKey,
    spareKey,
    doubleSlug,
    otherKey,
    adminUserId: ids.admin,
    coderUserId: ids.coder,
    version: async () => {
      const res = await coder.get(`/api/v1/articles/${slug}/codings?coder=me`);
      return (await res.json()).version;
    },
  };
});

test.afterAll(async () => {
  await Promise.all(disposables.map((c) => c.dispose()));
});

interface Endpoint {
  name: string;
  /** The callers that may make this request; everyone else is refused. */
  allowed: Caller[];
  /** For callers with valid credentials but no right: 403 (401 for the credential-less kinds). */
  send: (ctx: APIRequestContext, version: number) => ReturnType<APIRequestContext["fetch"]>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "POST /api/v1/articles (import)",
    allowed: ["admin"],
    send: (ctx) => ctx.post("/api/v1/articles", { data: importBody(Date.now()) }),
  },
  {
    name: "POST /api/v1/articles/preview",
    allowed: ["admin"],
    send: (ctx) =>
      ctx.post("/api/v1/articles/preview", { data: { source: PAGE(1), filename: "p.txt" } }),
  },
  {
    name: "POST /api/v1/import/project",
    allowed: ["admin"],
    send: async (ctx) =>
      ctx.post("/api/v1/import/project", {
        multipart: {
          file: {
            name: "authz.qdpx",
            mimeType: "application/zip",
            buffer: await emptyProject("authz"),
          },
          dryRun: "false",
        },
      }),
  },
  {
    name: "POST /api/v1/articles/{slug}/assignments (assign another coder)",
    allowed: ["admin"],
    send: (ctx) =>
      ctx.post(`/api/v1/articles/${fx.slug}/assignments`, { data: { coder: fx.spareKey } }),
  },
  {
    name: "POST /api/v1/articles/{slug}/passages",
    allowed: ["coder"],
    send: (ctx, v) =>
      ctx.post(`/api/v1/articles/${fx.slug}/passages`, {
        data: { dimension: "blame", code: "russia", start: 0, end: 10, baseVersion: v },
      }),
  },
  {
    name: "PATCH /api/v1/passages/{id}",
    allowed: ["coder"],
    send: (ctx, v) =>
      ctx.patch(`/api/v1/passages/${fx.passageId}`, { data: { note: "changed", baseVersion: v } }),
  },
  {
    name: "PUT /api/v1/articles/{slug}/article-codes",
    allowed: ["coder"],
    send: (ctx, v) =>
      ctx.put(`/api/v1/articles/${fx.slug}/article-codes`, {
        data: { weapons: { code: "oppose" }, tone_gov: { code: "neutral" }, baseVersion: v },
      }),
  },
  {
    name: "POST /api/v1/history/{id}/restore",
    allowed: ["coder", "admin"],
    send: (ctx, v) =>
      ctx.post(`/api/v1/history/${fx.deletedHistoryId}/restore`, { data: { baseVersion: v } }),
  },
  {
    name: "POST /api/v1/articles/{slug}/done",
    allowed: ["coder"],
    send: (ctx, v) => ctx.post(`/api/v1/articles/${fx.slug}/done`, { data: { baseVersion: v } }),
  },
  {
    name: "DELETE /api/v1/articles/{slug}/done (reopen)",
    allowed: ["coder"],
    send: (ctx) => ctx.delete(`/api/v1/articles/${fx.slug}/done`),
  },
  {
    name: "DELETE /api/v1/passages/{id}",
    allowed: ["coder"],
    send: (ctx, v) => ctx.delete(`/api/v1/passages/${fx.passageId}`, { data: { baseVersion: v } }),
  },
  {
    name: "DELETE /api/v1/articles/{slug}/assignments/{coder}",
    allowed: ["admin"],
    send: (ctx) => ctx.delete(`/api/v1/articles/${fx.slug}/assignments/${fx.spareKey}`),
  },
  {
    name: "POST /api/v1/invitations",
    allowed: ["admin"],
    send: (ctx) =>
      ctx.post("/api/v1/invitations", {
        data: { email: `invitee.${Date.now()}@example.org`, role: "coder" },
      }),
  },
  {
    name: "PATCH /api/v1/users/{id} (change a role)",
    allowed: ["admin"],
    send: (ctx) => ctx.patch(`/api/v1/users/${fx.coderUserId}`, { data: { role: "coder" } }),
  },
  {
    name: "PUT /api/v1/articles/{slug}/adjudication/decisions/{key}",
    allowed: ["admin"],
    send: (ctx) =>
      ctx.put(`/api/v1/articles/${fx.doubleSlug}/adjudication/decisions/tone_gov`, {
        data: { a: fx.coderKey, b: fx.otherKey, choice: "a", reason: "authorisation matrix" },
      }),
  },
  {
    // After the decision above no item is open, so the permitted call (re)builds REF.
    name: "PUT /api/v1/articles/{slug}/adjudication (build REF)",
    allowed: ["admin"],
    send: (ctx) =>
      ctx.put(`/api/v1/articles/${fx.doubleSlug}/adjudication`, {
        data: { a: fx.coderKey, b: fx.otherKey },
      }),
  },
  {
    // null keeps the built-in default coder, so the other specs' dashboards do not change.
    name: "PUT /api/v1/settings",
    allowed: ["admin"],
    send: (ctx) => ctx.put("/api/v1/settings", { data: { defaultCoder: null } }),
  },
];

/** The status a caller without the right gets: 401 without working credentials, else 403. */
function refusal(caller: Caller): 401 | 403 {
  return caller === "coder" || caller === "otherCoder" || caller === "admin" ? 403 : 401;
}

test.describe.configure({ mode: "serial" });

for (const endpoint of ENDPOINTS) {
  test(`${endpoint.name}: refused callers get 401/403 and change nothing; the permitted one succeeds`, async () => {
    for (const caller of CALLERS) {
      if (endpoint.allowed.includes(caller)) continue;
      const before = await codingChecksum();
      const res = await endpoint.send(contexts[caller], await fx.version());
      const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
      expect(res.status(), `${caller}: ${JSON.stringify(body)}`).toBe(refusal(caller));
      expect(typeof body?.error, `${caller}: a JSON message`).toBe("string");
      expect(await codingChecksum(), `${caller}: no row changed`).toEqual(before);
    }
    const caller = endpoint.allowed[0];
    const res = await endpoint.send(contexts[caller], await fx.version());
    expect(res.status(), `${caller}: ${await res.text()}`).toBeLessThan(300);
  });
}

test("a cookie-authenticated write from another origin, or with no Origin, is refused (CSRF) and changes nothing", async () => {
  const email = await createAccount({
    who: "authz-csrf",
    role: "admin",
    coderKey: uniqueCoderKey("AZ-C"),
  });
  for (const origin of ["http://evil.example", null]) {
    const ctx = await context(origin ? { Origin: origin } : {});
    const signIn = await ctx.post("/api/auth/sign-in/email", {
      data: { email, password: "a long enough test password" },
      headers: { Origin: BASE },
    });
    expect(signIn.ok()).toBe(true);
    const before = await codingChecksum();
    const res = await ctx.post("/api/v1/invitations", {
      data: { email: "csrf@example.org", role: "coder" },
    });
    expect(res.status(), `Origin ${origin}`).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/origin/i);
    expect(await codingChecksum()).toEqual(before);
  }
});

test("reading stays public: the dashboard, an article, compare, the codebook open without signing in", async ({
  page,
}) => {
  for (const path of ["/", "/compare", "/codebook", `/articles/${fx.slug}`]) {
    const res = await page.goto(`${BASE}${path}`);
    expect(res?.status(), path).toBe(200);
  }
  const res = await page.goto(`${BASE}/code`);
  expect(new URL(page.url()).pathname, "an anonymous visitor is sent to sign in").toBe("/sign-in");
  expect(res?.status()).toBe(200);
});
