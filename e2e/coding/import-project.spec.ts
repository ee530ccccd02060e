import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL,
  codingChecksum,
  codingSql,
  createAccount,
  signInPage,
  signInRequest,
  uniqueCoderKey,
} from "./accounts";
import { codePoints, emptyProject, guid, QDA_NAMESPACE, qdpx, xml } from "./qdpx";

/*
 * /admin/import-project as an admin uses it: choose a project made by another tool, preview what
 * would be matched, created and skipped, map a code that is not in the codebook by hand, import,
 * and find the new article with its codes. A hostile file shows the server's message and changes
 * nothing; an unreachable server offers Retry; the choices survive a reload; coders are refused.
 */

test.use({ baseURL: CODING_BASE_URL });

const FOREIGN_FIXTURE = path.resolve(__dirname, "../../app/lib/refi/fixtures/foreign-project.qdpx");

const run = Date.now().toString(36);
const SOURCE_NAME = `Vostochny fixture ${run}`;
// An astral character before the coded spans: the file counts code points, Framescope UTF-16.
const TEXT =
  `Seoul weighs the Vostochny summit ${run} 🚀 with care. ` +
  "Officials called the treaty a security threat to the peninsula. " +
  "Analysts said Moscow bears the blame for arming Pyongyang. " +
  "The government should keep every channel open.";
const THREAT = "a security threat to the peninsula";
const BLAME = "Moscow bears the blame for arming Pyongyang";
const HOPE = `Hope for talks ${run}`;
const USER = `Spec Reader ${run}`;

interface Project {
  bytes: Buffer;
  /** The GUID of the code that is not in the codebook. */
  hopeGuid: string;
  /** The seeded article the second text is a copy of. */
  matched: string;
}

/**
 * A project as another tool would write it: a user, codes named like the codebook's (parent and
 * child) plus one it does not have, a new text with two selections that fit, one that does not and
 * a whole-text coding, and a copy of an article already in the corpus.
 */
