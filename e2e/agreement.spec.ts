import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DASHBOARD_CHARTS } from "../app/lib/charts";

/*
 * Agreement on the seed corpus, as an anonymous reader sees it: one coder (FS-1) coded every
 * article, so every chart's badge says a second coder is needed, /agreement explains what to
 * do, and /codebook states what is computed.
 */

const DIMENSIONS = ["ties", "weapons", "remedy", "blame", "tone_gov", "generic"];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("agreement badges", () => {
  test("every dashboard chart has a badge saying it needs a second coder, linked to its dimension", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.locator("figure[data-chart]")).toHaveCount(DASHBOARD_CHARTS.length);
    for (const chart of DASHBOARD_CHARTS) {
      const figure = page.locator(`figure[data-chart="${chart.key}"]`);
      const badge = figure.getByTestId("agreement-badge");
      await expect(badge, chart.key).toHaveAttribute("data-dimension", chart.dimension);
      await expect(badge, chart.key).toContainText(
        "needs a second coder: only FS-1 completed these articles",
      );
      await expect(badge, chart.key).toHaveAttribute("data-alpha", "");
      await expect(badge.getByRole("link", { name: /^details/ })).toHaveAttribute(
        "href",
        `/agreement#${chart.dimension}`,
      );
      await expect(figure.getByTestId("coder")).toHaveText("coded by FS-1");
    }
    await expect(page.getByTestId("agreement-badge-pending")).toHaveCount(0);
  });

  test("the badge follows the filters, its link keeps them (not the coder or unit), and it leads to the dimension", async ({
    page,
  }) => {
    await page.goto("/?outlets=hankyoreh,joongang-daily&from=2024-01-01&unit=articles");
    const badge = page
      .locator('figure[data-chart="remedy-by-outlet"]')
      .getByTestId("agreement-badge");
    await expect(badge).toContainText("needs a second coder");
    const link = badge.getByRole("link", { name: /^details/ });
    await expect(link).toHaveAttribute(
      "href",
      "/agreement?outlets=hankyoreh,joongang-daily&from=2024-01-01#remedy",
    );
    await link.click();
    await page.waitForURL(/\/agreement\?outlets=hankyoreh,joongang-daily&from=2024-01-01#remedy$/);
    await expect(page.locator("section#remedy h2")).toBeVisible();
    await expect(page.getByTestId("agreement-summary")).toContainText("hankyoreh, joongang-daily");
    await expect(page.getByTestId("param-notice")).toHaveCount(0);
  });

  test("filters with no articles leave no badge to wait for", async ({ page }) => {
    await page.goto("/?from=2030-01-01");
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await expect(page.getByTestId("agreement-badge")).toHaveCount(0);
  });

  test("every dimension on /compare has a badge for the two outlets' articles", async ({
    page,
  }) => {
    await page.goto("/compare?a=joongang-daily&b=hankyoreh&genres=editorial,column");
    const sections = page.getByTestId("compare-dimension");
    await expect(sections).toHaveCount(DIMENSIONS.length);
    for (const dimension of DIMENSIONS) {
      const badge = page.locator(`#cmp-${dimension}`).getByTestId("agreement-badge");
      await expect(badge, dimension).toContainText("needs a second coder");
      await expect(badge, dimension).toHaveAttribute("data-alpha", "");
      await expect(badge.getByRole("link", { name: /^details/ })).toHaveAttribute(
        "href",
        `/agreement?outlets=hankyoreh,joongang-daily&genres=editorial,column#${dimension}`,
      );
    }
  });
});

test.describe("layout", () => {
  /** Badges taller than the line reserved for them (their arrival would push the chart down). */
  const overflowing = (page: Page) =>
    page
      .getByTestId("agreement-badge")
      .evaluateAll((els) =>
        els
          .filter(
            (e) =>
              e.getBoundingClientRect().height >
              Number.parseFloat(getComputedStyle(e).minHeight) + 0.5,
          )
          .map((e) => `${e.getAttribute("data-dimension")}: ${e.getBoundingClientRect().height}px`),
      );

  test("each badge fits the line reserved for it, on wide and narrow screens", async ({ page }) => {
    for (const width of [1440, 1024, 800, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/");
      await expect(page.getByTestId("agreement-badge")).toHaveCount(DASHBOARD_CHARTS.length);
      expect(await overflowing(page), `/ at ${width}px`).toEqual([]);
      await page.goto("/compare?a=hankyoreh&b=joongang-daily");
      await expect(page.getByTestId("agreement-badge")).toHaveCount(DIMENSIONS.length);
      expect(await overflowing(page), `/compare at ${width}px`).toEqual([]);
    }
  });

  test("the dashboard loads without layout shift", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("agreement-badge")).toHaveCount(DASHBOARD_CHARTS.length);
    await expect(page.locator("figure[data-chart] canvas").first()).toBeVisible();
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
            })[])
              if (!e.hadRecentInput) total += e.value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBe(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the badges are in the server's HTML", async ({ page }) => {
    await page.goto("/");
    const badges = page.getByTestId("agreement-badge");
    await expect(badges).toHaveCount(DASHBOARD_CHARTS.length);
    for (let i = 0; i < DASHBOARD_CHARTS.length; i++) {
      await expect(badges.nth(i)).toBeVisible();
      await expect(badges.nth(i)).toContainText("needs a second coder");
    }
    await page.goto("/agreement");
    await expect(page.getByTestId("agreement-empty")).toBeVisible();
  });
});

