import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import { Client } from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareDatabase } from "../../scripts/lib/db/prepare";
import { testActor } from "../../scripts/lib/testing/actors";
import {
  codeArticle,
  FIXTURE_CODER,
  FIXTURE_CODINGS,
} from "../../scripts/lib/testing/agreement-fixture";
import { useDatabase } from "../../scripts/lib/testing/database";
import {
  startReplicatedPair,
  standbyLog,
  waitForCatchUp,
  waitUntil,
} from "../../scripts/lib/testing/standby";
import * as healthRoute from "../api/health/route";
import * as viewsRoute from "../api/v1/views/route";
import { generateMetadata } from "../v/[id]/page";
import type { Actor } from "./auth/actor";
import { setArticleCodes } from "./coding/article-codes";
import { articleCodesInput } from "./coding/schemas";
import { getBulkPool, getDb, onPrimary, readBulkPool, readDb } from "./db";
import type { Filters } from "./filters";
import { versionReader } from "./page-cache/versions";
import { clearAgreementCache, getAgreement } from "./queries/agreement";
import { getArticles } from "./queries/articles";
import { clearDashboardCache, getDashboard } from "./queries/dashboard";

/*
 * A real read replica on one machine: a primary and a streaming standby (scripts/lib/testing/
 * standby.ts), the app pointed at both (DATABASE_URL, DATABASE_REPLICA_URL). What ran where is
 * read from each server's pg_stat_statements; a lagging standby is made by pausing its replay.
 * Ports FRAMESCOPE_REPLICA_TEST_PG_PORT (55458) and the next one; data in
 * FRAMESCOPE_REPLICA_TEST_DATA_DIR (.data/pg-replica-test), made afresh each run.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const PRIMARY_PORT = Number(process.env.FRAMESCOPE_REPLICA_TEST_PG_PORT ?? 55458);
const DATABASE = "replica_f_corpus";

let pair: Awaited<ReturnType<typeof startReplicatedPair>>;
let primaryUrl: string;
let standbyUrl: string;

function filters(over: Partial<Filters> = {}): Filters {
  return {
    outlets: [],
    genres: [],
    from: null,
    to: null,
    coder: "FS-1",
    unit: "passages",
    ...over,
  };
}

async function query<R>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Server-wide statements live in the `postgres` database of each server. */
const admin = (url: string) => url.replace(`/${DATABASE}`, "/postgres");

async function resetStatements(url: string): Promise<void> {
  await query(admin(url), "SELECT pg_stat_statements_reset()");
}

/** How often statements on the corpus matching `pattern` ran on the server at `url`. */
async function calls(url: string, pattern: RegExp): Promise<number> {
  const [row] = await query<{ calls: number }>(
    admin(url),
    `SELECT coalesce(sum(s.calls), 0)::int AS calls
     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname = $1 AND s.query ~ $2`,
    [DATABASE, pattern.source],
  );
  return row.calls;
}

const catchUp = () => waitForCatchUp(admin(primaryUrl), admin(standbyUrl));

/** Runs `fn` while the standby replays nothing: it lags behind every write made meanwhile. */
async function withReplayPaused<T>(fn: () => Promise<T>): Promise<T> {
  await query(admin(standbyUrl), "SELECT pg_wal_replay_pause()");
  await waitUntil("the standby's replay pausing", 10_000, async () => {
    const [row] = await query<{ state: string }>(
      admin(standbyUrl),
      "SELECT pg_get_wal_replay_pause_state() AS state",
    );
    return row.state === "paused";
  });
  try {
    return await fn();
  } finally {
    await query(admin(standbyUrl), "SELECT pg_wal_replay_resume()");
  }
}

async function dataVersionOn(url: string): Promise<bigint> {
  const [row] = await query<{ version: string }>(url, "SELECT version::text FROM data_version");
  return BigInt(row.version);
}

async function health() {
  const req = new NextRequest("http://localhost:3000/api/health");
  const res = await healthRoute.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json() };
}

/** Which server answered: the standby is in recovery, the primary is not. */
async function answeredByStandby(): Promise<boolean> {
  const [row] = await readDb().$queryRaw<{ standby: boolean }[]>`
    SELECT pg_is_in_recovery() AS standby`;
  return row.standby;
}

