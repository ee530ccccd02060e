import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { readChartTable } from "../helpers";
import {
  CODING_BASE_URL as BASE,
  codingSql,
  createAccount,
  signInPage,
  uniqueCoderKey,
} from "./accounts";

/*
 * The end-to-end story in a real browser, one step after another: an admin imports a
 * fixture page and assigns it to two coders; coder A codes it with the mouse and the keyboard and
 * marks it done; coder B sees none of A's work until B is done too; only then do A's counts reach
 * the dashboard and the public API; an anonymous visitor is refused the workspace and every write.
 */

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const FIXTURE = readFileSync(
  path.join(__dirname, "../fixtures/import/herald-defence-pact.txt"),
  "utf8",
);
// The run's id in the headline keeps a rerun on the same database from being a duplicate.
const HEADLINE_FROM = "Fixture Herald:";
const PAGE_TEXT = FIXTURE.replace(HEADLINE_FROM, `Fixture Herald ${run}:`);
const HEADLINE = `Fixture Herald ${run}: Seoul must answer the Moscow–Pyongyang pact with diplomacy`;

// What coder A codes: three passages with the mouse, one (two sentences) with the keyboard.
// After the drag, the code is applied by a click in the popover or by its key.
const MOUSE = [
  {
    text: "direct threat to South Korea's security",
    dimension: "ties",
    code: "security_threat",
    via: "click",
  },
  {
    text: "North Korean shells for its war in Ukraine",
    dimension: "ties",
    code: "transactional",
    via: "key",
  },
  { text: "one-sided diplomacy", dimension: "blame", code: "seoul_government", via: "click" },
] as const;
const KEYBOARD_QUOTE =
  "The government should keep talking to Moscow rather than send weapons to Kyiv. " +
  "Supplying arms would only deepen the confrontation on the peninsula.";

interface Coding {
  version: number;
  assignment: { doneAt: string | null } | null;
  articlePublic: boolean;
  passages: { id: number; dimension: string; code: string; quote: string; note: string | null }[];
  articleCodes: Record<string, { code: string; note: string | null } | undefined>;
}

interface Story {
  slug: string;
  adminEmail: string;
  aKey: string;
  aEmail: string;
  bKey: string;
  bEmail: string;
  admin: BrowserContext;
  a: BrowserContext;
  /** Coder A's workspace tab, kept open from one step to the next. */
  aPage: Page;
  b: BrowserContext;
  anonymous: APIRequestContext;
}
const story = {} as Story;

/** A signed-in person's own browser (cookies, storage), as a second person at another desk. */
async function browserOf(
  browser: Browser,
  email: string,
  next: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await signInPage(page, email, next);
  return { context, page };
}

const saved = (page: Page) =>
  expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
const ready = (page: Page) =>
  expect(page.getByTestId("coding-workspace")).toHaveAttribute("data-ready", "true");
const marks = (page: Page) => page.getByTestId("coding-text").locator("mark[data-passage-id]");

