import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

/** Link previews: every shareable page names an image of its own, a 1200 × 630 PNG. */

/** The og:image URL a page declares. */
async function ogImage(page: Page, url: string): Promise<string> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  const content = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(content, `${url}: og:image`).toBeTruthy();
  return new URL(content ?? "").pathname + new URL(content ?? "").search;
}

/** Fetches a preview and reads its size from the PNG header (IHDR: width and height at bytes 16–23). */
async function png(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"], url).toBe("image/png");
  const body = await res.body();
  expect(body.subarray(1, 4).toString("latin1"), `${url}: PNG signature`).toBe("PNG");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20), body };
}

test.describe("link previews", () => {
  for (const [what, url, image] of [
    ["the dashboard", "/?outlets=hankyoreh,joongang-daily", /^\/og\?outlets=hankyoreh/],
    ["the comparison", "/compare?a=hankyoreh&b=joongang-daily", /^\/og\/compare\?a=hankyoreh/],
    [
      "an article",
      "/articles/hankyoreh-dangerous-game",
      /^\/og\/articles\/hankyoreh-dangerous-game$/,
    ],
  ] as const) {
    test(`${what} points og:image at its own 1200 × 630 preview`, async ({ page, request }) => {
      const src = await ogImage(page, url);
      expect(src).toMatch(image);
      const { width, height } = await png(request, src);
      expect({ width, height }).toEqual({ width: 1200, height: 630 });
    });
  }

  test("the dashboard preview shows the open evidence panel", async ({ page, request }) => {
    const src = await ogImage(page, "/?panel=ties.security_threat.hankyoreh");
    expect(src).toContain("panel=ties.security_threat.hankyoreh");
    const withPanel = await png(request, src);
    const without = await png(request, "/og");
    expect(withPanel.body.equals(without.body)).toBe(false);
  });

  test("a preview of an unknown article is a 404, not an image", async ({ request }) => {
    const res = await request.get("/og/articles/no-such-article");
    expect(res.status()).toBe(404);
  });
});