test.describe("/agreement", () => {
  test("explains that a second coder is needed and how to add one, for every dimension", async ({
    page,
  }) => {
    await page.goto("/agreement");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Agreement between coders");
    const empty = page.getByTestId("agreement-empty");
    await expect(empty).toContainText("needs a second coder");
    await expect(empty).toContainText("Only FS-1 completed these articles");
    await expect(empty.getByRole("link", { name: "/admin/assignments" })).toHaveAttribute(
      "href",
      "/admin/assignments",
    );
    await expect(page.getByTestId("pair-selector")).toHaveCount(0);
    await expect(page.getByTestId("disagreements")).toHaveCount(0);
    const sections = page.getByTestId("agreement-dimension");
    expect(
      await sections.evaluateAll((els) => els.map((e) => e.getAttribute("data-dimension"))),
    ).toEqual(DIMENSIONS);
    for (const dimension of DIMENSIONS) {
      const row = page.locator(`section#${dimension}`).getByTestId("agreement-row");
      await expect(row).toHaveCount(1);
      await expect(row).toHaveAttribute("data-alpha", "");
      await expect(row).toContainText("needs a second coder");
    }
    // Category agreement and uα per code for the many-valued dimensions only.
    await expect(page.locator("section#ties").getByTestId("agreement-code")).toHaveCount(6);
    await expect(page.locator("section#weapons").getByTestId("agreement-codes")).toHaveCount(0);
  });

  test("bad parameters are ignored with a notice, never an error", async ({ page }) => {
    const res = await page.goto("/agreement?outlets=nowhere&from=2024-13-01&pair=FS-1,NOBODY&x=1");
    expect(res?.status()).toBe(200);
    const notice = page.getByTestId("param-notice");
    await expect(notice).toContainText("outlets");
    await expect(notice).toContainText("from");
    await expect(notice).toContainText("pair");
    await expect(notice).toContainText("x");
    await expect(page.getByTestId("agreement-dimension")).toHaveCount(DIMENSIONS.length);
  });

  test("the site header links to it", async ({ page }) => {
    await page.goto("/");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Agreement" })
      .click();
    await page.waitForURL((url) => url.pathname === "/agreement");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agreement" }),
    ).toHaveAttribute("aria-current", "page");
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/agreement");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/");
    await expect(page.getByTestId("agreement-badge")).toHaveCount(DASHBOARD_CHARTS.length);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("/codebook", () => {
  test("states what is computed, how to read a badge and the verdict bands", async ({ page }) => {
    await page.goto("/codebook#agreement");
    const method = page.getByTestId("agreement-method");
    await expect(method.getByTestId("agreement-scope")).toHaveText(
      "Agreement is computed among the coders who completed the same articles, within the current filters. " +
        "The reference coding REF never takes part. The API returns alphas unrounded. " +
        "Values may be missing: a coder who did not code an article has no value for it.",
    );
    const rows = method.getByTestId("agreement-units").locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("ties, remedy, blame, generic (many-valued)");
    await expect(rows.nth(0)).toContainText("including pairs that both coders left absent");
    await expect(rows.nth(0)).toContainText("present (at least one passage of the code) or absent");
    await expect(rows.nth(1)).toContainText(/weapons\s*one article\s*its code\s*nominal/);
    await expect(rows.nth(2)).toContainText(
      "critical < somewhat_critical < neutral < somewhat_supportive < supportive",
    );
    await expect(rows.nth(2)).toContainText("ordinal");
    await expect(method).toContainText("Krippendorff’s unitizing alpha (uα)");
    await expect(method).toContainText("a bootstrap 95 % interval");
    await expect(method).toContainText("the number of units and of pairable values");
    await expect(method).toContainText("With fewer than two coders on the same articles");
    await expect(method).toContainText("α = 0.84 [0.71, 0.95] · 30 units · 5 articles · reliable");
    await expect(method.getByTestId("verdict-bands").locator("li")).toHaveText([
      "reliable: α at or above 0.800.",
      "tentative conclusions only: α from 0.667 to below 0.800.",
      "not reliable: α below 0.667.",
    ]);
  });
});
