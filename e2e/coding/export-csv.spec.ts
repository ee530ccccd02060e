import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL as BASE,
  codingSql,
  createAccount,
  tokenContext,
  uniqueCoderKey,
} from "./accounts";

/*
 * The dashboard's CSV downloads in Chromium: an article with a Korean sentence, imported and coded
 * through the API on the coding database (an outlet of its own, so nothing else is counted), is
 * downloaded from the dashboard's export links under a filter; the files start with the UTF-8 BOM
 * and carry the Korean text byte for byte, and a formula-like note is neutralised.
 */

test.use({ baseURL: BASE });

const run = Date.now().toString(36);
const OUTLET = `csv-export-${run}`;
const KOREAN = '한국 정부는 "균형 외교"로 러시아와 북한의 밀착에 대응해야 한다.';
const PAGE = [
  `CSV export fixture ${run}: Seoul weighs the pact`,
  "By A. Reporter",
  "",
  `Russia and North Korea signed a treaty this week. ${KOREAN} Seoul said it would respond calmly.`,
  "Analysts expect more arms to move between the two. The government should keep talking.",
].join("\n");

let coderKey: string;
let slug: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  coderKey = uniqueCoderKey("CSV");
  const [adminEmail, coderEmail] = await Promise.all([
    createAccount({ who: "csv-admin", role: "admin" }),
    createAccount({ who: "csv-coder", role: "coder", coderKey }),
  ]);
  const [admin, coder] = await Promise.all([tokenContext(adminEmail), tokenContext(coderEmail)]);
  try {
    const imported = await admin.post("/api/v1/articles", {
      data: {
        source: PAGE,
        filename: `csv-export-${run}.txt`,
        newOutlet: {
          slug: OUTLET,
          name: `CSV Export Fixture ${run}`,
          shortName: `CSV ${run}`,
          country: "KR",
          language: "ko",
          kind: "national_daily",
        },
        genre: "editorial",
        language: "ko",
        published: { date: "2024-06-21", precision: "inferred", reason: "CSV export fixture" },
        assign: [coderKey],
      },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    slug = (await imported.json()).slug;
    const [{ body }] = await codingSql<{ body: string }>(
      "SELECT body FROM article WHERE slug = $1",
      [slug],
    );
    const start = body.indexOf(KOREAN);
    expect(start, "the Korean sentence is in the stored body").toBeGreaterThanOrEqual(0);
    let version = 0;
    const passage = await coder.post(`/api/v1/articles/${slug}/passages`, {
      data: {
        dimension: "remedy",
        code: "balanced_diplomacy",
        start,
        end: start + KOREAN.length,
        voice: "own",
        note: '=HYPERLINK("http://example.org")',
        baseVersion: version,
      },
    });
    expect(passage.status(), await passage.text()).toBe(201);
    version = (await passage.json()).version;
    const codes = await coder.put(`/api/v1/articles/${slug}/article-codes`, {
      data: {
        weapons: { code: "oppose" },
        tone_gov: { code: "somewhat_critical" },
        baseVersion: version,
      },
    });
    expect(codes.status(), await codes.text()).toBe(200);
    version = (await codes.json()).version;
    const done = await coder.post(`/api/v1/articles/${slug}/done`, {
      data: { baseVersion: version },
    });
    expect(done.status(), await done.text()).toBe(200);
  } finally {
    await Promise.all([admin.dispose(), coder.dispose()]);
  }
});

/** Clicks an export link of the dashboard and returns the downloaded file's name and bytes. */
async function download(page: Page, label: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("navigation", { name: "Export" }).getByRole("link", { name: label }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

function records(bytes: Buffer): Record<string, string>[] {
  return parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
}

test("the dashboard's CSV links download the filtered codings with the BOM and the Korean text intact", async ({
  page,
}) => {
  await page.goto(`/?outlets=${OUTLET}&coder=${coderKey}`);
  const exports = page.getByRole("navigation", { name: "Export" });
  await expect(exports.getByRole("link", { name: "Passages (CSV)" })).toHaveAttribute(
    "href",
    `/api/v1/export/passages.csv?outlets=${OUTLET}&coder=${coderKey}`,
  );

  const passages = await download(page, "Passages (CSV)");
  expect(passages.name).toBe(`framescope-passages_${OUTLET}_coders-${coderKey}.csv`);
  expect([...passages.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // The quoted sentence, its inner quotes doubled, exactly as UTF-8 bytes.
  expect(passages.bytes.includes(Buffer.from(`"${KOREAN.replaceAll('"', '""')}"`))).toBe(true);
  const rows = records(passages.bytes);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    article_slug: slug,
    outlet: OUTLET,
    coder: coderKey,
    dimension: "remedy",
    code: "balanced_diplomacy",
    voice: "own",
    quote: KOREAN,
    note: `'=HYPERLINK("http://example.org")`,
  });
  expect(rows[0].start_cp).toBe(rows[0].start);

  const articles = await download(page, "Articles (CSV)");
  expect(articles.name).toBe(`framescope-articles_${OUTLET}_coders-${coderKey}.csv`);
  expect([...articles.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const wide = records(articles.bytes);
  expect(wide).toHaveLength(1);
  expect(wide[0]).toMatchObject({
    article_slug: slug,
    language: "ko",
    coder: coderKey,
    weapons: "oppose",
    tone_gov: "somewhat_critical",
    tone_gov_value: "-1",
    passages: "1",
    remedy_balanced_diplomacy: "1",
    remedy_deterrence_alliance: "0",
  });
});
