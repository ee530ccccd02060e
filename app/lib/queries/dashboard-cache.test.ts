import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { testActor } from "../../../scripts/lib/testing/actors";
import {
  codeArticle,
  FIXTURE_CODER,
  FIXTURE_CODINGS,
} from "../../../scripts/lib/testing/agreement-fixture";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import type { Actor } from "../auth/actor";
import { setArticleCodes } from "../coding/article-codes";
import { articleCodesInput } from "../coding/schemas";
import { getDb } from "../db";
import type { Filters } from "../filters";
import { dataVersion } from "../versioned-cache";
import {
  cachedCoders,
  cachedFrameCounts,
  cachedVocabulary,
  clearDashboardCache,
  dashboardKey,
  getDashboard,
} from "./dashboard";
import { getFrameCounts } from "./frames";

/** The dashboard's cache on a real database: shared between requests, never older than a write. */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const SLUG = Object.keys(FIXTURE_CODINGS)[0];

function filters(over: Partial<Filters> = {}): Filters {
  return {
    outlets: [],
    genres: [],
    from: null,
    to: null,
    coder: FIXTURE_CODER,
    unit: "articles",
    ...over,
  };
}

/** FIXTURE-B's weapons codes as the weapons chart counts them, "outlet.code=count". */
async function weapons(): Promise<string[]> {
  const data = await getDashboard(filters());
  return data.counts["weapons-by-outlet"].rows
    .filter((r) => r.count > 0)
    .map((r) => `${r.outlet}.${r.code}=${r.count}`);
}

let admin: Actor;
let coder: Actor;
let vocabularyBefore: string[];
let codersBefore: string[];

beforeAll(async () => {
  const url = await recreateDatabase("t_dashboard_cache");
  await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
  useDatabase(url);
  clearDashboardCache();
  // Filled before the coder accounts below exist.
  vocabularyBefore = (await cachedVocabulary(await dataVersion())).coders.slice();
  codersBefore = (await cachedCoders(await dataVersion())).map((c) => c.key);
  admin = await testActor("admin@example.org", "admin", null);
  coder = await testActor("fixture-b@example.org", "coder", FIXTURE_CODER);
});

afterAll(async () => {
  await getDb().$disconnect();
});

it("keys filters that show the same data alike, and the rest apart", () => {
  expect(
    dashboardKey(filters({ outlets: ["joongang", "hankyoreh"], genres: ["editorial", "column"] })),
  ).toBe(
    dashboardKey(filters({ outlets: ["hankyoreh", "joongang"], genres: ["column", "editorial"] })),
  );
  const keys = [
    filters(),
    filters({ outlets: ["hankyoreh"] }),
    filters({ genres: ["column"] }),
    filters({ from: "2024-06-01" }),
    filters({ to: "2024-06-01" }),
    filters({ coder: "FS-1" }),
    filters({ unit: "passages" }),
  ].map(dashboardKey);
  expect(new Set(keys).size).toBe(keys.length);
});

it("serves a filter from its cache until a coding write, then shows the write at the next read", async () => {
  const before = await getDashboard(filters());
  expect(before.articleTotal).toBe(0);
  // No write in between: the same value, not a new computation.
  expect(await getDashboard(filters())).toBe(before);

  let version = await codeArticle(admin, coder, SLUG);
  const after = await getDashboard(filters());
  expect(after).not.toBe(before);
  expect(after.articleTotal).toBe(1);
  expect(await weapons()).toEqual([`hankyoreh.${FIXTURE_CODINGS[SLUG].weapons}=1`]);

  // A change to one code, through the coding service, shows at the next read.
  ({ version } = await setArticleCodes(
    coder,
    SLUG,
    articleCodesInput.parse({ baseVersion: version, weapons: { code: "support" } }),
  ));
  expect(await weapons()).toEqual(["hankyoreh.support=1"]);
  expect(version).toBeGreaterThan(0);

  // Cached figures equal a fresh computation.
  const cached = await getDashboard(filters());
  clearDashboardCache();
  expect(await getDashboard(filters())).toEqual(cached);
});

it("knows a coder added a moment ago at the next request: the vocabulary and coder caches follow the version", async () => {
  expect(vocabularyBefore).not.toContain(FIXTURE_CODER);
  expect(codersBefore).not.toContain(FIXTURE_CODER);
  const version = await dataVersion();
  expect((await cachedVocabulary(version)).coders).toContain(FIXTURE_CODER);
  expect((await cachedCoders(version)).map((c) => c.key)).toContain(FIXTURE_CODER);
  // The same version: the same value.
  expect(await cachedVocabulary(version)).toBe(await cachedVocabulary(await dataVersion()));
});

it("caches the frames API's counts under the data version too, and shows a write at the next read", async () => {
  const before = await cachedFrameCounts(filters(), "weapons");
  expect(await cachedFrameCounts(filters(), "weapons")).toBe(before);
  const other = Object.keys(FIXTURE_CODINGS).find((slug) => slug !== SLUG)!;
  await codeArticle(admin, coder, other);
  const after = await cachedFrameCounts(filters(), "weapons");
  expect(after).not.toBe(before);
  expect(after).toEqual(await getFrameCounts(filters(), "weapons"));
  expect(after.n).not.toEqual(before.n);
});
