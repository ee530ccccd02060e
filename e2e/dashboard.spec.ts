import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { chartUnit, DASHBOARD_CHARTS } from "../app/lib/charts";
import { readChartTable, waitForQuery } from "./helpers";

interface FrameRow {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}

async function frames(request: APIRequestContext, query: string): Promise<FrameRow[]> {
  const res = await request.get(`/api/v1/frames?${query}`);
  expect(res.status(), query).toBe(200);
  return (await res.json()).rows;
}

function sortRows<T extends { outlet: string; code: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.outlet.localeCompare(b.outlet) || a.code.localeCompare(b.code));
}

// Every chart whose table counts codes per outlet (the timeline lists articles instead).
const COUNT_CHARTS = DASHBOARD_CHARTS.filter((c) => c.kind !== "timeline");

test.describe("dashboard", () => {
  for (const query of [
    "",
    "unit=articles",
    "outlets=hankyoreh,joongang-daily&from=2024-06-01",
    "genres=editorial,news_analysis&unit=articles",
  ]) {
    test(`every chart table equals the API for "${query || "no filters"}"`, async ({
      page,
      request,
    }) => {
      await page.goto(`/${query ? `?${query}` : ""}`);
      const unit = query.includes("unit=articles") ? "articles" : "passages";
      const filterPart = query.replace(/&?unit=articles/, "");
      for (const chart of COUNT_CHARTS) {
        const u = chartUnit(chart, unit);
        const api = await frames(
          request,
          `dimension=${chart.dimension}&unit=${u}${filterPart ? `&${filterPart}` : ""}`,
        );
        const table = await readChartTable(page, chart.key);
        expect(table.length, chart.key).toBeGreaterThan(0);
        expect(sortRows(table), chart.key).toEqual(
          sortRows(
            api.map((r) => ({ outlet: r.outlet, code: r.code, count: r.count, share: r.share })),
          ),
        );
      }
    });
  }

  test("each chart states what it counts and its n per outlet", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("figure[data-chart]")).toHaveCount(DASHBOARD_CHARTS.length);
    for (const { key: chart } of DASHBOARD_CHARTS) {
      const figure = page.locator(`figure[data-chart="${chart}"]`);
      await expect(figure.locator("h2")).not.toBeEmpty();
      await expect(figure.getByTestId("counts")).toContainText(/passages|articles|Articles/);
      await expect(figure.getByTestId("n")).toContainText(/n: .*\d/);
      await expect(figure.locator("canvas")).toBeVisible();
      await expect(figure.locator("table")).toHaveCount(1);
    }
    await expect(
      page.locator('figure[data-chart="weapons-by-outlet"]').getByTestId("n"),
    ).toContainText("Hankyoreh · 2 articles");
  });

  test("every chart states its finding with numbers, its small samples and who coded it", async ({
    page,
  }) => {
    await page.goto("/");
    for (const { key: chart } of DASHBOARD_CHARTS) {
      const figure = page.locator(`figure[data-chart="${chart}"]`);
      // A numerator and a denominator: "… in 7 of 18 passages", "3 of 5 articles …", "1 of 9 events".
      await expect(figure.getByTestId("takeaway"), chart).toContainText(/\d+ of \d/);
      await expect(figure.getByTestId("coder"), chart).toHaveText("coded by FS-1");
      await expect(figure.getByTestId("agreement-badge"), chart).toContainText(
        "needs a second coder",
      );
    }
    // Every outlet of the seed corpus has fewer than 5 articles: each is marked, and the findings say so.
    const weapons = page.locator('figure[data-chart="weapons-by-outlet"]');
    await expect(weapons.getByTestId("takeaway")).toContainText("too few to generalise");
    await expect(weapons.getByTestId("n")).toContainText("small sample");
    await expect(weapons.locator("table [data-testid=small-sample]")).toHaveCount(3);
    // The stance finding is the corpus's: 3 of 5 articles oppose, none support, 2 take no stance.
    await expect(weapons.getByTestId("takeaway")).toContainText("3 of 5 articles oppose");
    await expect(weapons.getByTestId("takeaway")).toContainText("2 take no stance");
  });

  test("changing a filter updates the URL and the numbers; back and forward restore them", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByTestId("summary")).toContainText("5 articles from 3 outlets");
    await page.getByLabel("The Campus Journal (Changwon National University)").uncheck();
    await waitForQuery(page, "?outlets=hankyoreh,joongang-daily");
    await expect(page.getByTestId("summary")).toContainText("4 articles from 2 outlets");
    expect(
      (await readChartTable(page, "ties-by-outlet")).some((c) => c.outlet === "campus-journal"),
    ).toBe(false);

    await page.getByLabel("Editorial").uncheck();
    await waitForQuery(
      page,
      "?outlets=hankyoreh,joongang-daily&genres=column,news_analysis,news_report",
    );
    await expect(page.getByTestId("summary")).toContainText("2 articles from 2 outlets");

    await page.goBack();
    await waitForQuery(page, "?outlets=hankyoreh,joongang-daily");
    await expect(page.getByTestId("summary")).toContainText("4 articles from 2 outlets");
    await expect(page.getByLabel("Editorial")).toBeChecked();
    await page.goBack();
    await waitForQuery(page, "");
    await expect(page.getByTestId("summary")).toContainText("5 articles from 3 outlets");
    await page.goForward();
    await waitForQuery(page, "?outlets=hankyoreh,joongang-daily");
    await expect(page.getByTestId("summary")).toContainText("4 articles from 2 outlets");
  });

  test("a filter change redraws the charts from the API before the page; tables, URL and history follow", async ({
    page,
  }) => {
    // The page's own navigation (React Server Components) is held back, so the charts can only
    // show the new data from GET /api/v1/dashboard while the rest of the page is still the old one.
    // It is held until the test has seen the charts redrawn: no clock decides the order.
    let holdPage = false;
    let releasePage = () => {};
    const pageReleased = new Promise<void>((resolve) => {
      releasePage = resolve;
    });
    await page.route("**/*", async (route) => {
      if (holdPage && route.request().headers().rsc === "1") await pageReleased;
      await route.fallback();
    });
    await page.goto("/");
    const reserves = page.locator("figure[data-chart] .chart-reserve");
    await expect(reserves).toHaveCount(DASHBOARD_CHARTS.length);
    await expect(page.locator("figure[data-chart] canvas[data-drawn]")).toHaveCount(
      DASHBOARD_CHARTS.length,
    );
    const allOutlets = await reserves.first().getAttribute("data-outlets");
    expect(allOutlets?.split(" ")).toContain("campus-journal");
    const drawn = () =>
      page
        .locator("figure[data-chart] canvas[data-drawn]")
        .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute("data-drawn"))));
    const before = await drawn();

    holdPage = true;
    await page.getByLabel("The Campus Journal (Changwon National University)").uncheck();
    for (const chart of DASHBOARD_CHARTS)
      await expect(
        page.locator(`figure[data-chart="${chart.key}"] .chart-reserve`),
        chart.key,
      ).toHaveAttribute("data-outlets", "joongang-daily hankyoreh");
    const redrawn = await drawn();
    expect(redrawn.every((n, i) => n > before[i])).toBe(true);
    // The server's page has not arrived yet: the summary and the tables are still the old ones.
    await expect(page.getByTestId("summary")).toContainText("5 articles from 3 outlets");
    expect(
      (await readChartTable(page, "ties-by-outlet")).some((c) => c.outlet === "campus-journal"),
    ).toBe(true);

    // Then it does: URL, summary and tables follow, and the charts are not drawn again.
    holdPage = false;
    releasePage();
    await waitForQuery(page, "?outlets=hankyoreh,joongang-daily");
    await expect(page.getByTestId("summary")).toContainText("4 articles from 2 outlets");
    expect(
      (await readChartTable(page, "ties-by-outlet")).some((c) => c.outlet === "campus-journal"),
    ).toBe(false);
    expect(await drawn()).toEqual(redrawn);

    // Back and forward: the charts follow the page.
    await page.goBack();
    await waitForQuery(page, "");
    await expect(page.getByTestId("summary")).toContainText("5 articles from 3 outlets");
    await expect(reserves.first()).toHaveAttribute("data-outlets", allOutlets ?? "");
    await page.goForward();
    await waitForQuery(page, "?outlets=hankyoreh,joongang-daily");
    await expect(reserves.first()).toHaveAttribute("data-outlets", "joongang-daily hankyoreh");

    // Without the API, the page's own render still updates the charts.
    await page.route("**/api/v1/dashboard**", (route) => route.abort());
    await page.getByLabel("The Campus Journal (Changwon National University)").check();
    await waitForQuery(page, "");
    await expect(reserves.first()).toHaveAttribute("data-outlets", allOutlets ?? "");
  });

  test("a date preset around the treaty filters by date", async ({ page }) => {
    await page.goto("/");
    await page
      .getByLabel("Preset")
      .selectOption({ label: "Before: Putin and Kim sign the Pyongyang treaty (2024-06-19)" });
    await waitForQuery(page, "?to=2024-06-18");
    await expect(page.getByTestId("summary")).toContainText("3 articles from 3 outlets");
  });

  test("the copied link opened in a fresh browser gives the identical view", async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(
      "/?outlets=joongang-daily,hankyoreh&unit=articles&panel=ties.security_threat.hankyoreh",
    );
    await page.getByTestId("copy-link").click();
    await expect(page.getByText("Link copied.")).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(
      /\/\?outlets=hankyoreh,joongang-daily&unit=articles&panel=ties\.security_threat\.hankyoreh$/,
    );

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    for (const chart of ["ties-by-outlet", "weapons-by-outlet", "generic-by-outlet"]) {
      expect(await readChartTable(other, chart)).toEqual(await readChartTable(page, chart));
    }
    await expect(other.getByTestId("summary")).toHaveText(
      await page.getByTestId("summary").innerText(),
    );
    await expect(other.getByTestId("evidence-panel")).toBeVisible();
    expect(await other.getByTestId("evidence-panel").innerText()).toBe(
      await page.getByTestId("evidence-panel").innerText(),
    );
    await fresh.close();
  });

  test("a date range with no articles shows the empty state and a way back", async ({ page }) => {
    await page.goto("/?from=2024-07-10&to=2024-07-20");
    await expect(page.getByTestId("empty-state")).toContainText("No articles match these filters");
    await expect(page.locator("figure[data-chart]")).toHaveCount(0);
    await page.getByRole("link", { name: "Show all articles" }).click();
    await expect(page.getByTestId("summary")).toContainText("5 articles");
  });

  test("drilling down from a table cell lists exactly the passages behind the number", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    const cells = await readChartTable(page, "ties-by-outlet");
    const cell = cells.find((c) => c.outlet === "hankyoreh" && c.code === "security_threat")!;
    await page.locator('figure[data-chart="ties-by-outlet"] summary').click();
    await page
      .locator(
        'figure[data-chart="ties-by-outlet"] tr[data-outlet="hankyoreh"] td[data-code="security_threat"] a',
      )
      .click();
    await waitForQuery(page, "?panel=ties.security_threat.hankyoreh");
    // The clicked cell is marked as the one whose evidence is open, and no other.
    await expect(
      page.locator(
        'figure[data-chart="ties-by-outlet"] tr[data-outlet="hankyoreh"] td[data-code="security_threat"]',
      ),
    ).toHaveAttribute("aria-current", "true");
    await expect(page.locator('figure[data-chart] td[aria-current="true"]')).toHaveCount(1);
    const panel = page.getByTestId("evidence-panel");
    await expect(panel).toContainText("Security threat");
    await expect(panel.getByTestId("evidence-count")).toContainText(`${cell.count} passage`);

    const expected: string[] = [];
    for (const slug of ["hankyoreh-dangerous-game", "hankyoreh-tact-and-diplomacy"]) {
      const article = await (await request.get(`/api/v1/articles/${slug}`)).json();
      for (const p of article.passages)
        if (p.dimension === "ties" && p.code === "security_threat") expected.push(p.quote);
    }
    const shown = await panel.locator("blockquote").allInnerTexts();
    expect(shown.map((s) => s.trim()).sort()).toEqual(expected.map((s) => s.trim()).sort());
    const firstLink = panel.locator(".evidence-source a").first();
    await expect(firstLink).toHaveAttribute("href", /^\/articles\/hankyoreh-[a-z-]+#p-\d+$/);
  });

  test("invalid URL parameters are ignored with a notice naming them", async ({ page }) => {
    const res = await page.goto("/?from=2024-02-30&outlets=nyt&unit=words&panel=bogus&colour=red");
    expect(res?.status()).toBe(200);
    const notice = page.getByTestId("param-notice");
    for (const param of ["from", "outlets", "unit", "panel", "colour"])
      await expect(notice.locator("code", { hasText: param })).toHaveCount(1);
    await expect(page.getByTestId("summary")).toContainText("5 articles from 3 outlets");
  });

  test("a saved view round-trips under its title", async ({ page, browser }) => {
    await page.goto("/?outlets=hankyoreh&unit=articles");
    await page.getByPlaceholder("Title for this view").fill("Hankyoreh by article");
    await page.getByRole("button", { name: "Save view" }).click();
    const saved = page.getByTestId("saved-link");
    await expect(saved).toBeVisible();
    const url = (await saved.getAttribute("href"))!;
    expect(url).toMatch(/\/v\/[A-Za-z0-9_-]{22}$/);
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.locator("h1")).toHaveText("Hankyoreh by article");
    await expect(other).toHaveTitle(/Hankyoreh by article/);
    expect(await readChartTable(other, "ties-by-outlet")).toEqual(
      await readChartTable(page, "ties-by-outlet"),
    );
    await fresh.close();
    const missing = await page.goto("/v/AAAAAAAAAAAAAAAAAAAAAA");
    expect(missing?.status()).toBe(404);
  });

  test("fits a 375 px wide screen without sideways scrolling", async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await ctx.newPage();
    await page.goto("/");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await ctx.close();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/?panel=ties.security_threat.hankyoreh");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await page.goto("/");
    await page.screenshot({ path: "test-results/screenshots/dashboard.png", fullPage: true });
  });
});
