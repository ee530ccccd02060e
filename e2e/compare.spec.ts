import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

interface FrameRow {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}
interface Frames {
  rows: FrameRow[];
  n: Record<string, { articles: number; passages: number }>;
}

/** Each dimension and the unit the comparison counts it in. */
const DIMENSIONS: [dimension: string, unit: "passages" | "articles"][] = [
  ["ties", "passages"],
  ["remedy", "passages"],
  ["blame", "passages"],
  ["generic", "articles"],
  ["weapons", "articles"],
  ["tone_gov", "articles"],
];

async function frames(request: APIRequestContext, query: string): Promise<Frames> {
  const res = await request.get(`/api/v1/frames?${query}`);
  expect(res.status(), query).toBe(200);
  return res.json();
}

interface TableRow {
  code: string;
  shareA: number | null;
  shareB: number | null;
  diff: number | null;
  countA: number;
  countB: number;
  textA: string;
  textB: string;
  diffText: string;
}

async function readCompareTable(page: Page, dimension: string): Promise<TableRow[]> {
  return page
    .locator(`table[data-dimension="${dimension}"] tbody tr[data-code]`)
    .evaluateAll((rows) =>
      rows.map((tr) => {
        const num = (name: string) => {
          const v = tr.getAttribute(name);
          return v === null || v === "" ? null : Number(v);
        };
        const cell = (side: string) => tr.querySelector(`td[data-side="${side}"]`)!;
        return {
          code: tr.getAttribute("data-code") ?? "",
          shareA: num("data-share-a"),
          shareB: num("data-share-b"),
          diff: num("data-diff"),
          countA: Number(cell("a").getAttribute("data-count")),
          countB: Number(cell("b").getAttribute("data-count")),
          textA: cell("a").querySelector(".share-value")?.textContent ?? "",
          textB: cell("b").querySelector(".share-value")?.textContent ?? "",
          diffText: tr.querySelector('[data-testid="diff"] .diff-value')?.textContent ?? "",
        };
      }),
    );
}

/** The page's share text: whole percentages below 30 articles, one decimal from 30. */
const pct = (share: number, articles: number) =>
  `${(share * 100).toFixed(articles < 30 ? 0 : 1)} %`;
function pp(diff: number, articles: number): string {
  const decimals = articles < 30 ? 0 : 1;
  const scale = 10 ** decimals;
  const r = Math.round(diff * scale) / scale;
  if (r === 0) return `${(0).toFixed(decimals)} pp`;
  return `${r > 0 ? "+" : "\u2212"}${Math.abs(r).toFixed(decimals)} pp`;
}

type Sides = Map<string, Map<string, "against" | "for" | "none" | null>>;

/** Each dimension's codes and their stance side, from the codebook API. */
async function codeSides(request: APIRequestContext): Promise<Sides> {
  const res = await request.get("/api/v1/codebook");
  const { dimensions } = (await res.json()) as {
    dimensions: {
      key: string;
      codes: { key: string; side: "against" | "for" | "none" | null }[];
    }[];
  };
  return new Map(dimensions.map((d) => [d.key, new Map(d.codes.map((c) => [c.key, c.side]))]));
}

/** The share the page should show: of stance-taking articles for stance codes, null for no stance. */
function expectedShare(
  api: Frames,
  sides: Map<string, string | null>,
  outlet: string,
  code: string,
) {
  const row = api.rows.find((r) => r.outlet === outlet && r.code === code);
  const side = sides.get(code) ?? null;
  if (side === null) return row?.share ?? null;
  if (side === "none") return null;
  const taking = api.rows
    .filter((r) => r.outlet === outlet && ["against", "for"].includes(sides.get(r.code) ?? ""))
    .reduce((s, r) => s + r.count, 0);
  return taking ? (row?.count ?? 0) / taking : null;
}