async function codingOf(request: APIRequestContext, coder: string): Promise<Coding> {
  const res = await request.get(`/api/v1/articles/${story.slug}/codings?coder=${coder}`);
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** Drags the mouse over `text` (its first occurrence in the coding text), from inside its words. */
async function dragOver(page: Page, text: string, inset = 2) {
  const box = await page.getByTestId("coding-text").evaluate(
    (el, [needle, cut]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(needle as string);
        if (at === -1) continue;
        const r = document.createRange();
        r.setStart(n, at + (cut as number));
        r.setEnd(n, at + (needle as string).length - (cut as number));
        const rects = r.getClientRects();
        const first = rects[0];
        const last = rects[rects.length - 1];
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      return null;
    },
    [text, inset] as const,
  );
  if (!box) throw new Error(`text not found in the coding text: ${text}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/** Presses Tab until the article text has the focus, as a keyboard user reaches it. */
async function tabToText(page: Page) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const there = await page
      .getByTestId("coding-text")
      .evaluate((el) => document.activeElement === el);
    if (there) return;
  }
  throw new Error("Tab never reached the article text");
}

/** A's counts, as the dashboard's server-rendered tables and the frames API give them. */
async function countsOfA(page: Page) {
  await page.goto(`/?coder=${encodeURIComponent(story.aKey)}`);
  // The filter took: an unknown coder would be named in a notice and fall back to the default.
  await expect(page.locator('select[name="coder"]')).toHaveValue(story.aKey);
  await expect(page.getByTestId("param-notice")).toHaveCount(0);
  const cells = [
    ...(await readChartTable(page, "ties-by-outlet")),
    ...(await readChartTable(page, "remedy-by-outlet")),
    ...(await readChartTable(page, "blame-by-outlet")),
  ].filter((c) => c.count > 0);
  const res = await page.request.get(
    `/api/v1/frames?dimension=ties&coder=${encodeURIComponent(story.aKey)}&unit=passages`,
  );
  expect(res.status(), await res.text()).toBe(200);
  const frames = (await res.json()) as {
    n: Record<string, { articles: number; passages: number }>;
    rows: { outlet: string; code: string; count: number }[];
  };
  return {
    cells: cells.map((c) => `${c.outlet}.${c.code}=${c.count}`).sort(),
    frames: frames.rows
      .filter((r) => r.count > 0)
      .map((r) => `${r.outlet}.${r.code}=${r.count}`)
      .sort(),
    n: frames.n,
  };
}

/** A's passages as the public article API gives them to `request`, and the public flag. */
async function publicPassagesOfA(request: APIRequestContext) {
  const res = await request.get(
    `/api/v1/articles/${story.slug}?coder=${encodeURIComponent(story.aKey)}`,
  );
  expect(res.status(), await res.text()).toBe(200);
  const a = (await res.json()) as {
    codingsPublic: boolean;
    passages: { quote: string; coder: string }[];
    articleCodes: { coder: string }[];
  };
  return a;
}

/** While the article is not public: no count of A anywhere public, no passage of A to B or anyone. */
async function expectAPrivate(page: Page, bRequest: APIRequestContext) {
  const counts = await countsOfA(page);
  // Under coder=A the n is A's publicly coded articles: none yet, so no chart at all.
  await expect(page.getByTestId("empty-state")).toBeVisible();
  expect(counts.cells).toEqual([]);
  expect(counts.frames).toEqual([]);
  expect(counts.n.hankyoreh?.articles ?? 0).toBe(0);
  for (const request of [bRequest, story.anonymous]) {
    const a = await publicPassagesOfA(request);
    expect(a.codingsPublic).toBe(false);
    expect(a.passages).toEqual([]);
    expect(a.articleCodes).toEqual([]);
  }
  // Not under the default coder either, nor without a coder filter.
  const all = await story.anonymous.get(`/api/v1/articles/${story.slug}`);
  expect((await all.json()).passages).toEqual([]);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  story.aKey = uniqueCoderKey("ST-A");
  story.bKey = uniqueCoderKey("ST-B");
  [story.adminEmail, story.aEmail, story.bEmail] = await Promise.all([
    createAccount({ who: "story-admin", role: "admin" }),
    createAccount({ who: "story-a", role: "coder", coderKey: story.aKey }),
    createAccount({ who: "story-b", role: "coder", coderKey: story.bKey }),
  ]);
  story.anonymous = await playwrightRequest.newContext({ baseURL: BASE });
});

test.afterAll(async () => {
  await Promise.all([
    story.admin?.close(),
    story.a?.close(),
    story.b?.close(),
    story.anonymous?.dispose(),
  ]);
});

test("1. an admin signs in and imports a fixture page", async ({ browser }) => {
  test.slow();
  const { context, page } = await browserOf(browser, story.adminEmail, "/admin/import");
  story.admin = context;
  await page.getByLabel("Page file").setInputFiles({
    name: "herald-defence-pact.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(PAGE_TEXT),
  });
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("preview-headline")).toHaveText(`[Editorial] ${HEADLINE}`);
  await expect(preview.getByTestId("preview-byline")).toHaveText("Mina Fixture, editorial writer");
  await expect(preview.getByTestId("preview-date")).toHaveText("2024-06-21");
  await expect(preview.getByTestId("preview-body").locator("p")).toHaveCount(3);
  // The page states its date, so it is offered as exact.
  await expect(page.getByLabel("exact (stated on the page)")).toBeChecked();
  await page.getByLabel("Outlet", { exact: true }).selectOption("hankyoreh");
  await page.getByLabel("Genre").selectOption("editorial");
  await page.getByRole("button", { name: "Import" }).click();
  const done = page.getByTestId("import-done");
  await expect(done).toBeVisible();
  story.slug = (await done.locator("code").innerText()).trim();
  expect(story.slug).toMatch(new RegExp(`^hankyoreh-2024-06-21-fixture-herald-${run}-`));
  const [row] = await codingSql<{ origin: string; assigned: number }>(
    `SELECT a.origin::text,
            (SELECT count(*)::int FROM assignment s WHERE s.article_id = a.id) AS assigned
     FROM article a WHERE a.slug = $1`,
    [story.slug],
  );
  expect(row).toEqual({ origin: "app", assigned: 0 });
});

test("2. the admin assigns it to coders A and B in /admin/assignments", async () => {
  const page = await story.admin.newPage();
  await page.goto("/admin/assignments");
  const row = page.locator(`tr[data-slug="${story.slug}"]`);
  await expect(row).toBeVisible();
  for (const key of [story.aKey, story.bKey]) {
    await row.getByRole("button", { name: `Assign ${key}: ${HEADLINE}` }).click();
    await expect(row.getByRole("button", { name: `Unassign ${key}: ${HEADLINE}` })).toBeVisible();
  }
  await expect(row.getByRole("cell", { name: "not yet" })).toBeVisible();
  const assigned = await codingSql<{ key: string; done_at: Date | null }>(
    `SELECT c.key, s.done_at FROM assignment s JOIN coder c ON c.id = s.coder_id
     JOIN article a ON a.id = s.article_id WHERE a.slug = $1 ORDER BY c.key`,
    [story.slug],
  );
  expect(assigned).toEqual([story.aKey, story.bKey].sort().map((key) => ({ key, done_at: null })));
  await page.close();
});

test("3. coder A codes three passages with the mouse and one with the keyboard only", async ({
  browser,
}) => {
  test.slow();
  const { context, page } = await browserOf(browser, story.aEmail, "/code");
  story.a = context;
  story.aPage = page;
  const listed = page.locator(`tr[data-slug="${story.slug}"]`);
  await expect(listed).toContainText("in progress");
  await listed.getByRole("link", { name: HEADLINE }).click();
  await page.waitForURL(`**/code/${story.slug}`);
  await ready(page);
  await expect(marks(page)).toHaveCount(0);

  // The mouse: drag over words (from inside them: the selection snaps to whole words), then a
  // click on a code, its key, and a click again.
  const popover = page.getByRole("dialog", { name: "Code the selected text" });
  for (const [i, m] of MOUSE.entries()) {
    await dragOver(page, m.text);
    await expect(popover).toBeVisible();
    await expect(popover).toContainText(m.text);
    const button = popover.locator(
      `fieldset[data-dimension="${m.dimension}"] button[data-code="${m.code}"]`,
    );
    // The popover shows each code's key; pressing it applies the code as a click does.
    if (m.via === "click") await button.click();
    else await page.keyboard.press(await button.locator("kbd").innerText());
    await expect(popover).toBeHidden();
    await saved(page);
    await expect(marks(page)).toHaveCount(i + 1);
    await expect(page.locator(".cw-passages li[data-saved='true']")).toHaveCount(i + 1);
  }
  let a = await codingOf(page.request, "me");
  expect(a.passages.map((p) => [p.dimension, p.code, p.quote])).toEqual(
    MOUSE.map((m) => [m.dimension, m.code, m.text]),
  );

  // The highlights are the saved passages: a reload draws the same three.
  await page.reload();
  await ready(page);
  await expect(marks(page)).toHaveCount(3);
  for (const m of MOUSE) await expect(page.getByTestId("coding-text")).toContainText(m.text);

  // The keyboard only: Tab to the text, move sentence by sentence (↓ and j), extend with Shift,
  // press the code's key.
  await tabToText(page);
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 3; i++) await page.keyboard.press("j");
  await page.keyboard.press("ArrowDown");
  await expect(popover).toContainText("The government should keep talking");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(popover).toContainText("deepen the confrontation");
  const remedyKey = await popover
    .locator('fieldset[data-dimension="remedy"] button[data-code="balanced_diplomacy"] kbd')
    .innerText();
  await page.keyboard.press(remedyKey);
  await saved(page);
  await expect(marks(page)).toHaveCount(4);
  a = await codingOf(page.request, "me");
  expect(a.passages).toHaveLength(4);
  expect(a.passages.find((p) => p.dimension === "remedy")).toMatchObject({
    code: "balanced_diplomacy",
    quote: KEYBOARD_QUOTE,
  });
});

test("3b. nothing is lost: a half-typed note survives a reload; a stale tab gets 409", async () => {
  test.slow();
  const page = story.aPage;
  const context = story.a;
  await marks(page).filter({ hasText: "one-sided diplomacy" }).first().click();
  const editor = page.getByTestId("passage-editor");
  await expect(editor).toBeVisible();
  await editor.getByLabel("Note").pressSequentially("blames Seoul's tilt");
  await page.reload();
  await ready(page);
  await expect(page.getByRole("region", { name: "Unsaved notes" })).toBeVisible();
  await marks(page).filter({ hasText: "one-sided diplomacy" }).first().click();
  await expect(editor.getByLabel("Note")).toHaveValue("blames Seoul's tilt");
  await expect(editor.getByText("Unsaved note restored")).toBeVisible();
  await editor.getByRole("button", { name: "Save note" }).click();
  await saved(page);
  await editor.getByRole("button", { name: "Close" }).click();
  let a = await codingOf(page.request, "me");
  expect(a.passages.find((p) => p.code === "seoul_government")?.note).toBe("blames Seoul's tilt");

  // Two tabs of A on the article: the second sets the weapons stance; the first, stale, sets the
  // tone, gets 409, reloads the current state and applies its change again on top of it.
  const second = await context.newPage();
  await second.goto(`/code/${story.slug}`);
  await ready(second);
  await second
    .getByRole("group", { name: /Stance on arms/ })
    .getByLabel("Oppose")
    .check();
  await saved(second);
  await second.close();
  await page
    .getByRole("group", { name: /Tone toward/ })
    .getByLabel("Somewhat critical")
    .check();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  await expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();
  await expect(
    page.getByRole("group", { name: /Stance on arms/ }).getByLabel("Oppose"),
  ).toBeChecked();
  await page.getByRole("button", { name: "Apply again" }).click();
  await saved(page);
  a = await codingOf(page.request, "me");
  expect(a.articleCodes.weapons?.code).toBe("oppose");
  expect(a.articleCodes.tone_gov?.code).toBe("somewhat_critical");
});

test("3c. A marks done; before and after, while B is not done, nothing of A's is public", async () => {
  test.slow();
  const page = story.aPage;
  const watcher = await story.admin.newPage();
  await expectAPrivate(watcher, story.anonymous);

  // Done: the button needs both article codes, which are set now.
  const done = page.getByRole("button", { name: "Mark done" });
  await expect(done).toBeEnabled();
  await done.click();
  await saved(page);
  await expect(page.getByTestId("coding-progress")).toContainText("4 passages coded · done on");
  const a = await codingOf(page.request, "me");
  expect(a.assignment?.doneAt).not.toBeNull();
  // B is not done: still private.
  expect(a.articlePublic).toBe(false);
  await expectAPrivate(watcher, story.anonymous);
  await watcher.close();
});

test("4. coder B cannot see A's codes until B is done", async ({ browser }) => {
  test.slow();
  const { context, page } = await browserOf(browser, story.bEmail, "/code");
  story.b = context;
  await page.locator(`tr[data-slug="${story.slug}"]`).getByRole("link").click();
  await ready(page);
  // B's workspace holds none of A's passages: no highlight, an empty list.
  await expect(marks(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Your passages (0)" })).toBeVisible();
  const b = await codingOf(page.request, "me");
  expect(b.passages).toEqual([]);
  expect(b.articleCodes).toEqual({});

  // A's coding through the API: refused to B while B is not done.
  const refused = await page.request.get(
    `/api/v1/articles/${story.slug}/codings?coder=${encodeURIComponent(story.aKey)}`,
  );
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toEqual(expect.any(String));
  // The public article page and API show B nothing of A's.
  await expectAPrivate(page, page.request);
  await page.goto(`/articles/${story.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(HEADLINE);
  await expect(page.locator("mark[data-passage-id]")).toHaveCount(0);
  for (const m of MOUSE) await expect(page.locator("main")).toContainText(m.text);

  // B codes on their own and marks done.
  await page.goto(`/code/${story.slug}`);
  await ready(page);
  await dragOver(page, "mutual defence treaty");
  await page
    .getByRole("dialog", { name: "Code the selected text" })
    .locator('button[data-code="bloc_rivalry"]')
    .click();
  await saved(page);
  await page
    .getByRole("group", { name: /Stance on arms/ })
    .getByLabel("Oppose")
    .check();
  await page
    .getByRole("group", { name: /Tone toward/ })
    .getByLabel("Neutral")
    .check();
  await saved(page);
  await page.getByRole("button", { name: "Mark done" }).click();
  await saved(page);
  const after = await codingOf(page.request, "me");
  expect(after.articlePublic).toBe(true);
  // Now B may read A's coding.
  const a = await codingOf(page.request, story.aKey);
  expect(a.passages).toHaveLength(4);
});

test("5. A's counts reach the dashboard and the public API once the article is public", async () => {
  test.slow();
  const page = await story.b.newPage();
  const counts = await countsOfA(page);
  await expect(page.getByTestId("summary")).toContainText(
    `1 article from 1 outlet, coded by ${story.aKey}`,
  );
  expect(counts.cells).toEqual(
    [
      "hankyoreh.balanced_diplomacy=1",
      "hankyoreh.security_threat=1",
      "hankyoreh.seoul_government=1",
      "hankyoreh.transactional=1",
    ].sort(),
  );
  expect(counts.frames).toEqual(["hankyoreh.security_threat=1", "hankyoreh.transactional=1"]);
  expect(counts.n.hankyoreh).toMatchObject({ articles: 1, passages: 2 });
  // The public article API and page now carry A's passages, to anyone.
  const a = await publicPassagesOfA(story.anonymous);
  expect(a.codingsPublic).toBe(true);
  expect(a.passages.map((p) => p.quote).sort()).toEqual(
    [...MOUSE.map((m) => m.text), KEYBOARD_QUOTE].sort(),
  );
  expect(new Set(a.passages.map((p) => p.coder))).toEqual(new Set([story.aKey]));
  await page.goto(`/articles/${story.slug}?coder=${encodeURIComponent(story.aKey)}`);
  await expect(page.locator("mark[data-passage-id]").first()).toBeVisible();
  await page.close();
});

test("6. an anonymous visitor is refused /code and every write endpoint", async ({ page }) => {
  await page.goto("/code");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcode$/);
  await page.goto(`/code/${story.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  const [{ id: passageId }] = await codingSql<{ id: number }>(
    `SELECT p.id FROM passage_code p JOIN article a ON a.id = p.article_id
     WHERE a.slug = $1 ORDER BY p.id LIMIT 1`,
    [story.slug],
  );
  const [{ id: historyId }] = await codingSql<{ id: string }>(
    "SELECT id::text FROM coding_history ORDER BY id DESC LIMIT 1",
  );
  const [{ id: userId }] = await codingSql<{ id: string }>(
    "SELECT id FROM auth_user WHERE email = $1",
    [story.aEmail],
  );
  const s = story.slug;
  const writes: [string, string, unknown][] = [
    ["POST", "/api/v1/articles", { source: PAGE_TEXT, filename: "x.txt" }],
    ["POST", "/api/v1/articles/preview", { source: PAGE_TEXT, filename: "x.txt" }],
    ["POST", `/api/v1/articles/${s}/assignments`, { coder: story.aKey }],
    ["DELETE", `/api/v1/articles/${s}/assignments/${story.bKey}`, undefined],
    ["POST", `/api/v1/articles/${s}/passages`, { dimension: "ties", code: "transactional" }],
    ["PATCH", `/api/v1/passages/${passageId}`, { note: "x", baseVersion: 0 }],
    ["DELETE", `/api/v1/passages/${passageId}`, { baseVersion: 0 }],
    ["PUT", `/api/v1/articles/${s}/article-codes`, { weapons: { code: "oppose" } }],
    ["POST", `/api/v1/articles/${s}/done`, {}],
    ["DELETE", `/api/v1/articles/${s}/done`, undefined],
    ["POST", `/api/v1/history/${historyId}/restore`, { baseVersion: 0 }],
    ["POST", "/api/v1/invitations", { email: "x@example.org", role: "coder" }],
    ["PATCH", `/api/v1/users/${userId}`, { active: false }],
  ];
  const before = await codingSql<{ n: number }>(
    "SELECT (SELECT count(*) FROM passage_code) + (SELECT count(*) FROM coding_history) AS n",
  );
  for (const [method, url, data] of writes) {
    const res = await story.anonymous.fetch(url, {
      method,
      data,
      headers: { Origin: BASE },
    });
    expect(res.status(), `${method} ${url}`).toBe(401);
    expect((await res.json()).error, `${method} ${url}`).toEqual(expect.any(String));
  }
  const after = await codingSql<{ n: number }>(
    "SELECT (SELECT count(*) FROM passage_code) + (SELECT count(*) FROM coding_history) AS n",
  );
  expect(after).toEqual(before);
});
