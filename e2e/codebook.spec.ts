import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

/** The codebook's dimensions and codes, in order, exactly as keyed in seeds/codebook.yaml. */
const CODEBOOK: Record<string, string[]> = {
  ties: [
    "security_threat",
    "transactional",
    "bloc_rivalry",
    "seoul_policy_consequence",
    "sanctions_erosion",
    "limited_significance",
  ],
  weapons: ["oppose", "conditional", "support", "reported_only", "not_addressed"],
  remedy: [
    "balanced_diplomacy",
    "deterrence_alliance",
    "pressure_on_moscow",
    "china_leverage",
    "multilateral_pressure",
  ],
  blame: ["russia", "north_korea", "seoul_government", "us_west"],
  tone_gov: ["critical", "somewhat_critical", "neutral", "somewhat_supportive", "supportive"],
  generic: ["conflict", "responsibility", "economic", "human_interest", "morality"],
};

interface ApiCode {
  key: string;
  label: string;
  definition: string;
  indicators: string[];
  value: number | null;
}
interface ApiDimension {
  key: string;
  label: string;
  question: string;
  scope: "passage" | "article";
  codes: ApiCode[];
}

test.describe("codebook page", () => {
  test("lists all 6 dimensions and all 30 codes with their exact keys, in codebook order", async ({
    page,
  }) => {
    await page.goto("/codebook");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Codebook & method");
    await expect(page.getByTestId("codebook-summary")).toContainText("6 dimensions with 30 codes");

    const dims = page.getByTestId("dimension");
    await expect(dims).toHaveCount(6);
    expect(
      await dims.evaluateAll((els) => els.map((e) => e.getAttribute("data-dimension"))),
    ).toEqual(Object.keys(CODEBOOK));

    const codes = page.getByTestId("code");
    await expect(codes).toHaveCount(30);
    for (const [dimension, keys] of Object.entries(CODEBOOK)) {
      const section = page.locator(`section#dim-${dimension}`);
      await expect(section.getByTestId("dimension-key")).toHaveText(dimension);
      expect(
        await section
          .getByTestId("code")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-code"))),
      ).toEqual(keys);
      await expect(section.getByTestId("code-key")).toHaveText(keys);
      for (const key of keys)
        await expect(page.locator(`#code-${dimension}-${key}`)).toHaveCount(1);
    }
  });

  test("shows each dimension's question, unit and codes' definitions and indicators as the API has them", async ({
    page,
    request,
  }) => {
    const api = (await (await request.get("/api/v1/codebook")).json()) as {
      dimensions: ApiDimension[];
    };
    await page.goto("/codebook");
    for (const d of api.dimensions) {
      const section = page.locator(`section#dim-${d.key}`);
      await expect(section.locator("h2")).toContainText(d.label);
      await expect(section.getByTestId("dimension-question")).toHaveText(d.question);
      await expect(section.locator(`dd[data-scope="${d.scope}"]`)).toContainText(
        d.scope === "article" ? "once per article" : "on passages",
      );
      for (const c of d.codes) {
        const card = page.locator(`#code-${d.key}-${c.key}`);
        await expect(card.locator("h3")).toContainText(c.label);
        await expect(card.locator(".code-definition")).toHaveText(c.definition);
        await expect(card.locator(".code-indicators li")).toHaveText(c.indicators);
      }
    }
    // tone_gov is ordinal: its scale and each code's value are shown.
    await expect(page.locator("#dim-tone_gov").getByTestId("ordinal-scale")).toHaveText(
      "Ordinal, from \u22122 to +2: \u22122 Critical · \u22121 Somewhat critical · " +
        "0 Neutral · +1 Somewhat supportive · +2 Supportive",
    );
    await expect(page.locator("#code-tone_gov-critical .scale-value")).toHaveAttribute(
      "data-value",
      "-2",
    );
    await expect(page.locator("#code-tone_gov-supportive .scale-value")).toHaveAttribute(
      "data-value",
      "2",
    );
    await expect(page.locator("#dim-ties .scale-value")).toHaveCount(0);
  });

  test("explains the method from seeds/codebook.yaml and lists the coders", async ({ page }) => {
    await page.goto("/codebook");
    const method = page.getByTestId("method");
    await expect(method.getByTestId("method-summary")).toContainText(
      "Each article is read by a trained coder",
    );
    await expect(method.getByTestId("method-sources").locator("li")).toHaveCount(2);
    await expect(method.getByTestId("method-sources")).toContainText("Entman, R. M. (1993)");
    await expect(method.getByTestId("method-sources")).toContainText(
      "Semetko, H. A. & Valkenburg, P. M. (2000)",
    );
    await expect(method.getByTestId("method-agreement")).toContainText("Krippendorff's alpha");
    await expect(method.getByTestId("method-agreement")).toContainText("0.667");
    await expect(method.getByTestId("method-rules").locator("li")).toHaveCount(6);
    // The rule that defines each passage's voice (own, reported, unclear) is among them.
    await expect(method.getByTestId("method-rules")).toContainText("reported");
    await expect(page.getByTestId("method-missing")).toHaveCount(0);

    const coder = page.getByTestId("coders").locator('tr[data-coder="FS-1"]');
    await expect(coder).toHaveCount(1);
    await expect(coder).toContainText("Framescope coder 1");
    await expect(coder).toContainText("Person");
    await expect(coder).toContainText("Trained content analyst");
  });

  test("example quotes carry their code and link to that passage in the article", async ({
    page,
    request,
  }) => {
    await page.goto("/codebook");
    const examples = await page.getByTestId("code").evaluateAll((cards) =>
      cards.map((card) => ({
        dimension: card.closest("section")?.getAttribute("data-dimension") ?? "",
        code: card.getAttribute("data-code") ?? "",
        none: card.querySelector('[data-testid="no-example"]')?.textContent?.trim() ?? null,
        quotes: [...card.querySelectorAll('[data-testid="example"]')].map((li) => ({
          text: li.querySelector("blockquote")?.textContent?.trim() ?? "",
          href: li.querySelector('a[data-testid="example-link"]')?.getAttribute("href") ?? "",
          outlet: li.querySelector(".example-source")?.textContent ?? "",
        })),
      })),
    );
    expect(examples).toHaveLength(30);
    const withQuotes = examples.filter((e) => e.quotes.length > 0);
    expect(withQuotes.length).toBeGreaterThan(15);
    for (const e of examples) {
      // Either up to two distinct quotes, shortest first, or the empty-state sentence.
      if (e.quotes.length === 0)
        expect(e.none, `${e.dimension}.${e.code}`).toBe("No passage in the corpus yet.");
      else {
        expect(e.none, `${e.dimension}.${e.code}`).toBeNull();
        expect(e.quotes.length).toBeLessThanOrEqual(2);
        expect(new Set(e.quotes.map((q) => q.text)).size).toBe(e.quotes.length);
        const lengths = e.quotes.map((q) => q.text.length);
        expect(lengths, `${e.dimension}.${e.code}`).toEqual([...lengths].sort((x, y) => x - y));
      }
    }
    expect(
      examples.find((e) => e.dimension === "ties" && e.code === "security_threat")!.quotes,
    ).toHaveLength(2);

    // Each quote is a passage of the linked article coded with this code, and the article page has
    // its anchor.
    const articleCache = new Map<
      string,
      { outlet: { name: string }; passages: { dimension: string; code: string; quote: string }[] }
    >();
    const htmlCache = new Map<string, string>();
    for (const e of withQuotes) {
      for (const q of e.quotes) {
        const m = q.href.match(/^\/articles\/([a-z0-9-]+)#p-(\d+)$/);
        expect(m, q.href).not.toBeNull();
        const [, slug, id] = m!;
        if (!articleCache.has(slug)) {
          const res = await request.get(`/api/v1/articles/${slug}`);
          expect(res.status(), slug).toBe(200);
          articleCache.set(slug, await res.json());
          const page = await request.get(`/articles/${slug}`);
          expect(page.status(), slug).toBe(200);
          htmlCache.set(slug, await page.text());
        }
        const article = articleCache.get(slug)!;
        const quote = q.text.replace(/^“/, "").replace(/”$/, "");
        expect(
          article.passages.some(
            (p) => p.dimension === e.dimension && p.code === e.code && p.quote === quote,
          ),
          `${e.dimension}.${e.code} in ${slug}: ${quote.slice(0, 60)}`,
        ).toBe(true);
        expect(q.outlet).toContain(article.outlet.name);
        expect(htmlCache.get(slug), `#p-${id} on /articles/${slug}`).toContain(`id="p-${id}"`);
      }
    }

    // Following one link lands on the passage.
    const first = page.locator('a[data-testid="example-link"]').first();
    const href = (await first.getAttribute("href"))!;
    await first.click();
    await page.waitForURL((url) => url.pathname + url.hash === href);
    await expect(page.locator(`[id="${href.split("#")[1]}"]`)).toHaveCount(1);
  });

  test("the table of contents links to every section, and anchors work", async ({ page }) => {
    await page.goto("/codebook");
    const hrefs = await page
      .getByTestId("codebook-toc")
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(1 + 6 + 30 + 1);
    for (const href of hrefs) {
      expect(href.startsWith("#")).toBe(true);
      await expect(page.locator(`[id="${href.slice(1)}"]`), href).toHaveCount(1);
    }
    await page.goto("/codebook#code-ties-security_threat");
    await expect(page.locator("#code-ties-security_threat")).toBeInViewport();
    await page.goto("/codebook#dim-ties");
    await expect(page.locator("#dim-ties h2")).toBeInViewport();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/codebook");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
});
