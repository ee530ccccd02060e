import { expect, test } from "@playwright/test";

test.describe("JSON API", () => {
  test("lists the five seeded articles from three outlets", async ({ request }) => {
    const res = await request.get("/api/v1/articles");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.n).toBe(5);
    expect(new Set(body.articles.map((a: { outlet: { slug: string } }) => a.outlet.slug))).toEqual(
      new Set(["hankyoreh", "joongang-daily", "campus-journal"]),
    );
    for (const a of body.articles) {
      expect(a.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof a.codes.weapons).toBe("string");
      expect(typeof a.codes.tone_gov).toBe("string");
      expect(Array.isArray(a.codes.ties)).toBe(true);
    }
  });

  test("filters articles by outlet, genre and date", async ({ request }) => {
    const res = await request.get(
      "/api/v1/articles?outlets=hankyoreh&genres=editorial&from=2024-06-01&to=2024-06-30",
    );
    const body = await res.json();
    expect(body.n).toBe(1);
    expect(body.articles[0].slug).toBe("hankyoreh-tact-and-diplomacy");
  });

  test("an article carries its body and passages whose quotes are body slices", async ({
    request,
  }) => {
    const res = await request.get("/api/v1/articles/hankyoreh-dangerous-game");
    expect(res.status()).toBe(200);
    const a = await res.json();
    expect(a.passages.length).toBeGreaterThan(8);
    for (const p of a.passages) expect(a.body.slice(p.start, p.end)).toBe(p.quote);
  });

  test("frame shares per outlet with n", async ({ request }) => {
    const res = await request.get("/api/v1/frames?dimension=weapons&unit=articles");
    const body = await res.json();
    expect(body.n.hankyoreh.articles).toBe(2);
    const hk = body.rows.filter((r: { outlet: string }) => r.outlet === "hankyoreh");
    expect(hk.find((r: { code: string }) => r.code === "oppose").count).toBe(2);
  });

  test("bad parameters get 400 naming the field; unknown slugs 404; never a 500", async ({
    request,
  }) => {
    const cases: [string, number, string][] = [
      ["/api/v1/articles?from=2024-02-30", 400, "from"],
      ["/api/v1/articles?from=2024-07-01&to=2024-06-01", 400, "to"],
      ["/api/v1/articles?outlets=nyt", 400, "outlets"],
      ["/api/v1/articles?genres=poem", 400, "genres"],
      ["/api/v1/articles?coder=XX", 400, "coder"],
      ["/api/v1/frames?dimension=mood", 400, "dimension"],
      ["/api/v1/frames?dimension=ties&unit=words", 400, "unit"],
      ["/api/v1/frames", 400, "dimension"],
    ];
    for (const [url, status, param] of cases) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(status);
      const body = await res.json();
      expect(
        body.issues.map((i: { param: string }) => i.param),
        url,
      ).toContain(param);
    }
    const missing = await request.get("/api/v1/articles/no-such-article");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error).toContain("no-such-article");
  });
});