async function foreignProject(): Promise<Project> {
  const [seed] = await codingSql<{ slug: string; body: string }>(
    "SELECT slug, body FROM article WHERE origin::text = 'seed' ORDER BY slug LIMIT 1",
  );
  const g = {
    user: guid(),
    ties: guid(),
    threat: guid(),
    weapons: guid(),
    oppose: guid(),
    hope: guid(),
    fresh: guid(),
    copy: guid(),
  };
  const threat = codePoints(TEXT, THREAT);
  const blame = codePoints(TEXT, BLAME);
  const coding = (code: string) =>
    `<Coding guid="${guid()}" creatingUser="${g.user}"><CodeRef targetGUID="${code}"/></Coding>`;
  const selection = (name: string, start: number, end: number, code: string) =>
    `<PlainTextSelection guid="${guid()}" name="${xml(name)}" startPosition="${start}" endPosition="${end}" creatingUser="${g.user}">${coding(code)}</PlainTextSelection>`;
  const projectXml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${QDA_NAMESPACE}" name="Spec project ${run}" origin="Hand-made 1.0">
  <Users><User guid="${g.user}" name="${xml(USER)}"/></Users>
  <CodeBook><Codes>
    <Code guid="${g.ties}" name="ties" isCodable="false">
      <Code guid="${g.threat}" name="Security threat" isCodable="true"/>
    </Code>
    <Code guid="${g.weapons}" name="Stance on arms for Ukraine" isCodable="false">
      <Code guid="${g.oppose}" name="Oppose" isCodable="true"/>
    </Code>
    <Code guid="${g.hope}" name="${xml(HOPE)}" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${g.fresh}" name="${xml(SOURCE_NAME)}" plainTextPath="internal://${g.fresh}.txt">
      ${selection(THREAT, threat.start, threat.end, g.threat)}
      ${selection(BLAME, blame.start, blame.end, g.hope)}
      ${selection("past the end", 5, 100_000, g.threat)}
      ${coding(g.oppose)}
    </TextSource>
    <TextSource guid="${g.copy}" name="A copy of ${xml(seed.slug)}" plainTextPath="internal://${g.copy}.txt"/>
  </Sources>
</Project>`;
  const bytes = await qdpx(projectXml, { [`${g.fresh}.txt`]: TEXT, [`${g.copy}.txt`]: seed.body });
  return { bytes, hopeGuid: g.hope, matched: seed.slug };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function choose(page: Page, name: string, buffer: Buffer) {
  await page
    .getByLabel("Project file (.qdpx)")
    .setInputFiles({ name, mimeType: "application/zip", buffer });
}

let adminEmail: string;
let coderEmail: string;
const coderKey = uniqueCoderKey("PI");

test.beforeAll(async () => {
  [adminEmail, coderEmail] = await Promise.all([
    createAccount({ who: "project-importer", role: "admin" }),
    createAccount({ who: "project-coder", role: "coder", coderKey }),
  ]);
});

test("an admin previews a project from another tool, maps an unknown code by hand and imports it", async ({
  page,
}) => {
  // Three accessibility scans, two previews and an import.
  test.slow();
  const project = await foreignProject();
  await signInPage(page, adminEmail, "/admin/import-project");
  await expect(
    page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Import project" }),
  ).toHaveAttribute("aria-current", "page");
  expect(await seriousViolations(page)).toEqual([]);

  // The choices survive a reload; the file has to be chosen again, and the page says so.
  await page.getByLabel("Outlet").selectOption("hankyoreh");
  await page.getByLabel("Genre").selectOption("news_report");
  await page.reload();
  await expect(page.getByTestId("restored")).toContainText("Choose the file again");
  await expect(page.getByLabel("Outlet")).toHaveValue("hankyoreh");
  await expect(page.getByLabel("Genre")).toHaveValue("news_report");
  await expect(page.getByLabel("Language")).toHaveValue("en");

  await choose(page, "spec.qdpx", project.bytes);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-project-preview");
  const title = preview.getByRole("heading", { level: 2 });
  await expect(title).toHaveText(`Preview: Spec project ${run}`);
  await expect(title).toBeFocused();
  await expect(page.getByTestId("project-origin")).toContainText("Made by Hand-made 1.0.");
  await expect(preview.getByRole("heading", { name: /^Texts:/ })).toHaveText(
    "Texts: 1 matched, 1 new, 0 skipped",
  );
  const sources = page.getByTestId("project-sources");
  await expect(sources.locator('tr[data-status="matched"]')).toContainText(project.matched);
  await expect(
    sources.locator('tr[data-status="matched"]').getByRole("link", { name: project.matched }),
  ).toHaveAttribute("href", `/articles/${project.matched}`);
  await expect(sources.locator('tr[data-status="new"]')).toContainText(SOURCE_NAME);
  await expect(page.getByTestId("project-coders")).toContainText(USER);
  await expect(page.getByTestId("project-coders").locator("tbody tr")).toContainText("new");
  await expect(preview.getByRole("heading", { name: /^Codes:/ })).toHaveText(
    "Codes: 2 mapped, 1 not in the codebook",
  );
  const hope = page.locator(`tr[data-guid="${project.hopeGuid}"]`);
  await expect(hope).toHaveAttribute("data-status", "unmatched");
  await expect(preview.getByRole("heading", { name: /^Selections:/ })).toContainText("1 do not");
  await expect(page.getByTestId("project-selections")).toContainText("past the end");
  expect(await seriousViolations(page)).toEqual([]);

  // Map the unknown code by hand: the preview is out of date until it is run again.
  await page.getByLabel(`Map “${HOPE}” to`).selectOption("blame/russia");
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "preview again" })).toBeVisible();
  await page.getByRole("button", { name: "Preview again" }).click();
  await expect(hope).toHaveAttribute("data-status", "mapped");
  await expect(preview.getByRole("heading", { name: /^Codes:/ })).toHaveText(
    "Codes: 3 mapped, 0 not in the codebook",
  );
  expect(await seriousViolations(page)).toEqual([]);

  const before = await codingSql<{ n: number }>("SELECT count(*)::int AS n FROM article");
  await page.getByRole("button", { name: "Import" }).click();
  const result = page.getByTestId("import-project-result");
  await expect(result.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(result.getByRole("heading", { level: 2 })).toHaveText(
    `Imported: Spec project ${run}`,
  );
  await expect(page.getByTestId("written")).toContainText(
    "1 new article, 1 new coder, 2 passage codes, 1 article code",
  );
  const after = await codingSql<{ n: number }>("SELECT count(*)::int AS n FROM article");
  expect(after[0].n).toBe(before[0].n + 1);

  // The new article, with the codes of the file at the right places and the hand mapping applied.
  const link = result.locator('tr[data-status="new"]').getByRole("link");
  const slug = (await link.innerText()).trim();
  const rows = await codingSql<{ dimension: string; code: string; quote: string; voice: string }>(
    `SELECT d.key AS dimension, c.key AS code, p.quote, p.voice::text AS voice
     FROM passage_code p JOIN article a ON a.id = p.article_id JOIN code c ON c.id = p.code_id
     JOIN dimension d ON d.id = c.dimension_id WHERE a.slug = $1 ORDER BY p.start`,
    [slug],
  );
  expect(rows).toEqual([
    { dimension: "ties", code: "security_threat", quote: THREAT, voice: "unclear" },
    { dimension: "blame", code: "russia", quote: BLAME, voice: "unclear" },
  ]);
  const articleCodes = await codingSql<{ dimension: string; code: string }>(
    `SELECT d.key AS dimension, c.key AS code FROM article_code x JOIN article a ON a.id = x.article_id
     JOIN code c ON c.id = x.code_id JOIN dimension d ON d.id = c.dimension_id WHERE a.slug = $1`,
    [slug],
  );
  expect(articleCodes).toEqual([{ dimension: "weapons", code: "oppose" }]);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/articles/${slug}$`));
  await expect(page.getByTestId("headline")).toContainText(SOURCE_NAME);
  await expect(page.getByTestId("article-body")).toContainText("🚀");
  await expect(page.locator('mark[data-code="security_threat"]')).toHaveText(THREAT);
  await expect(page.locator('mark[data-code="russia"]')).toHaveText(BLAME);
});

