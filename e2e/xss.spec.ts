import { expect, test, type APIRequestContext, type Page, type Response } from "@playwright/test";

/**
 * Stored and reflected XSS: the second server runs on a database seeded from
 * e2e/fixtures/xss-seeds, where every stored text (outlet, coder, headline,
 * standfirst, byline, captions, body, quotes, notes, date reason, event) and
 * a saved view's title carry markup. Every page must show that markup as
 * text and run none of it.
 */
test.use({ baseURL: `http://localhost:${process.env.E2E_XSS_PORT ?? 3211}` });

const GAZETTE = "xss-gazette-warnings";
const COURIER = "xss-courier-arms";

// The payloads, exactly as stored in e2e/fixtures/xss-seeds.
const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = "javascript:window.__xss=1";
const IFRAME = '</textarea><iframe srcdoc="<script>parent.__xss=1</script>">';
const TEMPLATE = "{{constructor.constructor('window.__xss=1')()}}";
const JS_LINK = '<a href="javascript:alert(1)">x</a>';

const HEADLINE = `${SCRIPT} Seoul & Moscow ${SVG} trade ${IMG} warnings`;
const HEADLINE_LABEL = '<i id="xss-injected">Ed</i>';
const STANDFIRST = `Standfirst: ${SVG} with ${JS_URL} and ${IFRAME}</iframe> in it`;
const BYLINE = `<u id="xss-injected">Kim Reporter</u> ${SCRIPT}`;
const CAPTION =
  `Leaders meet ${IMG} under <b id="xss-injected">a banner</b> ` +
  "in Pyongyang on June 19, 2024. (Yonhap)";
const GAZETTE_NAME = `${SCRIPT} Gazette ${SVG} <b id="xss-injected">Daily</b>`;
const COURIER_NAME = `Courier ${TEMPLATE} ${JS_LINK}`;
const COURIER_HEADLINE = `${TEMPLATE} Courier asks: ${JS_LINK} arms for Kyiv?`;
const CODER_NAME = `${SCRIPT} Coder ${IMG} <i id="xss-injected">one</i>`;
const CODER_DESCRIPTION = `Codes ${SVG} with ${TEMPLATE} and ${JS_LINK}.`;
const EVENT_LABEL = `${SCRIPT} Treaty <img src=x onerror=alert(1)> <b id="xss-injected">signed</b>`;
const SECURITY_QUOTE =
  "North Korea's alignment with Russia is a threat to the South, and the pact text shown as " +
  `${IMG} made that plain.`;
const SECURITY_NOTE = `Security note ${IFRAME}</iframe> and ${JS_LINK}.`;
const CONFLICT_QUOTE = `The ministry's briefing note read ${SCRIPT} in full, a reporter said.`;
const CONFLICT_NOTE =
  `Passage note ${SCRIPT} and <img src=x onerror=alert(1)> ` +
  'and <div id="xss-injected">marker</div>.';
const WEAPONS_NOTE = `Weapons note ${SCRIPT} with ${IMG} and <b id="xss-injected">bold</b>.`;
const DATE_REASON = `Inferred: ${SCRIPT} the page states no date ${SVG} and ${JS_LINK}.`;
// At most 120 characters, the limit for a title.
const VIEW_TITLE = `${SCRIPT} View ${SVG} <img src=x onerror=alert(1)>`;

const dialogs = new WeakMap<Page, string[]>();

