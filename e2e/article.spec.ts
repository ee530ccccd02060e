import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SLUGS = [
  "campus-journal-diplomacy-faltering",
  "hankyoreh-dangerous-game",
  "hankyoreh-tact-and-diplomacy",
  "joongang-manage-korea-russia-relations",
  "joongang-putin-wrong-signal",
];

interface ApiPassage {
  dimension: string;
  code: string;
  start: number;
  end: number;
  quote: string;
  coder: string;
  note: string | null;
  voice: "own" | "reported" | "unclear";
}

interface ApiArticle {
  slug: string;
  outlet: { slug: string; name: string };
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  publishedAt: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  sourceFile: string;
  body: string;
  captions: string[];
  articleCodes: { dimension: string; code: string; coder: string; note: string | null }[];
  passages: ApiPassage[];
  events: { key: string; date: string; label: string }[];
}

interface ApiDimension {
  key: string;
  label: string;
  codes: { key: string; label: string }[];
}

async function apiArticle(
  request: APIRequestContext,
  slug: string,
  query = "",
): Promise<ApiArticle> {
  const res = await request.get(`/api/v1/articles/${slug}${query}`);
  expect(res.status(), slug).toBe(200);
  return res.json();
}

async function apiCodebook(request: APIRequestContext): Promise<ApiDimension[]> {
  const res = await request.get("/api/v1/codebook");
  expect(res.status()).toBe(200);
  return (await res.json()).dimensions;
}

/** Opens an article and waits until its highlights are interactive (hydrated). */
async function openArticle(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await expect(page.getByTestId("article-reader")).toHaveAttribute("data-ready", "true");
}

interface Highlight {
  id: string;
  dimension: string;
  code: string;
  coder: string;
  voice: string;
  start: number;
  end: number;
  /** The passage's segments in document order, "\n\n" where it crosses into the next paragraph. */
  text: string;
  anchors: number;
  tabbable: number;
}

/** Every highlighted passage in the article body, as a reader sees it. */
async function readHighlights(page: Page): Promise<Highlight[]> {
  return page.getByTestId("article-body").evaluate((body) => {
    const groups = new Map<string, Highlight & { para: string }>();
    for (const m of body.querySelectorAll<HTMLElement>("mark[data-passage-id]")) {
      const id = m.dataset.passageId ?? "";
      const para = m.closest("p[data-paragraph]")?.getAttribute("data-paragraph") ?? "";
      let g = groups.get(id);
      if (!g) {
        g = {
          id,
          dimension: m.dataset.dimension ?? "",
          code: m.dataset.code ?? "",
          coder: m.dataset.coder ?? "",
          voice: m.dataset.voice ?? "",
          start: Number(m.dataset.start),
          end: Number(m.dataset.end),
          text: "",
          anchors: 0,
          tabbable: 0,
          para,
        };
        groups.set(id, g);
      } else if (g.para !== para) {
        g.text += "\n\n";
        g.para = para;
      }
      g.text += m.textContent ?? "";
      if (m.id === `p-${id}`) g.anchors++;
      if (m.tabIndex === 0) g.tabbable++;
    }
    return [...groups.values()].map(({ para: _para, ...g }) => g);
  });
}

const byPosition = <
  T extends { start: number; end: number; dimension: string; code: string; coder: string },
>(
  xs: T[],
) =>
  [...xs].sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      a.dimension.localeCompare(b.dimension) ||
      a.code.localeCompare(b.code) ||
      a.coder.localeCompare(b.coder),
  );

