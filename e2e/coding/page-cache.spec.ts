import {
  type APIRequestContext,
  type APIResponse,
  expect,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { readChartTable } from "../helpers";
import {
  CODING_BASE_URL as BASE,
  codingSql,
  createAccount,
  tokenContext,
  uniqueCoderKey,
} from "./accounts";

/*
 * The shared-link page cache (scripts/serve.ts) on the real server: a second anonymous reader of
 * a dashboard link is served the kept page, with a nonce of its own that the browser accepts; a
 * coding write is on the dashboard at the next request; signed-in readers and the router's own
 * fetches are never served a kept page.
 */

test.use({ baseURL: BASE });

const run = Date.now().toString(36);
const PAGE = [
  `Page cache fixture ${run}: Seoul weighs the pact`,
  "By A. Reporter",
  "Russia and North Korea signed a treaty this week, and Seoul called it a threat to the region.",
  "Officials said the government should keep talking to Moscow about the deal.",
].join("\n");
const QUOTE = "Seoul called it a threat to the region";

let coderKey = "";
let slug = "";
let coder: APIRequestContext;
let anonymous: APIRequestContext;

const cacheOf = (res: APIResponse) => res.headers()["x-framescope-page-cache"];
const nonceOf = (res: APIResponse) =>
  /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];

/**
 * Anonymous GETs of `url` until one is served from the cache: the first renders it, and a render
 * whose agreement badges were still computing when it was sent is not kept.
 */
async function kept(url: string): Promise<APIResponse> {
  for (let i = 0; i < 4; i++) {
    const res = await anonymous.get(url);
    expect(res.status()).toBe(200);
    if (cacheOf(res) === "hit") return res;
    expect(cacheOf(res)).toBe("miss");
  }
  throw new Error(`${url} was never served from the page cache`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  coderKey = uniqueCoderKey("PC");
  const [adminEmail, coderEmail] = await Promise.all([
    createAccount({ who: "page-cache-admin", role: "admin" }),
    createAccount({ who: "page-cache-coder", role: "coder", coderKey }),
  ]);
  const admin = await tokenContext(adminEmail);
  coder = await tokenContext(coderEmail);
  anonymous = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const imported = await admin.post("/api/v1/articles", {
      data: {
        source: PAGE,
        filename: `page-cache-${run}.txt`,
        outlet: "joongang-daily",
        genre: "news_report",
        language: "en",
        published: { date: "2024-06-22", precision: "inferred", reason: "page cache fixture" },
        assign: [coderKey],
      },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    slug = (await imported.json()).slug;
  } finally {
    await admin.dispose();
  }
});

test.afterAll(async () => {
  await Promise.all([coder?.dispose(), anonymous?.dispose()]);
});

test("a second anonymous reader gets the kept page with a nonce of its own", async () => {
  const url = `/?outlets=joongang-daily,hankyoreh&from=2023-01-01&r=${run}`;
  const first = await anonymous.get(url);
  const second = await kept(url);
  const [a, b] = [nonceOf(first), nonceOf(second)];
  expect(a).toBeTruthy();
  expect(b).toBeTruthy();
  expect(b).not.toBe(a);
  // The kept body carries the new nonce on every script and nowhere the old one.
  const html = await second.text();
  expect(html).not.toContain(a!);
  const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]);
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([b]));
  // The same figures as the render it was kept from.
  const figures = (text: string) => [...text.matchAll(/data-count="(\d+)"/g)].map((m) => m[1]);
  expect(figures(html)).toEqual(figures(await first.text()));
});

test("a kept page runs in the browser: its scripts pass the CSP and the charts draw", async ({
  page,
}) => {
  const url = `/?outlets=hankyoreh&r=${run}-browser`;
  await kept(url);
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to execute/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(url);
  expect(res?.headers()["x-framescope-page-cache"]).toBe("hit");
  await expect(page.locator('figure[data-chart="ties-by-outlet"] canvas')).toBeVisible();
  // Hydrated: a filter change is handled by the page's own script, not a full load.
  await page.getByLabel("Korea JoongAng Daily").check();
  await expect(page).toHaveURL(/outlets=/);
  expect(violations).toEqual([]);
});

test("a coding write is on the dashboard at the next request", async () => {
  const url = `/?coder=${encodeURIComponent(coderKey)}&outlets=joongang-daily`;
  const before = await kept(url);
  expect(await before.text()).not.toContain(`data-count="1"`);

  const [{ body }] = await codingSql<{ body: string }>("SELECT body FROM article WHERE slug = $1", [
    slug,
  ]);
  const start = body.indexOf(QUOTE);
  expect(start).toBeGreaterThanOrEqual(0);
  const coded = await coder.post(`/api/v1/articles/${slug}/passages`, {
    data: {
      dimension: "ties",
      code: "security_threat",
      start,
      end: start + QUOTE.length,
      baseVersion: 0,
    },
  });
  expect(coded.status(), await coded.text()).toBe(201);
  const set = await coder.put(`/api/v1/articles/${slug}/article-codes`, {
    data: {
      weapons: { code: "oppose" },
      tone_gov: { code: "critical" },
      baseVersion: (await coded.json()).version,
    },
  });
  expect(set.status(), await set.text()).toBe(200);
  const done = await coder.post(`/api/v1/articles/${slug}/done`, { data: {} });
  expect(done.status(), await done.text()).toBe(200);

  // The very next request renders anew and shows the coder's passage.
  const after = await anonymous.get(url);
  expect(cacheOf(after)).toBe("miss");
  expect(await after.text()).toContain(`data-count="1"`);
});

test("the coder's count in the browser, through a kept page", async ({ page }) => {
  const url = `/?coder=${encodeURIComponent(coderKey)}&outlets=joongang-daily`;
  await kept(url);
  await page.goto(url);
  const cells = (await readChartTable(page, "ties-by-outlet")).filter((c) => c.count > 0);
  expect(cells.map((c) => `${c.outlet}.${c.code}=${c.count}`)).toEqual([
    "joongang-daily.security_threat=1",
  ]);
});

test("signed-in readers and the router's own fetches are never served a kept page", async () => {
  const url = `/?r=${run}-private`;
  await kept(url);
  const withToken = await coder.get(url);
  expect(withToken.status()).toBe(200);
  expect(cacheOf(withToken)).toBeUndefined();
  const withSession = await anonymous.get(url, {
    headers: { cookie: "better-auth.session_token=not-a-session" },
  });
  expect(cacheOf(withSession)).toBeUndefined();
  const rsc = await anonymous.get(url, { headers: { rsc: "1" } });
  expect(cacheOf(rsc)).toBeUndefined();
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
});
