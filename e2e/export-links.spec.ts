import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { waitForQuery } from "./helpers";

/*
 * The dashboard's Export group: three plain links (REFI-QDA project, passages CSV, articles CSV)
 * that carry the view's filters, name a coder only when the URL does, follow a filter change, and
 * work without JavaScript.
 */

const LINKS = {
  qdpx: "/api/v1/export/project.qdpx",
  passages: "/api/v1/export/passages.csv",
  articles: "/api/v1/export/articles.csv",
};

async function hrefs(page: import("@playwright/test").Page): Promise<Record<string, string>> {
  const nav = page.getByRole("navigation", { name: "Export" });
  await expect(nav.getByRole("link")).toHaveCount(3);
  return Object.fromEntries(
    await nav
      .locator("a[data-export]")
      .evaluateAll((links) =>
        links.map((a) => [a.getAttribute("data-export") ?? "", a.getAttribute("href") ?? ""]),
      ),
  );
}

test("the export links carry the dashboard's filters, and its coder only when the URL names one", async ({
  page,
}) => {
  await page.goto("/?outlets=hankyoreh&genres=editorial&from=2024-01-01&to=2024-12-31");
  const query = "?outlets=hankyoreh&genres=editorial&from=2024-01-01&to=2024-12-31";
  expect(await hrefs(page)).toEqual({
    qdpx: `${LINKS.qdpx}${query}`,
    passages: `${LINKS.passages}${query}`,
    articles: `${LINKS.articles}${query}`,
  });
  for (const link of await page.locator(".export-links a").all())
    expect(await link.getAttribute("download")).not.toBeNull();

  await page.goto("/?outlets=hankyoreh&coder=FS-1&unit=articles");
  expect((await hrefs(page)).passages).toBe(`${LINKS.passages}?outlets=hankyoreh&coder=FS-1`);

  // A filter change (client-side navigation) renders links for the new filters.
  await page.goto("/?outlets=hankyoreh");
  // Every genre is ticked when none is chosen: unticking one chooses the other three.
  const genres = "genres=column,news_analysis,news_report";
  await page.locator("form.filter-bar").getByLabel("Editorial").uncheck();
  await waitForQuery(page, `?outlets=hankyoreh&${genres}`);
  expect((await hrefs(page)).articles).toBe(`${LINKS.articles}?outlets=hankyoreh&${genres}`);
});

test("each link answers its file: the CSVs with a BOM and a header, the project as a zip", async ({
  page,
  request,
}) => {
  await page.goto("/?outlets=hankyoreh");
  const links = await hrefs(page);
  for (const key of ["passages", "articles"] as const) {
    const res = await request.get(links[key]);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 16).toString()).toBe("article_slug,");
    expect(bytes.toString().split("\r\n").length).toBeGreaterThan(2);
  }
  const project = await request.get(links.qdpx);
  expect(project.status()).toBe(200);
  expect((await project.body()).subarray(0, 2).toString()).toBe("PK");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the links are in the server's HTML and download", async ({ page }) => {
    await page.goto("/?outlets=joongang-daily");
    const link = page.getByRole("navigation", { name: "Export" }).getByRole("link", {
      name: "Passages (CSV)",
    });
    await expect(link).toHaveAttribute("href", `${LINKS.passages}?outlets=joongang-daily`);
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(file.suggestedFilename()).toBe("framescope-passages_joongang-daily.csv");
  });
});

test("the export group has no serious accessibility violation and does not move as charts draw", async ({
  page,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Export" });
  const before = await nav.boundingBox();
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll("figure[data-chart] canvas")];
    return canvases.length > 0 && canvases.every((c) => Number(c.getAttribute("data-drawn")) > 0);
  });
  expect(await nav.boundingBox()).toEqual(before);
  const results = await new AxeBuilder({ page }).include(".export-links").analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(serious.map((v) => v.id)).toEqual([]);
});
