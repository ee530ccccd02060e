import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL,
  codingSql,
  createAccount,
  createToken,
  PASSWORD,
  signInPage,
  uniqueCoderKey,
} from "./accounts";

/*
 * The sign-in page and the coding workspace as a coder uses them: mouse and keyboard coding,
 * editing and deleting with undo, article-level codes, done and reopen, a note draft surviving a
 * reload, a conflict with another tab, and a failed save kept for retry. (The end-to-end story is its own spec.)
 */

test.use({ baseURL: CODING_BASE_URL });

interface Coding {
  version: number;
  assignment: { doneAt: string | null } | null;
  passages: {
    id: number;
    dimension: string;
    code: string;
    quote: string;
    note: string | null;
    voice: string;
  }[];
  articleCodes: Record<string, { code: string } | undefined>;
}

async function coding(page: Page, slug: string): Promise<Coding> {
  const res = await page.request.get(`/api/v1/articles/${slug}/codings?coder=me`);
  expect(res.status()).toBe(200);
  return res.json();
}

const saved = (page: Page) =>
  expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");

/** Drags the mouse over `text` (its first occurrence in the coding text), from inside its words. */
async function dragOver(page: Page, text: string, inset = 2) {
  const box = await page.getByTestId("coding-text").evaluate(
    (el, [needle, cut]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(needle as string);
        if (at === -1) continue;
        const r = document.createRange();
        r.setStart(n, at + (cut as number));
        r.setEnd(n, at + (needle as string).length - (cut as number));
        const rects = r.getClientRects();
        const a = rects[0];
        const b = rects[rects.length - 1];
        return {
          x1: a.left + 1,
          y1: a.top + a.height / 2,
          x2: b.right - 1,
          y2: b.top + b.height / 2,
        };
      }
      return null;
    },
    [text, inset] as const,
  );
  if (!box) throw new Error(`text not found: ${text}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

test("an anonymous visitor is sent to sign in; a wrong password shows the server's message", async ({
  page,
}) => {
  // Making an account runs `npm run user`, a process of its own.
  test.slow();
  await page.goto("/code");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcode$/);
  await page.getByLabel(/email/i).fill("nobody@example.org");
  await page.getByLabel(/^password/i).fill("not the password at all");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "the email or password is wrong" }),
  ).toBeVisible();
  // A next= that leaves the site is not followed.
  await page.goto("/sign-in?next=//evil.example/");
  const email = await createAccount({
    who: "ui-signin",
    role: "coder",
    coderKey: uniqueCoderKey("UI"),
  });
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname === "/code");
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Code", exact: true }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/", { waitUntil: "commit" });
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a coder codes with the mouse and the keyboard, edits, undoes a delete and marks done", async ({
  page,
  browser,
}) => {
  test.slow();
  const key = uniqueCoderKey("UI");
  const [coderEmail, adminEmail] = await Promise.all([
    createAccount({ who: "ui-coder", role: "coder", coderKey: key }),
    createAccount({ who: "ui-admin", role: "admin" }),
  ]);
  const token = await createToken(adminEmail);
  const [{ slug }] = await codingSql<{ slug: string }>(
    "SELECT slug FROM article WHERE NOT synthetic ORDER BY id DESC LIMIT 1",
  );
  const assign = await page.request.post(`/api/v1/articles/${slug}/assignments`, {
    data: { coder: key },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(assign.status()).toBe(201);

  await signInPage(page, coderEmail);
  await expect(page.locator(`tr[data-slug="${slug}"]`)).toContainText("in progress");
  await page.locator(`tr[data-slug="${slug}"] a`).click();
  await expect(page.getByTestId("coding-workspace")).toHaveAttribute("data-ready", "true");
  const [{ body }] = await codingSql<{ body: string }>("SELECT body FROM article WHERE slug = $1", [
    slug,
  ]);

  // Mouse: a selection cut inside words snaps to whole words; a click applies the code.
  const words = body.split("\n\n")[0].split(/\s+/).slice(1, 4).join(" ");
  await dragOver(page, words);
  const popover = page.getByRole("dialog", { name: "Code the selected text" });
  await expect(popover).toBeVisible();
  await popover.getByRole("radio", { name: "Own" }).check();
  await popover.getByRole("button").filter({ hasText: "Conflict" }).click();
  await saved(page);
  let c = await coding(page, slug);
  expect(c.passages).toHaveLength(1);
  expect(c.passages[0]).toMatchObject({ dimension: "generic", code: "conflict" });
  expect(c.passages[0].quote).toContain(words.slice(2, -2));
  expect(body.slice(0, 200)).toContain(c.passages[0].quote);

  // Keyboard only: two sentences with ↓ and Shift+↓, then the first ties code's key ("1").
  await page.getByTestId("coding-text").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(popover).toBeVisible();
  await page.keyboard.press("1");
  await saved(page);
  c = await coding(page, slug);
  expect(c.passages).toHaveLength(2);
  const tie = c.passages.find((p) => p.dimension === "ties")!;
  expect(tie.code).toBe("security_threat");
  expect(body.startsWith(tie.quote.slice(0, 10)) || body.includes(tie.quote)).toBe(true);

  // Edit: open the passage from the list, change its note; then delete and undo.
  await page
    .getByRole("button", { name: /Security threat/ })
    .first()
    .click();
  const editor = page.getByTestId("passage-editor");
  await expect(editor).toBeVisible();
  await editor.getByLabel("Note").fill("sets the frame");
  await editor.getByRole("button", { name: "Save note" }).click();
  await saved(page);
  expect((await coding(page, slug)).passages.find((p) => p.id === tie.id)?.note).toBe(
    "sets the frame",
  );
  await editor.getByRole("button", { name: "Delete passage" }).click();
  await saved(page);
  expect((await coding(page, slug)).passages).toHaveLength(1);
  await page.getByTestId("coding-toast").getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await coding(page, slug)).passages.length).toBe(2);

  // A half-typed note survives a reload.
  await page
    .getByRole("button", { name: /Conflict/ })
    .first()
    .click();
  await editor.getByLabel("Note").pressSequentially("half typ");
  await page.reload();
  await expect(page.getByTestId("coding-workspace")).toHaveAttribute("data-ready", "true");
  await page
    .getByRole("button", { name: /Conflict/ })
    .first()
    .click();
  await expect(editor.getByLabel("Note")).toHaveValue("half typ");
  await expect(editor.getByText("Unsaved note restored")).toBeVisible();
  await editor.getByRole("button", { name: "Close" }).click();
  await saved(page);

  // Article-level codes, then done (enabled only with both) and reopen.
  const done = page.getByRole("button", { name: "Mark done" });
  await expect(done).toBeDisabled();
  await page
    .getByRole("group", { name: /Stance on arms/i })
    .getByRole("radio")
    .first()
    .check();
  await expect(done).toBeDisabled();
  await page.getByRole("group", { name: /Tone/i }).getByRole("radio", { name: "Neutral" }).check();
  await saved(page);
  await expect(done).toBeEnabled();
  await done.click();
  await saved(page);
  c = await coding(page, slug);
  expect(c.assignment?.doneAt).not.toBeNull();
  expect(Object.keys(c.articleCodes).sort()).toEqual(["tone_gov", "weapons"]);

  // First-load JS of the workspace: every script the page loads, gzipped, within 200 kB.
  const html = await (await page.request.get(`/code/${slug}`)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))];
  let gzipped = 0;
  for (const src of srcs)
    gzipped += gzipSync(await (await page.request.get(src)).body(), { level: 9 }).length;
  console.log(`first-load JS of /code/${slug}: ${(gzipped / 1024).toFixed(1)} kB gzipped`);
  expect(gzipped).toBeLessThanOrEqual(200 * 1024);

  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id),
  ).toEqual([]);

  // Another tab writes first: this tab's next write answers 409, reloads and says so.
  const other = await browser.newContext({ baseURL: CODING_BASE_URL });
  const otherPage = await other.newPage();
  await signInPage(otherPage, coderEmail);
  const reopen = await otherPage.request.delete(`/api/v1/articles/${slug}/done`, {
    headers: { Origin: CODING_BASE_URL },
  });
  expect(reopen.status()).toBe(200);
  await other.close();
  const tone = page.getByRole("group", { name: /Tone/i });
  await tone.getByRole("radio", { name: "Critical", exact: true }).check();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  await expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();
  // The reloaded state shows the other tab's reopen; the change is applied again on top of it.
  await expect(page.getByRole("button", { name: "Mark done" })).toBeEnabled();
  await page.getByRole("button", { name: "Apply again" }).click();
  await saved(page);
  expect((await coding(page, slug)).articleCodes.tone_gov?.code).toBe("critical");

  // The voice of the "conflict" passage: set in its editor, read from the server.
  const setConflictVoice = async (voice: string) => {
    await page
      .getByRole("button", { name: /Conflict/ })
      .first()
      .click();
    await editor.getByRole("radio", { name: voice }).check();
  };
  const conflictVoice = async () =>
    (await coding(page, slug)).passages.find((p) => p.code === "conflict")?.voice;

  // A save that cannot reach the server stays queued with its error until Retry.
  await page.route("**/api/v1/passages/*", (route) => route.abort());
  await setConflictVoice("Reported");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("save-status")).toContainText("could not reach the server");
  await page.unroute("**/api/v1/passages/*");
  // A reload keeps it: the action comes back with its error, still unsaved, and Retry saves it.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("save-status")).toContainText(
    "could not reach the server (are you offline?); kept from before the reload, not saved yet",
  );
  expect(await conflictVoice()).not.toBe("reported");
  await page.getByRole("button", { name: "Retry" }).click();
  await saved(page);
  expect(await conflictVoice()).toBe("reported");

  // A save still on its way at a reload is sent again once the page is back, the coding being
  // unchanged on the server. The first request is held until the reload cancels it; the ones
  // after it go through.
  let held = false;
  await page.route("**/api/v1/passages/*", (route) => {
    if (held) return route.continue();
    held = true;
  });
  await setConflictVoice("Unclear");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saving");
  expect(await conflictVoice()).toBe("reported");
  await page.reload();
  await saved(page);
  await page.unroute("**/api/v1/passages/*");
  await expect(
    page.getByRole("alert").filter({ hasText: "1 change from before the reload was kept" }),
  ).toBeVisible();
  expect(await conflictVoice()).toBe("unclear");
});
