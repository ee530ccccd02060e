import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { readChartTable } from "../helpers";
import {
  CODING_BASE_URL as BASE,
  codingSql,
  createAccount,
  tokenContext,
  signInPage,
  uniqueCoderKey,
} from "./accounts";

/*
 * Adjudication end to end: two coders code a fixture article through the API and mark it done;
 * an admin decides their disagreements in the browser (one save fails and is retried); the
 * reference coding REF is then charted on the dashboard, and the article page says who decided
 * each REF passage and why. The coders' own rows never change.
 */

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const S1 = "Russia and North Korea signed a mutual defence treaty this week.";
const S2 = "Moscow will pay for North Korean shells with oil and technology.";
const S3 = "Critics blamed the government's one-sided diplomacy for the surprise.";
const PAGE = [
  `Adjudication fixture ${run}: Seoul weighs the pact`,
  "By A. Reporter",
  `${S1} ${S2}`,
  S3,
].join("\n");

let slug = "";
let body = "";
let adminEmail = "";
let aKey = "";
let bKey = "";
let admin: APIRequestContext;
let coderA: APIRequestContext;
let coderB: APIRequestContext;

const spanOf = (s: string) => {
  const start = body.indexOf(s);
  if (start < 0) throw new Error(`not in the body: ${s}`);
  return { start, end: start + s.length };
};

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function coderRows(): Promise<string> {
  const [row] = await codingSql<{ sum: string }>(
    `SELECT md5(coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM passage_code t
       JOIN coder c ON c.id = t.coder_id WHERE c.key IN ($1, $2)), '') || '#' ||
       coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM article_code t
       JOIN coder c ON c.id = t.coder_id WHERE c.key IN ($1, $2)), '')) AS sum`,
    [aKey, bKey],
  );
  return row.sum;
}

