import { expect, type Page, test } from "@playwright/test";
import { waitForQuery } from "./helpers";

/** The dashboard on a phone and on a desktop: what is on the first screen, where the evidence opens, card layout. */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** Waits until every chart canvas has been drawn at least once. */
async function chartsDrawn(page: Page) {
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll("figure[data-chart] canvas")];
    return canvases.length > 0 && canvases.every((c) => Number(c.getAttribute("data-drawn")) > 0);
  });
}

test.describe("phone layout", () => {
  test.use({ viewport: PHONE });

  test("the first chart starts on the first screen, under a one-line filter summary", async ({
    page,
  }) => {
    await page.goto("/");
    const top = await page
      .locator("figure[data-chart]")
      .first()
      .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeLessThan(PHONE.height);
    await expect(page.locator("form.filter-bar")).toBeHidden();
    await expect(page.getByTestId("filter-summary")).toHaveText(
      /^All dates · all \d+ outlets · all genres · FS-1$/,
    );
  });

  test("the summary states the filters in the URL, and Change opens the form", async ({ page }) => {
    await page.goto("/?outlets=hankyoreh&genres=editorial");
    const name = (
      await page.locator('form.filter-bar label:has(input[value="hankyoreh"])').textContent()
    )?.trim();
    expect(name).toBeTruthy();
    await expect(page.getByTestId("filter-summary")).toHaveText(
      `All dates · ${name} · editorial · FS-1`,
    );

    const change = page.getByRole("button", { name: "Change filters" });
    await expect(change).toHaveAttribute("aria-expanded", "false");
    // Keyboard first: the toggle is a real button.
    await change.focus();
    await page.keyboard.press("Enter");
    await expect(change).toHaveAttribute("aria-expanded", "true");
    const form = page.locator("form.filter-bar");
    await expect(form).toBeVisible();

    await form.getByLabel("Column").check();
    await waitForQuery(page, "?outlets=hankyoreh&genres=editorial,column");
    await expect(page.getByTestId("filter-summary")).toHaveText(
      `All dates · ${name} · 2 genres · FS-1`,
    );
    await page.reload();
    await expect(page.getByTestId("filter-summary")).toHaveText(
      `All dates · ${name} · 2 genres · FS-1`,
    );
    await page.goBack();
    await expect(page.getByTestId("filter-summary")).toHaveText(
      `All dates · ${name} · editorial · FS-1`,
    );

    await change.click();
    await expect(change).toHaveAttribute("aria-expanded", "true");
    await change.click();
    await expect(change).toHaveAttribute("aria-expanded", "false");
    await expect(form).toBeHidden();
  });
});

test.describe("desktop layout", () => {
  test.use({ viewport: DESKTOP });

  test("the filter form is shown as a whole, without the phone summary", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("form.filter-bar")).toBeVisible();
    await expect(page.getByTestId("filter-summary")).toBeHidden();
  });

  test("at 1280 px no chart card is more than a quarter empty", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/");
    await chartsDrawn(page);
    const cards = await page.locator("figure[data-chart]").evaluateAll((figures) =>
      figures.map((f) => {
        const box = f.getBoundingClientRect();
        const style = getComputedStyle(f);
        const children = [...f.children].map((c) => c.getBoundingClientRect());
        const content =
          Math.max(...children.map((r) => r.bottom)) -
          Math.min(...children.map((r) => r.top)) +
          Number.parseFloat(style.paddingTop) +
          Number.parseFloat(style.paddingBottom);
        return { chart: f.getAttribute("data-chart"), filled: content / box.height };
      }),
    );
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(card.filled, card.chart ?? "").toBeGreaterThanOrEqual(0.75);
  });
});

for (const viewport of [PHONE, DESKTOP]) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });

    test("a table cell opens the evidence under its chart, scrolled into view and focused", async ({
      page,
    }) => {
      await page.goto("/");
      const figure = page.locator('figure[data-chart="blame-by-outlet"]');
      await figure.locator("summary").click();
      const link = figure.locator("td[data-code] a").first();
      const href = (await link.getAttribute("href")) ?? "";
      const panel = new URL(href, "http://x").searchParams.get("panel") ?? "";
      expect(panel).toMatch(/^blame\./);
      await link.click();
      await waitForQuery(page, `?panel=${panel}`);

      const heading = page.locator("#evidence-title");
      await expect(heading).toBeFocused();
      await expect(heading).toBeInViewport();
      // Next to the chart it explains, not at the top of the page.
      const placed = await page.evaluate(
        () => document.querySelector("figure[data-chart='blame-by-outlet'] + .evidence") !== null,
      );
      expect(placed).toBe(true);
    });

    test("no text in a chart card is clipped", async ({ page }) => {
      await page.goto("/");
      await chartsDrawn(page);
      for (const summary of await page.locator("figure[data-chart] details > summary").all())
        await summary.click();
      const clipped = await page.locator("figure[data-chart]").evaluateAll((figures) => {
        const out: string[] = [];
        const hidesOverflow = (s: CSSStyleDeclaration) =>
          /hidden|clip/.test(s.overflowX) || /hidden|clip/.test(s.overflowY);
        for (const figure of figures) {
          for (const el of figure.querySelectorAll<HTMLElement>("*")) {
            if (el.closest(".sr-only")) continue;
            const hasText = [...el.childNodes].some(
              (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
            );
            if (!hasText) continue;
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue;
            const label = `${figure.getAttribute("data-chart")}: ${el.tagName} "${el.textContent?.trim().slice(0, 40)}"`;
            const style = getComputedStyle(el);
            if (style.display !== "inline" && el.scrollWidth > el.clientWidth + 1)
              out.push(`${label} is wider than its box`);
            for (let a = el.parentElement; a && a !== figure.parentElement; a = a.parentElement) {
              if (!hidesOverflow(getComputedStyle(a))) continue;
              const outer = a.getBoundingClientRect();
              if (
                box.left < outer.left - 1 ||
                box.right > outer.right + 1 ||
                box.top < outer.top - 1 ||
                box.bottom > outer.bottom + 1
              )
                out.push(`${label} is cut by ${a.tagName}.${a.className}`);
            }
          }
        }
        return out;
      });
      expect(clipped).toEqual([]);
    });
  });
}