test.describe("article page", () => {
  for (const slug of SLUGS) {
    test(`${slug}: every API passage is highlighted with exactly its quote`, async ({
      page,
      request,
    }) => {
      const api = await apiArticle(request, slug);
      expect(api.passages.length).toBeGreaterThan(0);
      await openArticle(page, `/articles/${slug}`);

      await expect(page.getByTestId("headline")).toHaveText(api.headline);
      await expect(page.getByTestId("outlet")).toContainText(api.outlet.name);
      await expect(page.getByTestId("source-file")).toHaveText(api.sourceFile);

      // The body text is all there, paragraph by paragraph.
      const paragraphs = await page
        .getByTestId("article-body")
        .locator("p[data-paragraph]")
        .allTextContents();
      expect(paragraphs.join("\n\n")).toBe(api.body);

      const marks = await readHighlights(page);
      expect(marks.length).toBe(api.passages.length);
      const seen = byPosition(marks).map((m) => ({
        dimension: m.dimension,
        code: m.code,
        coder: m.coder,
        voice: m.voice,
        start: m.start,
        end: m.end,
        quote: m.text,
      }));
      const expected = byPosition(api.passages).map((p) => ({
        dimension: p.dimension,
        code: p.code,
        coder: p.coder,
        voice: p.voice,
        start: p.start,
        end: p.end,
        quote: p.quote,
      }));
      expect(seen).toEqual(expected);
      for (const m of marks) {
        expect(m.anchors, `passage ${m.id} has one #p- anchor`).toBe(1);
        expect(m.tabbable, `passage ${m.id} has one tab stop`).toBe(1);
      }

      // Legend counts per code equal the API's passages per code.
      const codebook = await apiCodebook(request);
      for (const d of codebook) {
        const dim = page.locator(`[data-legend-dimension="${d.key}"]`);
        await expect(dim).toHaveAttribute(
          "data-count",
          String(api.passages.filter((p) => p.dimension === d.key).length),
        );
        for (const c of d.codes) {
          const n = api.passages.filter((p) => p.dimension === d.key && p.code === c.key).length;
          await expect(
            dim.locator(`[data-legend-code="${c.key}"]`),
            `${d.key}.${c.key}`,
          ).toHaveAttribute("data-count", String(n));
        }
        await expect(
          page.getByTestId("summary-counts").locator(`tr[data-dimension="${d.key}"] td`),
        ).toHaveText(String(api.passages.filter((p) => p.dimension === d.key).length));
      }

      // Article-level judgements with the coder's notes.
      for (const key of ["weapons", "tone_gov"]) {
        const ac = api.articleCodes.find((x) => x.dimension === key);
        expect(ac, key).toBeTruthy();
        const label = codebook
          .find((d) => d.key === key)!
          .codes.find((c) => c.key === ac!.code)!.label;
        const cell = page.getByTestId(`summary-${key}`).locator(`dd[data-code="${ac!.code}"]`);
        await expect(cell).toContainText(label);
        if (ac!.note) await expect(cell).toContainText(ac!.note);
      }

      // Captions are listed separately and are not highlighted.
      const captions = page.getByTestId("captions");
      for (const c of api.captions) await expect(captions).toContainText(c);
      await expect(captions.locator("mark")).toHaveCount(0);
      for (const e of api.events)
        await expect(page.getByTestId("events").locator(`[data-event="${e.key}"]`)).toContainText(
          e.label,
        );
    });
  }

  test("title and description name the headline, outlet and date", async ({ page, request }) => {
    const api = await apiArticle(request, "hankyoreh-tact-and-diplomacy");
    await openArticle(page, "/articles/hankyoreh-tact-and-diplomacy");
    await expect(page).toHaveTitle(`${api.headline} · Framescope`);
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description).toContain(api.outlet.name);
    expect(description).toContain("14 June 2024");
    await expect(page.getByTestId("headline-label")).toHaveText(api.headlineLabel!);
    await expect(page.getByTestId("standfirst")).toHaveText(api.standfirst!);
  });

  test("the legend hides and shows one dimension's highlights without losing text", async ({
    page,
    request,
  }) => {
    const api = await apiArticle(request, "hankyoreh-dangerous-game");
    const ties = api.passages.filter((p) => p.dimension === "ties").length;
    expect(ties).toBeGreaterThan(0);
    await openArticle(page, "/articles/hankyoreh-dangerous-game");
    const body = page.getByTestId("article-body");
    const tiesMarks = body.locator('mark[data-dimension="ties"]');
    const firstTies = tiesMarks.first();
    await expect(firstTies).not.toHaveAttribute("data-hidden", "true");
    await expect(firstTies).not.toHaveCSS("background-color", "rgba(0, 0, 0, 0)");

    const toggle = page.getByTestId("toggle-ties");
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(toggle).not.toBeChecked();
    await expect(body.locator('mark[data-dimension="ties"]:not([data-hidden])')).toHaveCount(0);
    await expect(firstTies).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
    await expect(firstTies).toHaveCSS("border-bottom-width", "0px");
    await expect(body.locator('mark[data-dimension="ties"][tabindex="0"]')).toHaveCount(0);
    // The other dimensions stay highlighted and the text is untouched.
    await expect(body.locator('mark[data-dimension="remedy"][data-hidden]')).toHaveCount(0);
    expect((await body.locator("p[data-paragraph]").allTextContents()).join("\n\n")).toBe(api.body);
    // Still one mark per ties passage: hidden, not removed.
    expect(
      new Set(await tiesMarks.evaluateAll((ms) => ms.map((m) => m.getAttribute("data-passage-id"))))
        .size,
    ).toBe(ties);

    await toggle.check();
    await expect(body.locator('mark[data-dimension="ties"][data-hidden]')).toHaveCount(0);
    await expect(body.locator('mark[data-dimension="ties"][tabindex="0"]')).toHaveCount(ties);
  });

  test("focusing or hovering a highlight shows its code, coder and note", async ({
    page,
    request,
  }) => {
    const slug = "hankyoreh-tact-and-diplomacy";
    const api = await apiArticle(request, slug);
    const codebook = await apiCodebook(request);
    const p = api.passages.find((x) => x.note);
    expect(p, "a passage with a note").toBeTruthy();
    const label = codebook
      .find((d) => d.key === p!.dimension)!
      .codes.find((c) => c.key === p!.code)!.label;
    await openArticle(page, `/articles/${slug}`);

    const mark = page
      .getByTestId("article-body")
      .locator(
        `mark[data-first="true"][data-dimension="${p!.dimension}"][data-code="${p!.code}"][data-start="${p!.start}"][data-end="${p!.end}"]`,
      );
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveAttribute("tabindex", "0");
    const popover = page.getByTestId("passage-popover");
    await expect(popover).toHaveCount(0);

    await mark.focus();
    await expect(popover).toBeVisible();
    const first = popover.locator("[data-popover-passage]").first();
    await expect(first).toHaveAttribute("data-code", p!.code);
    await expect(first).toContainText(label);
    await expect(first).toContainText(p!.coder);
    await expect(first).toContainText(p!.note!);
    await expect(mark).toHaveAttribute("aria-describedby", (await popover.getAttribute("id"))!);

    await page.keyboard.press("Escape");
    await expect(popover).toHaveCount(0);

    // Keyboard: Tab moves from passage to passage and the popover follows.
    await mark.focus();
    await page.keyboard.press("Tab");
    const focusedId = await page.evaluate(() =>
      document.activeElement?.getAttribute("data-passage-id"),
    );
    expect(focusedId).toBeTruthy();
    await expect(popover.locator("[data-popover-passage]").first()).toHaveAttribute(
      "data-popover-passage",
      focusedId!,
    );

    // Pointer: hovering shows the codes under the pointer.
    await mark.blur();
    await page.getByTestId("headline").click();
    // Hover inside the mark's first line box (its bounding-box centre may fall outside a multi-line mark).
    const position = await mark.evaluate((m) => {
      const box = m.getBoundingClientRect();
      const line = m.getClientRects()[0];
      return {
        x: line.left - box.left + Math.min(8, line.width / 2),
        y: line.top - box.top + line.height / 2,
      };
    });
    await mark.hover({ position });
    await expect(popover).toBeVisible();
    await expect(popover).toContainText(label);
  });

  test("a reported view is marked as not the article's own: dashed underline, popover, list", async ({
    page,
    request,
  }) => {
    const slug = "hankyoreh-dangerous-game";
    const api = await apiArticle(request, slug);
    expect(new Set(api.passages.map((p) => p.voice))).toEqual(new Set(["own", "reported"]));
    // The opposition lawmaker who closes the analysis speaks for himself, not for the paper.
    const lawmaker = api.passages.find((p) =>
      p.quote.startsWith("The Yoon administration has neglected relations with Russia"),
    );
    expect(lawmaker?.voice).toBe("reported");
    const own = api.passages.find((p) => p.voice === "own")!;
    await openArticle(page, `/articles/${slug}`);

    const markOf = (p: ApiPassage) =>
      page
        .getByTestId("article-body")
        .locator(
          `mark[data-first="true"][data-dimension="${p.dimension}"][data-code="${p.code}"][data-start="${p.start}"][data-end="${p.end}"]`,
        );
    // Not colour alone: the underline's style tells the voices apart.
    const underline = (p: ApiPassage) =>
      markOf(p).evaluate((m) => getComputedStyle(m).borderBottomStyle);
    expect(await underline(lawmaker!)).toBe("dashed");
    expect(await underline(own)).toBe("solid");
    await expect(page.getByTestId("legend-voices")).toContainText("Reported view");

    await markOf(lawmaker!).focus();
    const first = page.getByTestId("passage-popover").locator("[data-popover-passage]").first();
    await expect(first).toHaveAttribute("data-voice", "reported");
    await expect(first.getByTestId("passage-voice")).toContainText(
      "Reported view: someone the article quotes or paraphrases; not the article's own view",
    );
    await page.keyboard.press("Escape");
    await markOf(own).focus();
    await expect(first.getByTestId("passage-voice")).toContainText("Own voice");

    // The passage list says the same in words.
    const list = page.getByTestId("passage-list");
    await list.locator("summary").click();
    const reportedRows = list.locator('tr[data-voice="reported"]');
    await expect(reportedRows).toHaveCount(
      api.passages.filter((p) => p.voice === "reported").length,
    );
    await expect(reportedRows.first()).toContainText("Reported view");
  });

  test("an inferred date shows its reason; a stated date says so", async ({ page, request }) => {
    const inferred = await apiArticle(request, "campus-journal-diplomacy-faltering");
    expect(inferred.datePrecision).toBe("inferred");
    await openArticle(page, "/articles/campus-journal-diplomacy-faltering");
    const published = page.getByTestId("published");
    await expect(published).toHaveAttribute("data-precision", "inferred");
    await expect(published.locator("time")).toHaveAttribute("datetime", inferred.publishedAt);
    await expect(published).toContainText("20 September 2023");
    await expect(published).toContainText("inferred");
    await expect(page.getByTestId("date-reason")).toBeVisible();
    await expect(page.getByTestId("date-reason")).toContainText(inferred.dateReason!);

    const exact = await apiArticle(request, "hankyoreh-dangerous-game");
    expect(exact.datePrecision).toBe("exact");
    await openArticle(page, "/articles/hankyoreh-dangerous-game");
    await expect(page.getByTestId("published")).toContainText("stated on the page");
    await expect(page.getByTestId("date-reason")).toHaveCount(0);
  });

  test("an evidence link lands on its passage", async ({ page }) => {
    await openArticle(page, "/articles/joongang-manage-korea-russia-relations");
    const ids = await page
      .getByTestId("article-body")
      .locator("mark[id^='p-']")
      .evaluateAll((ms) => ms.map((m) => m.id));
    const last = ids[ids.length - 1];
    await page.goto("about:blank");
    await openArticle(page, `/articles/joongang-manage-korea-russia-relations#${last}`);
    await expect(page.locator(`#${last}`)).toBeInViewport();
  });

  test("a coder parameter filters passages; an unknown coder is ignored with a notice", async ({
    page,
    request,
  }) => {
    const slug = "joongang-putin-wrong-signal";
    const all = await apiArticle(request, slug);
    const fs1 = await apiArticle(request, slug, "?coder=FS-1");

    await openArticle(page, `/articles/${slug}?coder=FS-1`);
    expect((await readHighlights(page)).length).toBe(fs1.passages.length);
    await expect(page.getByTestId("param-notice")).toHaveCount(0);

    await openArticle(page, `/articles/${slug}?coder=NOPE-9`);
    const notice = page.getByTestId("param-notice");
    await expect(notice).toBeVisible();
    await expect(notice.locator("code")).toHaveText(["coder"]);
    await expect(notice).toContainText("NOPE-9");
    expect((await readHighlights(page)).length).toBe(all.passages.length);
  });

  test("an unknown slug is a 404 with the not-found page", async ({ page }) => {
    const res = await page.goto("/articles/does-not-exist");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await expect(
      page.getByText("There is no saved view, article or page at this address."),
    ).toBeVisible();
  });

  test("has no serious or critical accessibility violations, with a popover open", async ({
    page,
  }) => {
    // Two full-page scans, each on a page with every passage highlighted.
    test.slow();
    for (const slug of ["hankyoreh-tact-and-diplomacy", "campus-journal-diplomacy-faltering"]) {
      await openArticle(page, `/articles/${slug}`);
      await page.getByTestId("article-body").locator('mark[tabindex="0"]').first().focus();
      await expect(page.getByTestId("passage-popover")).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        slug,
      ).toEqual([]);
    }
  });

  test("screenshot", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openArticle(page, "/articles/hankyoreh-tact-and-diplomacy");
    await expect(page.getByTestId("article-body").locator("mark").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/article.png", fullPage: true });
  });
});