async function expectTablesEqualApi(
  page: Page,
  request: APIRequestContext,
  a: string,
  b: string,
  filterQuery = "",
) {
  const allSides = await codeSides(request);
  for (const [dimension, unit] of DIMENSIONS) {
    const api = await frames(
      request,
      `dimension=${dimension}&unit=${unit}&outlets=${[a, b].sort().join(",")}${filterQuery ? `&${filterQuery}` : ""}`,
    );
    const sides = allSides.get(dimension)!;
    const apiRow = (outlet: string, code: string) =>
      api.rows.find((r) => r.outlet === outlet && r.code === code);
    const articles = (outlet: string) => api.n[outlet]?.articles ?? 0;
    const table = await readCompareTable(page, dimension);
    expect(
      table.map((r) => r.code),
      dimension,
    ).toEqual([...sides.keys()]);
    for (const row of table) {
      const label = `${dimension}.${row.code}`;
      expect(row.countA, label).toBe(apiRow(a, row.code)?.count ?? 0);
      expect(row.countB, label).toBe(apiRow(b, row.code)?.count ?? 0);
      for (const [outlet, share, text] of [
        [a, row.shareA, row.textA],
        [b, row.shareB, row.textB],
      ] as const) {
        const want = expectedShare(api, sides, outlet, row.code);
        if (want === null) expect(share, label).toBeNull();
        else {
          expect(Math.abs(share! - want * 100), label).toBeLessThan(0.05);
          expect(text, label).toBe(pct(want, articles(outlet)));
        }
      }
      if (row.shareA === null || row.shareB === null) expect(row.diff, label).toBeNull();
      else {
        expect(Math.abs(row.diff! - (row.shareA - row.shareB)), label).toBeLessThan(1e-9);
        expect(row.diffText, label).toBe(pp(row.diff!, Math.min(articles(a), articles(b))));
      }
    }
  }
}

/**
 * Text nodes under `selector` that do not fit: their element scrolls horizontally, an ancestor
 * that clips (overflow other than visible) cuts them, or they leave the viewport. Text meant for
 * screen readers only (.sr-only) and text that is not rendered are skipped.
 */
async function clippedText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    for (const root of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? "").trim();
        const el = node.parentElement;
        if (!text || !el || el.closest(".sr-only")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const name = `${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 40)}"`;
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
          problems.push(`overflows its box: ${name}`);
        if (rect.left < -1 || rect.right > window.innerWidth + 1)
          problems.push(`off screen: ${name}`);
        for (let up: Element | null = el; up; up = up.parentElement) {
          const style = getComputedStyle(up);
          if (style.overflowX === "visible" && style.overflowY === "visible") continue;
          const box = up.getBoundingClientRect();
          if (
            rect.left < box.left - 1 ||
            rect.right > box.right + 1 ||
            rect.top < box.top - 1 ||
            rect.bottom > box.bottom + 1
          )
            problems.push(`cut by ${up.tagName.toLowerCase()}.${up.className}: ${name}`);
        }
      }
    }
    return problems;
  }, selector);
}

