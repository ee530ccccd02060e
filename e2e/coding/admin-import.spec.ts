import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL,
  codingChecksum,
  codingSql,
  createAccount,
  signInPage,
  uniqueCoderKey,
} from "./accounts";

/*
 * /admin/import as an admin uses it: upload a page, check the preview beside the raw page, get
 * refusals at the field they name, import with coders assigned, and be refused a duplicate, a
 * binary file and (as a coder) the page itself. Markup in an imported page stays inert text.
 */

test.use({ baseURL: CODING_BASE_URL });

const run = Date.now().toString(36);
// A fixture page, unique to this run so that reruns on the same database are not duplicates.
const HEADLINE = `Fixture Gazette ${run} weighs Seoul's arms question`;
const PAGE = [
  "Home > Opinion > Editorials",
  `[Editorial] ${HEADLINE}`,
  "Posted on : 2024-07-02 10:00 KST",
  "A standfirst that sums the piece up.",
  "By Test Writer, staff reporter",
  "The government must weigh every option before it sends anything to Kyiv.",
  "Lawmakers said the decision should wait until the treaty text is public.",
  "▲ Leaders shake hands in Pyongyang. (Yonhap)",
  "A third paragraph closes the editorial.",
  "Copyright 2024 Fixture Gazette",
].join("\n");

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function upload(page: Page, name: string, text: string | Buffer, mimeType = "text/plain") {
  await page.getByLabel("Page file").setInputFiles({
    name,
    mimeType,
    buffer: typeof text === "string" ? Buffer.from(text) : text,
  });
}

let adminEmail: string;
let coderEmail: string;
let coderKey: string;

test.beforeAll(async () => {
  adminEmail = await createAccount({ who: "importer", role: "admin" });
  coderKey = uniqueCoderKey("IMP");
  coderEmail = await createAccount({ who: "import-coder", role: "coder", coderKey });
});

test("an admin uploads a page, previews it, fixes the refused fields and imports it", async ({
  page,
}) => {
  // Three accessibility scans and two imports.
  test.slow();
  await signInPage(page, adminEmail, "/admin/import");
  expect(await seriousViolations(page)).toEqual([]);
  await upload(page, "gazette.txt", PAGE);

  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("preview-headline")).toHaveText(`[Editorial] ${HEADLINE}`);
  await expect(preview.getByTestId("preview-byline")).toHaveText("Test Writer, staff reporter");
  await expect(preview.getByTestId("preview-date")).toHaveText("2024-07-02");
  await expect(preview.getByTestId("preview-body").locator("p")).toHaveCount(3);
  await expect(preview.getByTestId("preview-captions")).toHaveText(
    "Leaders shake hands in Pyongyang. (Yonhap)",
  );
  await expect(preview.getByTestId("raw-page")).toContainText("Copyright 2024 Fixture Gazette");
  // The stated date is offered as exact.
  await expect(page.getByLabel("exact (stated on the page)")).toBeChecked();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2024-07-02");
  expect(await seriousViolations(page)).toEqual([]);

  // Nothing chosen: every missing field is named where it is.
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-error")).toContainText("outlet");
  await expect(page.locator('[data-error-for="outlet"]')).toContainText("choose an outlet");
  await expect(page.locator('[data-error-for="genre"]')).toContainText("must be one of");
  await expect(page.getByLabel("Genre")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Outlet", { exact: true }).selectOption("hankyoreh");
  await page.getByLabel("Genre").selectOption("editorial");
  await page.getByLabel(coderKey).check();
  await page.getByRole("button", { name: "Import" }).click();
  const done = page.getByTestId("import-done");
  await expect(done).toBeVisible();
  const slug = (await done.locator("code").innerText()).trim();
  expect(slug).toBe(`hankyoreh-2024-07-02-fixture-gazette-${run}-weighs-seouls-arms-question`);
  await expect(done.getByRole("link", { name: "Open the article" })).toHaveAttribute(
    "href",
    `/articles/${slug}`,
  );
  await expect(done.getByRole("link", { name: "Code it" })).toHaveAttribute(
    "href",
    `/code/${slug}`,
  );

  const [row] = await codingSql<{ codings_public: boolean; origin: string; coders: string[] }>(
    `SELECT a.codings_public, a.origin::text,
            array(SELECT c.key FROM assignment s JOIN coder c ON c.id = s.coder_id
                  WHERE s.article_id = a.id) AS coders
     FROM article a WHERE a.slug = $1`,
    [slug],
  );
  expect(row).toEqual({ codings_public: false, origin: "app", coders: [coderKey] });

  // The article page shows it.
  await done.getByRole("link", { name: "Open the article" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(HEADLINE);

  // The same page again: the preview says so, and the import is refused naming the article.
  await page.goto("/admin/import");
  const before = await codingChecksum();
  await upload(page, "again.txt", PAGE);
  await expect(page.getByTestId("duplicate")).toContainText(slug);
  await page.getByLabel("Outlet", { exact: true }).selectOption("hankyoreh");
  await page.getByLabel("Genre").selectOption("editorial");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-error")).toContainText(`already in the corpus as ${slug}`);
  expect(await codingChecksum()).toEqual(before);
});

test("a binary file and an oversized file are refused with a clear message", async ({ page }) => {
  await signInPage(page, adminEmail, "/admin/import");
  const before = await codingChecksum();
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.alloc(256, 3),
  ]);
  await upload(page, "photo.txt", png);
  await expect(page.getByTestId("import-error")).toContainText("binary");
  await expect(page.locator('[data-error-for="file"]')).toContainText("binary");
  await upload(page, "huge.txt", Buffer.alloc(11 * 1024 * 1024, 0x61));
  await expect(page.getByTestId("import-error")).toContainText("larger than 10 MB");
  expect(await codingChecksum()).toEqual(before);
});

test("a pasted page full of markup imports as inert text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInPage(page, adminEmail, "/admin/import");
  await page.getByLabel("Paste its text").check();
  const headline = `<script>window.__xss=1</script> Markup ${run} <img src=x onerror="window.__xss=1">`;
  await page
    .getByLabel("Page text")
    .fill(
      `${headline}\nBy <b id="xss-injected">Someone</b>\n\n` +
        'Body with <iframe srcdoc="<script>parent.__xss=1</script>"></iframe> and more.',
    );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-headline")).toHaveText(headline);
  await page.getByLabel("Outlet", { exact: true }).selectOption("hankyoreh");
  await page.getByLabel("Genre").selectOption("column");
  await expect(page.getByLabel("exact (stated on the page)")).toBeDisabled();
  await page.getByLabel("Date", { exact: true }).fill("2024-05-05");
  await page.getByLabel(/How the date was inferred/).fill("Saved <b>that</b> day.");
  await page.getByRole("button", { name: "Import" }).click();
  await page.getByTestId("import-done").getByRole("link", { name: "Open the article" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(headline);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator("#xss-injected")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("a coder is told the page is for admins; an anonymous visitor is sent to sign in", async ({
  page,
}) => {
  await page.goto("/admin/import");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fimport/);
  await signInPage(page, coderEmail, "/admin/import");
  await expect(page.getByTestId("admins-only")).toContainText("for admins");
  await expect(page.getByTestId("import-form")).toHaveCount(0);
});
