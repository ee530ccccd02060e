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

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
function pp(diff: number): string {
  const r = Math.round(diff * 10) / 10;
  if (r === 0) return "0.0 pp";
  return `${r > 0 ? "+" : "\u2212"}${Math.abs(r).toFixed(1)} pp`;
}

async function expectTablesEqualApi(
  page: Page,
  request: APIRequestContext,
  a: string,
  b: string,
  filterQuery = "",
) {
  for (const [dimension, unit] of DIMENSIONS) {
    const api = await frames(
      request,
      `dimension=${dimension}&unit=${unit}&outlets=${[a, b].sort().join(",")}${filterQuery ? `&${filterQuery}` : ""}`,
    );
    const apiRow = (outlet: string, code: string) =>
      api.rows.find((r) => r.outlet === outlet && r.code === code);
    const table = await readCompareTable(page, dimension);
    const codes = [...new Set(api.rows.map((r) => r.code))];
    expect(
      table.map((r) => r.code),
      dimension,
    ).toEqual(codes.length ? codes : table.map((r) => r.code));
    expect(table.length, dimension).toBeGreaterThan(0);
    for (const row of table) {
      const ra = apiRow(a, row.code);
      const rb = apiRow(b, row.code);
      const label = `${dimension}.${row.code}`;
      expect(row.countA, label).toBe(ra?.count ?? 0);
      expect(row.countB, label).toBe(rb?.count ?? 0);
      if (ra?.share == null) expect(row.shareA, label).toBeNull();
      else {
        expect(Math.abs(row.shareA! - ra.share * 100), label).toBeLessThan(0.05);
        expect(row.textA, label).toBe(pct(ra.share));
      }
      if (rb?.share == null) expect(row.shareB, label).toBeNull();
      else {
        expect(Math.abs(row.shareB! - rb.share * 100), label).toBeLessThan(0.05);
        expect(row.textB, label).toBe(pct(rb.share));
      }
      if (row.shareA === null || row.shareB === null) expect(row.diff, label).toBeNull();
      else {
        expect(Math.abs(row.diff! - (row.shareA - row.shareB)), label).toBeLessThan(1e-9);
        expect(row.diffText, label).toBe(pp(row.diff!));
      }
    }
  }
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

    // Spot check against the seeded corpus: ties, security threat is 7 of 23 vs 7 of 18 passages.
    const ties = page.locator('table[data-dimension="ties"] tr[data-code="security_threat"]');
    await expect(ties.locator('td[data-side="a"]')).toContainText("30.4 %");
    await expect(ties.locator('td[data-side="a"]')).toContainText("7 of 23 passages");
    await expect(ties.locator('td[data-side="b"]')).toContainText("38.9 %");
    await expect(ties.getByTestId("diff")).toContainText("\u22128.5 pp");
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
    await expect(nA).toContainText(
      `${api.n.hankyoreh.articles} articles · ${passagesA} coded passages`,
    );
    await expect(nB).toHaveAttribute("data-articles", String(api.n["joongang-daily"].articles));
    await expect(nB).toContainText(
      `${api.n["joongang-daily"].articles} articles · ${passagesB} coded passages`,
    );
    await expect(page.getByTestId("small-n")).toHaveText(
      "n is small: differences describe these articles, not the outlets in general.",
    );
    await expect(
      page
        .locator('[data-testid="compare-dimension"]')
        .filter({ has: page.locator('table[data-dimension="ties"]') })
        .getByTestId("dimension-n"),
    ).toContainText("The Hankyoreh 23 passages in 2 articles");
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

  test("has no serious or critical accessibility violations; screenshot", async ({ page }) => {
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