test("a project exported by Framescope previews as already there and imports unchanged", async ({
  page,
}) => {
  test.slow();
  await signInPage(page, adminEmail, "/admin/import-project");
  const exported = await page.request.get("/api/v1/export/project.qdpx?outlets=hankyoreh");
  expect(exported.status(), await exported.text()).toBe(200);
  const [{ n }] = await codingSql<{ n: number }>(
    "SELECT count(*)::int AS n FROM article a JOIN outlet o ON o.id = a.outlet_id WHERE o.slug = 'hankyoreh'",
  );
  await choose(page, "hankyoreh.qdpx", await exported.body());
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-project-preview");
  await expect(page.getByTestId("project-origin")).toContainText("Made by Framescope");
  await expect(preview.getByRole("heading", { name: /^Texts:/ })).toHaveText(
    `Texts: ${n} matched, 0 new, 0 skipped`,
  );
  await expect(preview.getByRole("heading", { name: /^Codes:/ })).toContainText(
    "0 not in the codebook",
  );
  await expect(page.getByTestId("project-coders").locator('tr[data-status="new"]')).toHaveCount(0);
  await expect(page.getByTestId("project-codes")).not.toContainText("carry no voice");
  expect(await seriousViolations(page)).toEqual([]);

  const before = await codingChecksum();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("written")).toContainText(
    "0 new articles, 0 new coders, 0 passage codes, 0 article codes",
  );
  expect(await seriousViolations(page)).toEqual([]);
  expect(await codingChecksum()).toEqual(before);
});

