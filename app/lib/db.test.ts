import { beforeAll, describe, expect, it } from "vitest";
import { recreateDatabase, useDatabase } from "../../scripts/lib/testing/database";
import { getDb, readInOrder } from "./db";

/**
 * readInOrder on real PostgreSQL: inside a transaction the reads run one after another, so its
 * one connection is never handed a second query while it is busy (which node-postgres warns of).
 */

const warnings: string[] = [];

beforeAll(async () => {
  useDatabase(await recreateDatabase("db_read_in_order", { migrate: false }));
  process.on("warning", (w) => warnings.push(w.message));
});

describe("readInOrder", () => {
  it("runs a transaction's reads one after another, in order, with no queued-query warning", async () => {
    const spans = await getDb().$transaction(async (tx) => {
      const spans: { n: number; start: number; end: number }[] = [];
      const read = (n: number) => async () => {
        const start = performance.now();
        await tx.$queryRaw`SELECT pg_sleep(0.05)::text`;
        spans.push({ n, start, end: performance.now() });
        return n;
      };
      expect(await readInOrder([read(1), read(2), read(3)])).toEqual([1, 2, 3]);
      return spans;
    });
    expect(spans.map((s) => s.n)).toEqual([1, 2, 3]);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
  });
});