test.describe("compare page", () => {
  test("shares for hankyoreh vs joongang-daily equal the API's, and the difference is A − B", async ({
    page,
    request,
  }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    await expect(page.getByTestId("param-notice")).toHaveCount(0);
    await expect(page.getByTestId("name-a")).toHaveText("The Hankyoreh");
    await expect(page.getByTestId("name-b")).toHaveText("Korea JoongAng Daily");
    await expect(page.locator("table.compare-table")).toHaveCount(6);
    await expectTablesEqualApi(page, request, "hankyoreh", "joongang-daily");

    // Spot check against the seeded corpus: ties, security threat is 7 of 23 vs 7 of 18 passages,
    // in two articles each, so whole percentages.
    const ties = page.locator('table[data-dimension="ties"] tr[data-code="security_threat"]');
    await expect(ties.locator('td[data-side="a"] .share-value')).toHaveText("30 %");
    await expect(ties.locator('td[data-side="a"]')).toContainText("7 of 23 passages");
    await expect(ties.locator('td[data-side="b"] .share-value')).toHaveText("39 %");
    await expect(ties.getByTestId("diff")).toContainText("\u22128 pp");
  });

  test("swapping A and B negates every difference", async ({ page, request }) => {
    await page.goto("/compare?a=joongang-daily&b=hankyoreh");
    await expectTablesEqualApi(page, request, "joongang-daily", "hankyoreh");
    const swapped = await readCompareTable(page, "ties");
    await page.getByRole("link", { name: "Swap A and B" }).click();
    await page.waitForURL(/a=hankyoreh&b=joongang-daily/);
    await expect(page.getByTestId("name-a")).toHaveText("The Hankyoreh");
    const original = await readCompareTable(page, "ties");
    for (const row of original) {
      const other = swapped.find((r) => r.code === row.code)!;
      expect(row.diff! + other.diff!).toBeCloseTo(0, 9);
    }
  });

  test("the dashboard's filters apply", async ({ page, request }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily&from=2024-06-20");
    await expect(page.getByTestId("param-notice")).toHaveCount(0);
    await expectTablesEqualApi(page, request, "hankyoreh", "joongang-daily", "from=2024-06-20");
    const api = await frames(
      request,
      "dimension=weapons&unit=articles&outlets=hankyoreh,joongang-daily&from=2024-06-20",
    );
    await expect(page.getByTestId("n-a")).toHaveAttribute(
      "data-articles",
      String(api.n.hankyoreh?.articles ?? 0),
    );
    await expect(page.getByTestId("n-b")).toHaveAttribute(
      "data-articles",
      String(api.n["joongang-daily"]?.articles ?? 0),
    );
  });

  test("shows n per outlet prominently and warns that n is small", async ({ page, request }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    let passagesA = 0;
    let passagesB = 0;
    for (const [dimension] of DIMENSIONS) {
      const api = await frames(request, `dimension=${dimension}&unit=passages`);
      passagesA += api.n.hankyoreh.passages;
      passagesB += api.n["joongang-daily"].passages;
    }
    const api = await frames(request, "dimension=weapons&unit=articles");
    const nA = page.getByTestId("n-a");
    const nB = page.getByTestId("n-b");
    await expect(nA).toHaveAttribute("data-articles", String(api.n.hankyoreh.articles));
    await expect(nA).toHaveAttribute("data-passages", String(passagesA));
    await expect(nA.locator(".n-figures")).toHaveText(
      `Hankyoreh · ${api.n.hankyoreh.articles} articles (${passagesA} passages) small sample`,
    );
    await expect(nB).toHaveAttribute("data-articles", String(api.n["joongang-daily"].articles));
    await expect(nB.locator(".n-figures")).toHaveText(
      `JoongAng · ${api.n["joongang-daily"].articles} articles (${passagesB} passages) small sample`,
    );
    await expect(page.getByTestId("small-n")).toHaveText(
      "n is small: differences describe these articles, not the outlets in general.",
    );
    await expect(
      page
        .locator('[data-testid="compare-dimension"]')
        .filter({ has: page.locator('table[data-dimension="ties"]') })
        .getByTestId("dimension-n"),
    ).toHaveText(
      "n: Hankyoreh · 2 articles (23 passages) small sample; JoongAng · 2 articles (18 passages) small sample",
    );
    // No "1 articles" anywhere on the page.
    await expect(page.locator("main")).not.toContainText(/\b1 (articles|passages)\b/);
  });

  test("the quotes that most characterise each outlet come from codes where it leads, and link to passages", async ({
    page,
    request,
  }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    for (const side of ["a", "b"] as const) {
      const column = page.getByTestId(`characteristic-${side}`);
      const items = await column.locator("li[data-code]").evaluateAll((lis) =>
        lis.map((li) => ({
          dimension: li.getAttribute("data-dimension") ?? "",
          code: li.getAttribute("data-code") ?? "",
          diff: Number(li.getAttribute("data-diff")),
          links: [...li.querySelectorAll('a[data-testid="quote-link"]')].map(
            (a) => a.getAttribute("href") ?? "",
          ),
          quotes: [...li.querySelectorAll("blockquote")].map((q) =>
            (q.textContent ?? "").trim().replace(/^“/, "").replace(/”$/, ""),
          ),
        })),
      );
      expect(items.length, side).toBeGreaterThan(0);
      expect(items.length, side).toBeLessThanOrEqual(3);
      const outlet = side === "a" ? "hankyoreh" : "joongang-daily";
      for (const item of items) {
        expect(item.diff, `${side} ${item.code}`).toBeGreaterThan(0);
        const row = (await readCompareTable(page, item.dimension)).find(
          (r) => r.code === item.code,
        )!;
        expect(item.diff).toBeCloseTo(side === "a" ? row.diff! : -row.diff!, 9);
        expect(item.links.length).toBeGreaterThan(0);
        expect(item.links.length).toBeLessThanOrEqual(2);
        for (const [i, href] of item.links.entries()) {
          const m = href.match(/^\/articles\/([a-z0-9-]+)#p-(\d+)$/);
          expect(m, href).not.toBeNull();
          const article = await (await request.get(`/api/v1/articles/${m![1]}`)).json();
          expect(article.outlet.slug).toBe(outlet);
          expect(
            article.passages.some(
              (p: { dimension: string; code: string; quote: string }) =>
                p.dimension === item.dimension &&
                p.code === item.code &&
                p.quote === item.quotes[i],
            ),
          ).toBe(true);
          const html = await (await request.get(`/articles/${m![1]}`)).text();
          expect(html, href).toContain(`id="p-${m![2]}"`);
        }
      }
      // Ordered by how far the outlet leads.
      const diffs = items.map((i) => i.diff);
      expect(diffs).toEqual([...diffs].sort((x, y) => y - x));
    }
  });

  test("characteristic quotes rank passage shares only, never repeat a quote, and put the outlet's own voice first", async ({
    page,
  }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    const passageDimensions = DIMENSIONS.filter(([, unit]) => unit === "passages").map(([d]) => d);
    const items = await page
      .getByTestId("characteristic")
      .locator("li[data-code]")
      .evaluateAll((lis) =>
        lis.map((li) => ({
          dimension: li.getAttribute("data-dimension") ?? "",
          quotes: [...li.querySelectorAll("li[data-passage-id]")].map((q) => ({
            id: q.getAttribute("data-passage-id"),
            voice: q.getAttribute("data-voice") ?? "",
            text: (q.querySelector("blockquote")?.textContent ?? "").trim(),
            label: q.querySelector('[data-testid="voice-label"]')?.textContent ?? null,
          })),
        })),
      );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(passageDimensions).toContain(item.dimension);
    const quotes = items.flatMap((i) => i.quotes);
    expect(quotes.length).toBeGreaterThan(0);
    expect(new Set(quotes.map((q) => q.text)).size, "a quote is listed twice").toBe(quotes.length);
    expect(new Set(quotes.map((q) => q.id)).size).toBe(quotes.length);
    for (const q of quotes)
      for (const other of quotes)
        if (other !== q) expect(q.text, "a quote repeats another").not.toContain(other.text);
    for (const item of items) {
      const voices = item.quotes.map((q) => q.voice);
      // Seeded corpus: every leading code shown has a passage in the outlet's own voice.
      expect(voices[0], "own voice first").toBe("own");
      expect(voices, "own voice first").toEqual([
        ...voices.filter((v) => v === "own"),
        ...voices.filter((v) => v !== "own"),
      ]);
    }
    for (const q of quotes) {
      expect(["own", "reported", "unclear"]).toContain(q.voice);
      // A view the article only reports is never shown as the outlet's own.
      if (q.voice === "own") expect(q.label).toBeNull();
      if (q.voice === "reported") expect(q.label).toContain("Reported view");
      if (q.voice === "unclear") expect(q.label).toContain("Voice unclear");
    }
  });

  test("stance shares count only the articles that take a stance; the no-stance count stands beside them", async ({
    page,
    request,
  }) => {
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    const sides = (await codeSides(request)).get("weapons")!;
    const api = await frames(
      request,
      "dimension=weapons&unit=articles&outlets=hankyoreh,joongang-daily",
    );
    const table = page.locator('table[data-dimension="weapons"]');
    for (const [side, outlet] of [
      ["a", "hankyoreh"],
      ["b", "joongang-daily"],
    ] as const) {
      const sum = (want: (s: string | null | undefined) => boolean) =>
        api.rows
          .filter((r) => r.outlet === outlet && want(sides.get(r.code)))
          .reduce((s, r) => s + r.count, 0);
      const taking = sum((s) => s === "against" || s === "for");
      const none = sum((s) => s === "none");
      const note = page.getByTestId(`no-stance-${side}`);
      await expect(note).toHaveAttribute("data-taking", String(taking));
      await expect(note).toHaveAttribute("data-no-stance", String(none));
      await expect(note).toContainText(
        `${taking} of ${api.n[outlet].articles} articles, with ${none} taking no stance`,
      );
      for (const [code, codeSide] of sides) {
        const cell = table.locator(`tr[data-code="${code}"] td[data-side="${side}"]`);
        if (codeSide === "none") await expect(cell.locator(".share-value")).toHaveText("no stance");
      }
    }
    // Seeded corpus: JoongAng's one stance-taking article opposes; its other one takes no stance.
    // Among stance-taking articles both outlets oppose fully: no 50-point gap.
    await expect(page.getByTestId("no-stance-b")).toHaveAttribute("data-no-stance", "1");
    const oppose = table.locator('tr[data-code="oppose"]');
    await expect(oppose.locator('td[data-side="a"] .share-value')).toHaveText("100 %");
    await expect(oppose.locator('td[data-side="b"] .share-value')).toHaveText("100 %");
    await expect(oppose.locator('td[data-side="b"]')).toContainText("1 of 1 article");
    await expect(oppose.getByTestId("diff")).toContainText("0 pp");
  });

  test("shows each outlet's orientation with its source, by keyboard too, and nothing without a source", async ({
    page,
    request,
  }) => {
    const { outlets } = (await (await request.get("/api/v1/outlets")).json()) as {
      outlets: { slug: string; orientation: string | null; orientationSource: string | null }[];
    };
    const bySlug = new Map(outlets.map((o) => [o.slug, o]));
    await page.goto("/compare?a=hankyoreh&b=campus-journal");
    const withSource = bySlug.get("hankyoreh")!;
    expect(withSource.orientationSource).toBeTruthy();
    const card = page.getByTestId("n-a");
    await expect(card.getByTestId("orientation-label")).toHaveText(withSource.orientation!);
    const source = card.getByTestId("orientation-source");
    await expect(source).toBeHidden();
    await card.locator(".orientation summary").focus();
    await page.keyboard.press("Enter");
    await expect(source).toBeVisible();
    await expect(source).toContainText(withSource.orientationSource!.slice(0, 40));

    expect(bySlug.get("campus-journal")!.orientationSource).toBeNull();
    const none = page.getByTestId("n-b");
    await expect(none.getByTestId("orientation")).toHaveCount(0);
    await expect(none).not.toContainText("Orientation");
  });

  test("defaults to hankyoreh vs joongang-daily; the GET form changes the pair through the URL", async ({
    page,
  }) => {
    await page.goto("/compare");
    await expect(page.getByTestId("param-notice")).toHaveCount(0);
    await expect(page.getByTestId("select-a")).toHaveValue("hankyoreh");
    await expect(page.getByTestId("select-b")).toHaveValue("joongang-daily");
    await expect(page.getByTestId("name-a")).toHaveText("The Hankyoreh");

    await page.getByTestId("select-a").selectOption("campus-journal");
    await page.getByTestId("compare-submit").click();
    await page.waitForURL((url) => url.searchParams.get("a") === "campus-journal");
    const url = new URL(page.url());
    expect(url.pathname).toBe("/compare");
    expect(url.searchParams.get("b")).toBe("joongang-daily");
    await expect(page.getByTestId("name-a")).toHaveText(
      "The Campus Journal (Changwon National University)",
    );
    await expect(page.getByTestId("select-a")).toHaveValue("campus-journal");
    await expect(page.getByTestId("param-notice")).toHaveCount(0);
  });

  test("an unknown or repeated outlet shows a notice naming the parameter and falls back to the defaults", async ({
    page,
  }) => {
    await page.goto("/compare?a=nope");
    const notice = page.getByTestId("param-notice");
    await expect(notice).toBeVisible();
    await expect(notice.locator("li")).toHaveCount(1);
    await expect(notice.locator("li code")).toHaveText("a");
    await expect(notice).toContainText('unknown outlet "nope"');
    await expect(page.getByTestId("name-a")).toHaveText("The Hankyoreh");
    await expect(page.getByTestId("name-b")).toHaveText("Korea JoongAng Daily");
    await expect(page.locator("table.compare-table")).toHaveCount(6);

    await page.goto("/compare?a=joongang-daily&b=joongang-daily");
    await expect(page.getByTestId("param-notice").locator("li code")).toHaveText("b");
    await expect(page.getByTestId("param-notice")).toContainText("same outlet as a");
    await expect(page.getByTestId("name-a")).toHaveText("Korea JoongAng Daily");
    await expect(page.getByTestId("name-b")).toHaveText("The Hankyoreh");

    await page.goto("/compare?a=nope&b=hankyoreh");
    await expect(page.getByTestId("param-notice").locator("li code")).toHaveText("a");
    await expect(page.getByTestId("name-a")).toHaveText("Korea JoongAng Daily");
    await expect(page.getByTestId("name-b")).toHaveText("The Hankyoreh");

    const res = await page.goto("/compare?a=hankyoreh&a=campus-journal&from=2024-02-30");
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("param-notice").locator("li code")).toHaveText(["from", "a"]);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`at ${viewport.width}×${viewport.height}: no horizontal scroll, no clipped text in the tables or cards; screenshot`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto("/compare?a=hankyoreh&b=joongang-daily");
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      await expect(page.locator("table.compare-table")).toHaveCount(6);
      expect(await clippedText(page, "table.compare-table, .compare-n-card")).toEqual([]);
      if (viewport.width < 600) {
        // Each row is a card naming A and B beside their shares.
        const card = page.locator('table[data-dimension="ties"] tr[data-code="security_threat"]');
        await expect(card.locator('td[data-side="a"] .cell-label')).toBeVisible();
        await expect(card.locator('td[data-side="a"] .cell-label')).toHaveText("A · Hankyoreh");
        await expect(card.locator('td[data-side="b"] .cell-label')).toHaveText("B · JoongAng");
      }
      await page.screenshot({
        path: `test-results/screenshots/compare-${viewport.width}.png`,
        fullPage: true,
      });
    });
  }

  test("has no serious or critical accessibility violations; screenshot", async ({ page }) => {
    // Two full-page axe scans of a long page.
    test.slow();
    for (const url of ["/compare?a=hankyoreh&b=joongang-daily", "/compare?a=nope"]) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(bad.map((v) => `${url} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    }
    await page.goto("/compare?a=hankyoreh&b=joongang-daily");
    await page.screenshot({ path: "test-results/screenshots/compare.png", fullPage: true });
  });
});