test.beforeEach(async ({ page }) => {
  const seen: string[] = [];
  dialogs.set(page, seen);
  page.on("dialog", (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  // Records every script or markup the CSP had to block: each one is an injection that got into the
  // DOM.
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
});

/** Loads a page and returns the nonce of its Content-Security-Policy. */
async function open(page: Page, path: string): Promise<string> {
  const res = (await page.goto(path)) as Response;
  expect(res.status(), path).toBe(200);
  const csp = res.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `${path} has a CSP with a nonce`).toBeTruthy();
  await expect(page.locator("main")).toBeVisible();
  return nonce!;
}

interface Findings {
  xss: unknown;
  injected: number;
  scripts: string[];
  handlers: string[];
  jsUrls: string[];
  frames: number;
  csp: string[];
}

/** Fails when anything from the fixture ran or became markup. */
async function expectInert(page: Page, nonce: string, where: string) {
  const findings: Findings = await page.evaluate((nonce) => {
    const w = window as unknown as { __xss?: unknown; __cspViolations?: string[] };
    const describeElement = (el: Element) => el.outerHTML.slice(0, 160);
    const all = [...document.querySelectorAll("*")];
    return {
      xss: w.__xss,
      injected: document.querySelectorAll('[id="xss-injected"]').length,
      // Every script carries the page's nonce, except chart chunks the app's own loader adds
      // later (same-origin build files, allowed by 'strict-dynamic'; never inline).
      scripts: [...document.scripts]
        .filter(
          (s) =>
            s.nonce !== nonce &&
            !(
              s.src &&
              !s.textContent &&
              new URL(s.src).origin === location.origin &&
              new URL(s.src).pathname.startsWith("/_next/static/chunks/")
            ),
        )
        .map(describeElement),
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${a.name} on ${describeElement(el)}`),
      ),
      jsUrls: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^\s*(javascript|vbscript|data):/i.test(a.value) || a.name === "srcdoc")
          .map((a) => `${a.name} on ${describeElement(el)}`),
      ),
      frames: document.querySelectorAll("iframe, frame, object, embed").length,
      csp: w.__cspViolations ?? [],
    };
  }, nonce);
  expect(findings, where).toEqual({
    xss: undefined,
    injected: 0,
    scripts: [],
    handlers: [],
    jsUrls: [],
    frames: 0,
    csp: [],
  });
  expect(dialogs.get(page), `${where}: dialogs`).toEqual([]);
  // The fixture's <style>body{display:none}</style> must not have hidden the page.
  await expect(page.locator("main")).toBeVisible();
}

/** The texts of the elements matching `selector`, with whitespace as the page shows it. */
async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

test.describe("stored markup is shown as text and never runs", () => {
  test("dashboard: headlines, outlet names and events are text", async ({ page }) => {
    const nonce = await open(page, "/");
    await expect(page.getByRole("link", { name: HEADLINE, exact: true }).first()).toBeVisible();
    await expect(
      page.getByRole("link", { name: COURIER_HEADLINE, exact: true }).first(),
    ).toBeVisible();
    await page.locator('figure[data-chart="ties-by-outlet"] summary').click();
    const rows = await texts(
      page,
      'figure[data-chart="ties-by-outlet"] tbody th[scope="row"] .outlet-name',
    );
    expect(rows.sort()).toEqual([COURIER_NAME, GAZETTE_NAME].sort());
    await expect(page.locator("main")).toContainText(`Event: ${EVENT_LABEL}`);
    await expectInert(page, nonce, "/");
  });

  test("dashboard: the evidence panel of a coded cell shows quotes and notes as text", async ({
    page,
  }) => {
    const nonce = await open(page, "/");
    await page.locator('figure[data-chart="ties-by-outlet"] summary').click();
    await page
      .locator(
        'figure[data-chart="ties-by-outlet"] tr[data-outlet="xss-gazette"] ' +
          'td[data-code="security_threat"] a',
      )
      .click();
    await page.waitForURL((url) => url.search === "?panel=ties.security_threat.xss-gazette");
    const panel = page.getByTestId("evidence-panel");
    await expect(panel).toBeVisible();
    await expect(panel.locator("h2")).toContainText(GAZETTE_NAME);
    expect(await texts(page, '[data-testid="evidence-panel"] blockquote')).toEqual([
      SECURITY_QUOTE,
    ]);
    await expect(panel.locator(".note")).toHaveText(`Coder’s note: ${SECURITY_NOTE}`);
    await expect(panel.locator(".evidence-source a")).toHaveText(HEADLINE);
    await expectInert(page, nonce, "evidence panel ties.security_threat.xss-gazette");

    // An article-level code: the panel lists the article with the coder's note on it.
    const nonce2 = await open(page, "/?panel=weapons.oppose.xss-gazette");
    await expect(panel.locator(".evidence-articles .note")).toHaveText(
      `Coder’s note: ${WEAPONS_NOTE}`,
    );
    await expectInert(page, nonce2, "evidence panel weapons.oppose.xss-gazette");
  });

  test("article page: headline, standfirst, byline, caption, body and notes are text", async ({
    page,
  }) => {
    const nonce = await open(page, `/articles/${GAZETTE}`);
    await expect(page.getByTestId("article-reader")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("headline")).toHaveText(HEADLINE);
    await expect(page.getByTestId("headline-label")).toHaveText(HEADLINE_LABEL);
    await expect(page.getByTestId("standfirst")).toHaveText(STANDFIRST);
    await expect(page.getByTestId("byline")).toHaveText(BYLINE);
    await expect(page.getByTestId("outlet")).toContainText(GAZETTE_NAME);
    await expect(page.getByTestId("captions").locator("li")).toHaveText([CAPTION]);
    await expect(page.getByTestId("events")).toContainText(EVENT_LABEL);
    const body = page.getByTestId("article-body");
    for (const payload of [
      SCRIPT,
      IMG,
      SVG,
      JS_URL,
      `${IFRAME}</iframe>`,
      TEMPLATE,
      JS_LINK,
      '<div id="xss-injected">this marker</div>',
      "<style>body{display:none}</style>",
    ]) {
      await expect(body).toContainText(payload);
    }
    expect(await page.title()).toContain(SCRIPT);

    // Keyboard focus on a highlight shows its note and coder, as text.
    const popover = page.getByTestId("passage-popover");
    const conflict = body.locator(
      'mark[data-dimension="generic"][data-code="conflict"][data-first="true"]',
    );
    // The passage is split where another (the tone_gov quote "<script>…</script>") overlaps it;
    // its segments read as the quote.
    const conflictId = await conflict.getAttribute("data-passage-id");
    const segments = await body.locator(`mark[data-passage-id="${conflictId}"]`).allTextContents();
    expect(segments.join("")).toBe(CONFLICT_QUOTE);
    await expect(body.locator('mark[data-dimension="tone_gov"]')).toHaveText([SCRIPT]);
    await conflict.focus();
    await expect(popover).toBeVisible();
    await expect(popover.locator('[data-code="conflict"] .pp-note')).toHaveText(
      `Note: ${CONFLICT_NOTE}`,
    );
    await expect(popover.locator('[data-code="conflict"] .pp-coder')).toHaveText(
      `Coder: XSS-1 (${CODER_NAME})`,
    );
    await expectInert(page, nonce, "article page, popover on focus");

    // Hovering another highlight shows its note.
    await page.keyboard.press("Escape");
    await conflict.blur();
    const security = body.locator(
      'mark[data-dimension="ties"][data-code="security_threat"][data-first="true"]',
    );
    await security.hover({ position: { x: 4, y: 4 } });
    await expect(popover.locator('[data-code="security_threat"] .pp-note')).toHaveText(
      `Note: ${SECURITY_NOTE}`,
    );
    await expectInert(page, nonce, "article page, popover on hover");

    // The list of every coded passage, opened.
    await page.getByTestId("passage-list").locator("summary").click();
    await expect(
      page.getByTestId("passage-list").locator("td", { hasText: CONFLICT_NOTE }),
    ).toHaveCount(1);
    await expectInert(page, nonce, "article page, passage list");
  });

  test("article page: an inferred date's reason and a stated byline are text", async ({ page }) => {
    const nonce = await open(page, `/articles/${COURIER}`);
    await expect(page.getByTestId("headline")).toHaveText(COURIER_HEADLINE);
    await expect(page.getByTestId("date-reason")).toHaveText(`Why this date: ${DATE_REASON}`);
    await expect(page.getByTestId("byline")).toHaveText(
      "<script>window.__xss=1</script> Lee <img src=x onerror=alert(1)>",
    );
    await expectInert(page, nonce, `/articles/${COURIER}`);
  });

  test("compare: outlet names and characteristic quotes are text", async ({ page }) => {
    const nonce = await open(page, "/compare?a=xss-gazette&b=xss-courier");
    const main = page.locator("main");
    await expect(main).toContainText(GAZETTE_NAME);
    await expect(main).toContainText(COURIER_NAME);
    // The characteristic quotes and their headlines, as stored.
    const quotes = await texts(page, '[data-testid="characteristic"] blockquote');
    expect(quotes.length).toBeGreaterThan(0);
    expect(
      quotes.filter((q) => /<(script|img|a|div) /.test(q) || q.includes("<script>")).length,
    ).toBeGreaterThan(0);
    for (const h of await texts(page, '[data-testid="quote-link"]'))
      expect([HEADLINE, COURIER_HEADLINE]).toContain(h);
    await expectInert(page, nonce, "/compare");
  });

  test("codebook: the coder's name and description are text", async ({ page }) => {
    const nonce = await open(page, "/codebook");
    const main = page.locator("main");
    await expect(main).toContainText(CODER_NAME);
    await expect(main).toContainText(CODER_DESCRIPTION);
    await expectInert(page, nonce, "/codebook");
  });

  test("a saved view's title is text on its page, and its preview image renders", async ({
    page,
    request,
  }) => {
    const res = await request.post("/api/v1/views", {
      data: { title: VIEW_TITLE, query: "?panel=ties.security_threat.xss-gazette" },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { id, url } = await res.json();
    expect(url).toBe(`/v/${id}`);

    const nonce = await open(page, url);
    await expect(page.locator("main h1")).toHaveText(VIEW_TITLE);
    expect(await page.title()).toContain(VIEW_TITLE);
    await expect(page.getByTestId("evidence-panel").locator("blockquote")).toHaveText([
      SECURITY_QUOTE,
    ]);
    await expectInert(page, nonce, url);

    const og = await request.get(`/og?view=${id}`);
    expect(og.status()).toBe(200);
    expect(og.headers()["content-type"]).toBe("image/png");
    expect((await og.body()).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  });
});

test.describe("markup in URL parameters is named as text, never run", () => {
  test("dashboard notice", async ({ page }) => {
    const nonce = await open(
      page,
      `/?from=${encodeURIComponent(SCRIPT)}&colour=${encodeURIComponent(IMG)}`,
    );
    const notice = page.getByTestId("param-notice");
    expect((await notice.locator("code").allInnerTexts()).sort()).toEqual(["colour", "from"]);
    await expectInert(page, nonce, "dashboard with markup in parameters");
  });

  test("compare notice", async ({ page }) => {
    const nonce = await open(
      page,
      `/compare?a=${encodeURIComponent(IMG)}&b=${encodeURIComponent(SVG)}`,
    );
    await expect(page.locator("main")).toContainText(`unknown outlet ${JSON.stringify(IMG)}`);
    await expectInert(page, nonce, "compare with markup in parameters");
  });
});

async function getJson(request: APIRequestContext, path: string) {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  expect(res.headers()["content-type"], path).toMatch(/^application\/json/);
  expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  expect(res.headers()["content-security-policy"], path).toContain("default-src 'none'");
  return res.json();
}

test("the API returns the markup as plain JSON strings", async ({ request }) => {
  const article = await getJson(request, `/api/v1/articles/${GAZETTE}`);
  expect(article.headline).toBe(HEADLINE);
  expect(article.headlineLabel).toBe(HEADLINE_LABEL);
  expect(article.standfirst).toBe(STANDFIRST);
  expect(article.byline).toBe(BYLINE);
  expect(article.captions).toEqual([CAPTION]);
  expect(article.outlet.name).toBe(GAZETTE_NAME);
  expect(article.body).toContain(
    `Templates that evaluate ${TEMPLATE} would run this sentence; ` +
      `the link ${JS_LINK} would open a dialog.`,
  );
  const passages = article.passages as {
    dimension: string;
    code: string;
    quote: string;
    note: string | null;
    start: number;
    end: number;
  }[];
  const security = passages.find((p) => p.dimension === "ties" && p.code === "security_threat")!;
  expect(security.quote).toBe(SECURITY_QUOTE);
  expect(security.note).toBe(SECURITY_NOTE);
  expect(article.body.slice(security.start, security.end)).toBe(SECURITY_QUOTE);
  const weapons = (article.articleCodes as { dimension: string; note: string | null }[]).find(
    (c) => c.dimension === "weapons",
  )!;
  expect(weapons.note).toBe(WEAPONS_NOTE);

  const list = await getJson(request, "/api/v1/articles");
  expect(list.articles.map((a: { headline: string }) => a.headline).sort()).toEqual(
    [COURIER_HEADLINE, HEADLINE].sort(),
  );

  const outlets = await getJson(request, "/api/v1/outlets");
  const gazette = outlets.outlets.find((o: { slug: string }) => o.slug === "xss-gazette");
  expect(gazette.name).toBe(GAZETTE_NAME);
  expect(gazette.orientation).toBe(
    "progressive <img src=x onerror=alert(1)> <script>window.__xss=1</script>",
  );

  const events = await getJson(request, "/api/v1/events");
  expect(events.events.map((e: { label: string }) => e.label)).toEqual([EVENT_LABEL]);

  const courier = await getJson(request, `/api/v1/articles/${COURIER}`);
  expect(courier.dateReason).toBe(DATE_REASON);
});