test("another tool's project shows what it leaves out, and texts wait for an outlet and genre", async ({
  page,
}) => {
  await signInPage(page, adminEmail, "/admin/import-project");
  const before = await codingChecksum();
  await choose(page, "foreign-project.qdpx", readFileSync(FOREIGN_FIXTURE));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-project-preview");
  await expect(preview.getByRole("heading", { level: 2 })).toHaveText(
    "Preview: Border towns & the treaty",
  );
  await expect(page.getByTestId("project-origin")).toContainText("Made by QualCoder 3.5.");
  await expect(preview.getByRole("heading", { name: /^Texts:/ })).toHaveText(
    "Texts: 0 matched, 0 new, 2 skipped",
  );
  await expect(
    page.getByTestId("project-sources").locator('tr[data-status="skipped"]').first(),
  ).toContainText("choose them in the form");
  await expect(page.getByTestId("project-ignored")).toContainText("PDFSource");
  await expect(page.getByTestId("project-codes")).toContainText("carry no voice");
  const nostalgia = page.locator('tr[data-guid="3c4d5e6f-7081-492a-b3b4-c5d6e7f8091a"]');
  await expect(nostalgia).toHaveAttribute("data-status", "unmatched");

  const minji = page.getByTestId("project-coders").locator("tr", { hasText: "Min-ji Park" });
  await expect(minji).toHaveAttribute("data-status", "new");

  // With an outlet and a genre the texts become new articles; a code skipped by hand says so,
  // and a user given to an existing coder by hand codes as that coder.
  await page.getByLabel("Outlet").selectOption("joongang-daily");
  await page.getByLabel("Genre").selectOption("column");
  await page.getByLabel("Map “Generic news frames / Nostalgia” to").selectOption("skip");
  await page.getByLabel("Coder for “Min-ji Park”").selectOption(coderKey);
  await page.getByRole("button", { name: "Preview again" }).click();
  await expect(preview.getByRole("heading", { name: /^Texts:/ })).toHaveText(
    "Texts: 0 matched, 2 new, 0 skipped",
  );
  await expect(nostalgia).toHaveAttribute("data-status", "skipped");
  await expect(minji).toHaveAttribute("data-status", "existing");
  await expect(page.getByLabel("Coder for “Min-ji Park”")).toHaveValue(coderKey);

  // After a reload the hand mappings are kept too: the file chosen again previews with them.
  await page.reload();
  await expect(page.getByTestId("restored")).toBeVisible();
  await choose(page, "foreign-project.qdpx", readFileSync(FOREIGN_FIXTURE));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(nostalgia).toHaveAttribute("data-status", "skipped");
  await expect(minji).toHaveAttribute("data-status", "existing");
  await expect(page.getByRole("button", { name: "Import" })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await codingChecksum()).toEqual(before);
});

test("a hostile file shows the server's message and changes nothing; an unreachable server offers Retry", async ({
  page,
}) => {
  await signInPage(page, adminEmail, "/admin/import-project");
  const before = await codingChecksum();

  // A project in another namespace than REFI-QDA's.
  const foreign = await qdpx(
    `<?xml version="1.0"?><Project xmlns="urn:example:not-refi" name="wrong"><Users/></Project>`,
  );
  await choose(page, "wrong-namespace.qdpx", foreign);
  await page.getByRole("button", { name: "Preview" }).click();
  const alert = page.getByTestId("import-project-error");
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toContainText("Not previewed: wrong-namespace.qdpx");
  await expect(alert).toContainText(/namespace/i);

  // An entity declaration (the start of every XXE and billion-laughs payload).
  const entity = await qdpx(
    `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
      `<Project xmlns="${QDA_NAMESPACE}" name="&x;"/>`,
  );
  await choose(page, "entity.qdpx", entity);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(alert).toContainText("entity.qdpx");
  await expect(alert).not.toContainText("root:x:");

  // Not a zip at all.
  await choose(page, "notes.qdpx", Buffer.from("just some notes, not a project"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(alert).toContainText("notes.qdpx");
  expect(await codingChecksum()).toEqual(before);

  // The network fails once: the page says so and offers Retry, which then works.
  await choose(page, "empty.qdpx", await emptyProject(`Retry ${run}`));
  await page.route("**/api/v1/import/project", (route) => route.abort("connectionfailed"), {
    times: 1,
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(alert).toContainText("could not be reached");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(
    page.getByTestId("import-project-preview").getByRole("heading", { level: 2 }),
  ).toHaveText(`Preview: Retry ${run}`);
  await expect(alert).toHaveCount(0);
  expect(await codingChecksum()).toEqual(before);
});

test("a coder is told the page is for admins and is refused by the endpoint", async ({ page }) => {
  await page.goto("/admin/import-project");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fimport-project/);
  await signInPage(page, coderEmail, "/admin/import-project");
  await expect(page.getByTestId("admins-only")).toContainText("for admins");
  await expect(page.getByTestId("import-project-form")).toHaveCount(0);

  await signInRequest(page.request, coderEmail);
  const before = await codingChecksum();
  const res = await page.request.post("/api/v1/import/project", {
    headers: { Origin: CODING_BASE_URL },
    multipart: {
      file: {
        name: "p.qdpx",
        mimeType: "application/zip",
        buffer: await emptyProject("coder"),
      },
      dryRun: "false",
    },
  });
  expect(res.status()).toBe(403);
  expect(typeof (await res.json()).error).toBe("string");
  expect(await codingChecksum()).toEqual(before);
});