beforeAll(async () => {
  pair = await startReplicatedPair({
    dataDir: path.resolve(
      root,
      process.env.FRAMESCOPE_REPLICA_TEST_DATA_DIR ?? ".data/pg-replica-test",
    ),
    primaryPort: PRIMARY_PORT,
    standbyPort: PRIMARY_PORT + 1,
    databases: [DATABASE],
  });
  primaryUrl = pair.primary.url(DATABASE);
  standbyUrl = pair.standby.url(DATABASE);
  await prepareDatabase(primaryUrl, { log: () => {} });
  await catchUp();
  useDatabase(primaryUrl);
  process.env.DATABASE_REPLICA_URL = standbyUrl;
}, 120_000);

afterAll(async () => {
  delete process.env.DATABASE_REPLICA_URL;
  await getDb().$disconnect();
  await pair?.stop();
});

it("reads the dashboard's aggregates on the standby, with the primary's answers", async () => {
  await catchUp();
  await resetStatements(primaryUrl);
  await resetStatements(standbyUrl);
  clearDashboardCache();
  const fromStandby = await getDashboard(filters());
  expect(fromStandby.articleTotal).toBeGreaterThan(0);
  expect(await calls(standbyUrl, /frame_rollup_/)).toBeGreaterThan(0);
  expect(await calls(standbyUrl, /coder_article_rollup_/)).toBeGreaterThan(0);
  expect(await calls(standbyUrl, /"dimension"/)).toBeGreaterThan(0);
  expect(await calls(primaryUrl, /frame_rollup_|coder_article_rollup_/)).toBe(0);
  expect(await answeredByStandby()).toBe(true);

  // The same figures from the primary, which counts them too once asked.
  clearDashboardCache();
  const fromPrimary = await onPrimary(() => getDashboard(filters()));
  expect(fromStandby).toEqual(fromPrimary);
  expect(await calls(primaryUrl, /frame_rollup_/)).toBeGreaterThan(0);
});

it("reports the standby's lag in /api/health, in bytes and seconds", async () => {
  let caughtUp: Awaited<ReturnType<typeof health>> | undefined;
  await waitUntil("the standby reported caught up", 20_000, async () => {
    caughtUp = await health();
    return caughtUp.json.replica.lagBytes === 0;
  });
  expect(caughtUp?.status).toBe(200);
  expect(caughtUp?.json.replica).toEqual({
    configured: true,
    up: true,
    lagBytes: 0,
    lagSeconds: 0,
  });

  await withReplayPaused(async () => {
    await getDb().savedView.create({
      data: { id: "replica-lag-check", title: "Lag", query: "" },
    });
    const lagging = await health();
    expect(lagging.status).toBe(200);
    expect(lagging.json.replica).toMatchObject({ configured: true, up: true });
    expect(lagging.json.replica.lagBytes).toBeGreaterThan(0);
    expect(lagging.json.replica.lagSeconds).toBeGreaterThan(0);
  });
});