async function code(
  ctx: APIRequestContext,
  passages: { dimension: string; code: string; text: string }[],
  weapons: string,
  tone: string,
) {
  let version = 0;
  for (const p of passages) {
    const res = await ctx.post(`/api/v1/articles/${slug}/passages`, {
      data: { dimension: p.dimension, code: p.code, ...spanOf(p.text), baseVersion: version },
    });
    expect(res.status(), await res.text()).toBe(201);
    version = (await res.json()).version;
  }
  const set = await ctx.put(`/api/v1/articles/${slug}/article-codes`, {
    data: { weapons: { code: weapons }, tone_gov: { code: tone }, baseVersion: version },
  });
  expect(set.status(), await set.text()).toBe(200);
  const done = await ctx.post(`/api/v1/articles/${slug}/done`, { data: {} });
  expect(done.status(), await done.text()).toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  aKey = uniqueCoderKey("ADJ-A");
  bKey = uniqueCoderKey("ADJ-B");
  const [adminMail, aEmail, bEmail] = await Promise.all([
    createAccount({ who: "adj-admin", role: "admin" }),
    createAccount({ who: "adj-a", role: "coder", coderKey: aKey }),
    createAccount({ who: "adj-b", role: "coder", coderKey: bKey }),
  ]);
  adminEmail = adminMail;
  [admin, coderA, coderB] = await Promise.all([
    tokenContext(adminEmail),
    tokenContext(aEmail),
    tokenContext(bEmail),
  ]);
  const imported = await admin.post("/api/v1/articles", {
    data: {
      source: PAGE,
      filename: `adjudication-${run}.txt`,
      outlet: "hankyoreh",
      genre: "news_report",
      language: "en",
      published: { date: "2024-06-21", precision: "inferred", reason: "adjudication fixture" },
      assign: [aKey, bKey],
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  slug = (await imported.json()).slug;
  [{ body }] = await codingSql<{ body: string }>("SELECT body FROM article WHERE slug = $1", [
    slug,
  ]);
});

test.afterAll(async () => {
  await Promise.all([admin?.dispose(), coderA?.dispose(), coderB?.dispose()]);
});

test("two coders code through the API; the article is refused until both are done", async () => {
  await code(
    coderA,
    [
      { dimension: "ties", code: "security_threat", text: S1 },
      { dimension: "ties", code: "transactional", text: S2 },
    ],
    "oppose",
    "critical",
  );
  const early = await admin.get(`/api/v1/articles/${slug}/adjudication`);
  expect(early.status()).toBe(409);
  expect((await early.json()).error).toMatch(/not public yet/);
  await code(
    coderB,
    [
      { dimension: "ties", code: "security_threat", text: S1 },
      { dimension: "blame", code: "seoul_government", text: S3 },
    ],
    "oppose",
    "neutral",
  );
  const res = await admin.get(`/api/v1/articles/${slug}/adjudication?a=${aKey}&b=${bKey}`);
  expect(res.status(), await res.text()).toBe(200);
  const view = await res.json();
  expect(view.items.map((i: { key: string }) => i.key)).toEqual([
    `ties:${spanOf(S2).start}-${spanOf(S2).end}`,
    `blame:${spanOf(S3).start}-${spanOf(S3).end}`,
    "tone_gov",
  ]);
  expect(view.agreed).toBe(2);
  expect(view.status).toMatchObject({ state: "not started", decided: 0, total: 3 });
});

test("the API refuses a coder, a bad choice, a missing reason and an unknown item", async () => {
  const url = (key: string) =>
    `/api/v1/articles/${slug}/adjudication/decisions/${encodeURIComponent(key)}`;
  expect((await coderA.get(`/api/v1/articles/${slug}/adjudication`)).status()).toBe(403);
  const asCoder = await coderA.put(url("tone_gov"), {
    data: { a: aKey, b: bKey, choice: "a", reason: "mine" },
  });
  expect(asCoder.status()).toBe(403);
  const badChoice = await admin.put(url("tone_gov"), {
    data: { a: aKey, b: bKey, choice: "c", reason: "x" },
  });
  expect(badChoice.status()).toBe(400);
  expect((await badChoice.json()).issues[0].param).toBe("choice");
  const noReason = await admin.put(url("tone_gov"), { data: { a: aKey, b: bKey, choice: "a" } });
  expect(noReason.status()).toBe(400);
  expect((await noReason.json()).issues[0].param).toBe("reason");
  const badCode = await admin.put(url("tone_gov"), {
    data: { a: aKey, b: bKey, choice: "own", code: "furious", reason: "x" },
  });
  expect((await badCode.json()).issues[0].param).toBe("code");
  const unknown = await admin.put(url("ties:1-2"), {
    data: { a: aKey, b: bKey, choice: "a", reason: "x" },
  });
  expect(unknown.status()).toBe(404);
  const settings = await coderA.put("/api/v1/settings", { data: { defaultCoder: aKey } });
  expect(settings.status()).toBe(403);
});

test("an admin adjudicates in the browser; REF is charted and explains itself", async ({
  page,
}) => {
  test.slow();
  const before = await coderRows();
  await signInPage(page, adminEmail, "/admin/adjudicate");
  const row = page.locator(`tr[data-article="${slug}"]`);
  await expect(row.getByTestId("adjudication-status")).toHaveText("not started");
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole("link").click();
  await page.waitForURL((u) => u.pathname === `/admin/adjudicate/${slug}`);

  const item = (key: string) => page.locator(`section[data-item="${key}"]`);
  const ties = item(`ties:${spanOf(S2).start}-${spanOf(S2).end}`);
  const blame = item(`blame:${spanOf(S3).start}-${spanOf(S3).end}`);
  const tone = item("tone_gov");
  await expect(ties.locator('[data-side="a"] [data-code="transactional"]')).toContainText(S2);
  await expect(ties.locator('[data-side="b"]')).toContainText("No code here.");

  // The first save fails (the connection drops): the error stays with Retry, which then saves.
  let failed = false;
  await page.route("**/adjudication/decisions/**", async (route) => {
    if (!failed) {
      failed = true;
      await route.abort();
    } else await route.continue();
  });
  await ties.getByRole("radio", { name: /Choose A/ }).check();
  await ties.getByLabel("Reason (required)").fill("A is right: the deal is transactional");
  await ties.getByRole("button", { name: "Save decision" }).click();
  await expect(ties.getByTestId("decision-error")).toBeVisible();
  await ties.getByRole("button", { name: "Retry" }).click();
  await expect(ties.getByTestId("decision-saved")).toBeVisible();
  await expect(page.getByTestId("adjudication-progress")).toContainText("1 of 3 decided");

  // With the keyboard only: the radio, the reason, the button.
  await blame.getByRole("radio", { name: /Choose B/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.type("B saw the blame on the government");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(blame.getByTestId("decision-saved")).toBeVisible();

  // An own code for tone_gov.
  await tone.getByRole("radio", { name: "Own decision" }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await tone.getByLabel("Code").selectOption({ label: "Somewhat critical" });
  await tone.getByLabel("Reason (required)").fill("Between the two readings");
  await tone.getByRole("button", { name: "Save decision" }).click();
  await expect(tone.getByTestId("decision-saved")).toContainText("reference coding rebuilt");
  await expect(page.getByTestId("adjudication-progress")).toContainText("complete");
  await expect(page.getByTestId("ref-rebuilt")).toBeVisible();

  // The coders' own rows are as they were; REF holds the agreed codes and the decisions.
  expect(await coderRows()).toBe(before);
  const ref = await codingSql<{ code: string; quote: string; choice: string }>(
    `SELECT c.key AS code, p.quote, d.choice FROM passage_code p
     JOIN code c ON c.id = p.code_id JOIN coder r ON r.id = p.coder_id
     JOIN article a ON a.id = p.article_id JOIN adjudication_decision d ON d.id = p.decision_id
     WHERE r.key = 'REF' AND a.slug = $1 ORDER BY p.start`,
    [slug],
  );
  expect(ref).toEqual([
    { code: "security_threat", quote: S1, choice: "agreed" },
    { code: "transactional", quote: S2, choice: "a" },
    { code: "seoul_government", quote: S3, choice: "b" },
  ]);

  // The list says complete.
  await page.goto("/admin/adjudicate");
  await expect(row.getByTestId("adjudication-status")).toHaveText("complete");

  // coder=REF charts it at once.
  await page.goto("/?coder=REF&outlets=hankyoreh");
  await expect(page.locator('select[name="coder"]')).toHaveValue("REF");
  await expect(page.getByTestId("param-notice")).toHaveCount(0);
  const cells = (await readChartTable(page, "ties-by-outlet")).filter((c) => c.count > 0);
  expect(cells.map((c) => c.code)).toEqual(
    expect.arrayContaining(["security_threat", "transactional"]),
  );

  // The article page says who decided each REF passage, and why.
  await page.goto(`/articles/${slug}?coder=REF`);
  const provenance = page.getByTestId("passage-provenance");
  await expect(provenance).toHaveCount(3);
  await expect(provenance.filter({ hasText: "A is right" })).toHaveText(
    /Decided by .+ because A is right: the deal is transactional/,
  );
});

test("settings: an admin makes REF the default coder, and links without coder= follow", async ({
  page,
}) => {
  await signInPage(page, adminEmail, "/admin/settings");
  expect(await seriousViolations(page)).toEqual([]);
  const select = page.getByRole("combobox", { name: "Default coder" });
  await expect(select.locator("option", { hasText: /^REF/ })).toHaveCount(1);
  try {
    await select.selectOption("REF");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-saved")).toBeVisible();
    await expect(page.getByTestId("default-coder-now")).toContainText("REF");
    await page.goto("/");
    await expect(page.locator('select[name="coder"]')).toHaveValue("REF");
  } finally {
    // Back to the built-in rule, so the other specs on this database see the usual default.
    const reset = await admin.put("/api/v1/settings", { data: { defaultCoder: null } });
    expect(reset.status(), await reset.text()).toBe(200);
  }
  await page.goto("/");
  await expect(page.locator('select[name="coder"]')).not.toHaveValue("REF");
});
