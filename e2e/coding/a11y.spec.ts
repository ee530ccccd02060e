import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL as BASE,
  createAccount,
  tokenContext,
  signInRequest,
  uniqueCoderKey,
} from "./accounts";

/*
 * Axe scans of the pages that sign in, code and administer: no serious or critical violation, on
 * the whole page (header and footer included), in the states a person meets them in: the
 * workspace with a highlight, with the code popover open and with a passage's editor open; the
 * users page with a fresh invitation link; the activity page with entries.
 */

test.use({ baseURL: BASE });

let adminEmail: string;
let coderEmail: string;
let slug: string;

/** Serious and critical violations, each with the elements it names, so a failure says where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const run = Date.now().toString(36);
const PAGE = [
  `Accessibility fixture ${run}: Seoul weighs the pact`,
  "By A. Reporter",
  "Russia and North Korea signed a treaty this week. Seoul said it would respond calmly.",
  "Analysts expect more arms to move between the two. The government should keep talking.",
].join("\n");

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const coderKey = uniqueCoderKey("AX");
  [adminEmail, coderEmail] = await Promise.all([
    createAccount({ who: "a11y-admin", role: "admin" }),
    createAccount({ who: "a11y-coder", role: "coder", coderKey }),
  ]);
  // An imported article assigned to the coder, with one passage (a highlight, an activity entry).
  const [admin, coder] = await Promise.all([tokenContext(adminEmail), tokenContext(coderEmail)]);
  try {
    const imported = await admin.post("/api/v1/articles", {
      data: {
        source: PAGE,
        filename: "a11y.txt",
        outlet: "hankyoreh",
        genre: "news_report",
        language: "en",
        published: { date: "2024-06-20", precision: "inferred", reason: "a11y test fixture" },
        assign: [coderKey],
      },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    slug = (await imported.json()).slug;
    const coded = await coder.post(`/api/v1/articles/${slug}/passages`, {
      data: { dimension: "ties", code: "security_threat", start: 0, end: 48, baseVersion: 0 },
    });
    expect(coded.status(), await coded.text()).toBe(201);
  } finally {
    await Promise.all([admin.dispose(), coder.dispose()]);
  }
});

test("/sign-in, with and without an error, and /invite with a bad token", async ({ page }) => {
  await page.goto("/sign-in?next=%2Fcode");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel(/email/i).fill("nobody@example.org");
  await page.getByLabel(/^password/i).fill("not the password at all");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not signed in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/invite/not-a-real-invitation-token");
  await expect(page.getByTestId("invite-void")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("/code and the workspace, with the code popover and a passage's editor open", async ({
  page,
}) => {
  test.slow();
  await signInRequest(page.request, coderEmail);
  await page.goto("/code");
  await expect(page.locator(`tr[data-slug="${slug}"]`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/code/${slug}`);
  const workspace = page.getByTestId("coding-workspace");
  await expect(workspace).toHaveAttribute("data-ready", "true");
  const text = page.getByTestId("coding-text");
  await expect(text.locator("mark[data-passage-id]")).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // The popover, opened from the keyboard (a sentence selected with ↓).
  await text.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("dialog", { name: "Code the selected text" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A passage's editor, opened by clicking its highlight.
  await page.keyboard.press("Escape");
  await text.locator("mark[data-passage-id]").first().click();
  await expect(page.getByTestId("passage-editor")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("/admin/users (with a fresh invitation link) and /admin/import", async ({ page }) => {
  test.slow();
  await signInRequest(page.request, adminEmail);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Email", { exact: true }).fill(`a11y-invitee.${run}@example.org`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByTestId("invite-link")).toBeVisible();
  // Scan once the page's refresh has landed: while it is in flight the document is mid-update
  // (its <title> is briefly re-rendered), which is not a state a person reads.
  await expect(
    page.getByTestId("invitation-table").getByRole("rowheader", {
      name: `a11y-invitee.${run}@example.org`,
    }),
  ).toBeVisible();
  await expect(page).toHaveTitle(/Users/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/admin/import");
  await expect(page.getByTestId("import-form")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("/admin/assignments and /admin/activity", async ({ page }) => {
  test.slow();
  await signInRequest(page.request, adminEmail);
  await page.goto("/admin/assignments");
  await expect(page.getByTestId("assignment-matrix")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/admin/activity");
  await expect(page.getByTestId("activity-table")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