it("opens a saved view at once after it is created, even while the standby lags", async () => {
  await withReplayPaused(async () => {
    const res = await viewsRoute.POST(
      new NextRequest("http://localhost:3000/api/v1/views", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Read right after the write", query: "?outlets=hankyoreh" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const opened = await generateMetadata({ params: Promise.resolve({ id }) });
    expect(opened.title).toBe("Read right after the write");
    // The standby has not replayed it: read there, the view would not have been found.
    const onStandby = await query(standbyUrl, "SELECT 1 FROM saved_view WHERE id = $1", [id]);
    expect(onStandby).toHaveLength(0);
  });
});

it("shows a coding write at the next read of the cached agreement, from the standby once it caught up", async () => {
  const adminActor = await testActor("admin@example.org", "admin", null);
  const coder: Actor = await testActor("fixture-b@example.org", "coder", FIXTURE_CODER);
  const slugs = Object.keys(FIXTURE_CODINGS).slice(0, 3);
  const versions: number[] = [];
  for (const slug of slugs) versions.push(await codeArticle(adminActor, coder, slug));
  const weapons = async () =>
    (await getAgreement(filters())).dimensions.find((d) => d.key === "weapons")!;
  const setWeapons = async (i: number, code: string) => {
    ({ version: versions[i] } = await setArticleCodes(
      coder,
      slugs[i],
      articleCodesInput.parse({ baseVersion: versions[i], weapons: { code } }),
    ));
  };

  await catchUp();
  clearAgreementCache();
  await resetStatements(standbyUrl);
  // Weapons over three articles: (oppose, oppose) twice and (not_addressed, not_addressed).
  expect((await weapons()).alpha).toBe(1);
  expect(await calls(standbyUrl, /int8send/)).toBeGreaterThan(0);

  // A write the standby has not replayed: the next read has it all the same (from the primary).
  await withReplayPaused(async () => {
    await setWeapons(2, "support");
    expect(await dataVersionOn(standbyUrl)).toBeLessThan(await dataVersionOn(primaryUrl));
    // (oppose, oppose) ×2, (not_addressed, support): α = 1 − 5·2 / (2·(4 + 4 + 1)) = 4/9.
    expect((await weapons()).alpha).toBeCloseTo(4 / 9, 12);
  });

  // Once the standby has caught up with the next write, the cache is filled from the standby.
  await setWeapons(2, "not_addressed");
  await catchUp();
  await resetStatements(standbyUrl);
  await resetStatements(primaryUrl);
  expect((await weapons()).alpha).toBe(1);
  expect(await calls(standbyUrl, /int8send/)).toBeGreaterThan(0);
  expect(await calls(primaryUrl, /int8send/)).toBe(0);
});

it("the page cache keys by the primary's version and keeps a render only when the standby has it", async () => {
  const versions = versionReader(primaryUrl, standbyUrl);
  const bump = () => query(primaryUrl, "UPDATE data_version SET version = version + 1");
  try {
    await catchUp();
    const caughtUp = await versions.read();
    expect(caughtUp).toEqual({ version: await dataVersionOn(primaryUrl), keep: true });

    // A write the standby has not replayed: the next request has the new key, and its render,
    // which may read from the lagging standby, is not kept.
    await withReplayPaused(async () => {
      await bump();
      const lagging = await versions.read();
      expect(lagging?.version).toBe(caughtUp!.version + 1n);
      expect(lagging?.keep).toBe(false);
    });
    await catchUp();
    expect(await versions.read()).toEqual({ version: caughtUp!.version + 1n, keep: true });

    // A stopped standby: keyed by the primary still, nothing kept.
    await pair.standby.stop();
    try {
      expect(await versions.read()).toEqual({ version: caughtUp!.version + 1n, keep: false });
    } finally {
      await pair.standby.start();
    }
    await waitUntil("the standby answering the page cache again", 20_000, async () =>
      Boolean((await versions.read())?.keep),
    );
  } finally {
    await versions.end();
  }
});

it("answers from the primary while the standby is stopped, and uses the standby again when it is back", async () => {
  const dashboard = await getDashboard(filters());
  const articles = await getArticles(filters(), { limit: 10 });
  process.env.DATABASE_REPLICA_RETRY_MS = "0"; // every read below tries the stopped standby first
  await pair.standby.stop();
  try {
    clearDashboardCache();
    expect(await getDashboard(filters())).toEqual(dashboard);
    expect(await getArticles(filters(), { limit: 10 })).toEqual(articles);
    expect(await answeredByStandby()).toBe(false);
    const bulk = await readBulkPool().query<{ standby: boolean }>(
      "SELECT pg_is_in_recovery() AS standby",
    );
    expect(bulk.rows[0].standby).toBe(false);
    clearAgreementCache();
    expect((await getAgreement(filters())).dimensions.length).toBeGreaterThan(0);

    const down = await health();
    expect(down.status).toBe(200);
    expect(down.json).toMatchObject({ status: "ok", database: "up" });
    expect(down.json.replica).toEqual({
      configured: true,
      up: false,
      lagBytes: null,
      lagSeconds: null,
    });

    // After a failure the standby is left alone for a while: reads go straight to the primary.
    process.env.DATABASE_REPLICA_RETRY_MS = "3000";
    expect(await answeredByStandby()).toBe(false);
    expect(readDb()).toBe(getDb());
  } finally {
    delete process.env.DATABASE_REPLICA_RETRY_MS;
    await pair.standby.start();
  }
  await waitUntil("reads going to the standby again", 20_000, answeredByStandby).catch((err) => {
    throw new Error(`${(err as Error).message}\n${standbyLog(pair.standby)}`);
  });
  expect((await health()).json.replica.up).toBe(true);
});

it("changes nothing without DATABASE_REPLICA_URL: every read on the primary", async () => {
  const url = process.env.DATABASE_REPLICA_URL;
  delete process.env.DATABASE_REPLICA_URL;
  try {
    expect(readDb()).toBe(getDb());
    expect(readBulkPool()).toBe(getBulkPool());
    expect(await answeredByStandby()).toBe(false);
    expect((await health()).json.replica).toEqual({
      configured: false,
      up: false,
      lagBytes: null,
      lagSeconds: null,
    });
  } finally {
    process.env.DATABASE_REPLICA_URL = url;
  }
});
