import { randomBytes } from "node:crypto";
import type { Actor } from "../../app/lib/auth/actor";
import { createUser } from "../../app/lib/auth/users";
import { setArticleCodes } from "../../app/lib/coding/article-codes";
import { assignCoder } from "../../app/lib/coding/assignments";
import { markDone } from "../../app/lib/coding/done";
import { addPassage, updatePassage } from "../../app/lib/coding/passages";
import { getDb } from "../../app/lib/db";

/*
 * Coding writes as the workspace makes them, through the same service functions as the API,
 * each in its own transaction with its rollup deltas: on N articles of the current database
 * (getDb), a benchmark coder takes the article, codes 20 passages, sets weapons and tone_gov and
 * marks it done (timed: the article's codings enter the rollups), then makes single writes to
 * the done, public article (timed: each moves the public figures by its delta).
 *
 * The rows it writes are flagged synthetic afterwards: measurement data, never a reading of an
 * article. Run it on a synthetic corpus, or on the real corpus only in a throwaway database.
 */

const BENCH_EMAIL = "bench-writer@framescope.invalid";
const BENCH_KEY = "zz-bench-writer";

export interface CodingWriteTimings {
  writes: number[];
  done: number[];
  passagesPerArticle: number;
}

async function benchActor(): Promise<Actor> {
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
  const db = getDb();
  let user = await db.user.findUnique({ where: { email: BENCH_EMAIL }, include: { coder: true } });
  if (!user) {
    await createUser({
      email: BENCH_EMAIL,
      password: randomBytes(24).toString("base64url"),
      role: "coder",
      coderKey: BENCH_KEY,
      name: "Benchmark writer",
    });
    user = await db.user.findUniqueOrThrow({
      where: { email: BENCH_EMAIL },
      include: { coder: true },
    });
    await db.coder.update({ where: { id: user.coderId! }, data: { synthetic: true } });
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: "coder",
    coderId: user.coderId,
    coderKey: user.coder!.key,
    via: "token",
  };
}

const elapsed = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export async function codingWriteTimings(opts: {
  articles: number;
  passagesPerArticle?: number;
  writesPerArticle?: number;
}): Promise<CodingWriteTimings> {
  const passagesPerArticle = opts.passagesPerArticle ?? 20;
  const writesPerArticle = opts.writesPerArticle ?? 6;
  const db = getDb();
  const actor = await benchActor();
  const [passageDims, weapons, tone] = await Promise.all([
    db.dimension.findMany({
      where: { scope: "passage" },
      include: { codes: true },
      orderBy: { order: "asc" },
    }),
    db.code.findFirstOrThrow({
      where: { dimension: { key: "weapons" } },
      orderBy: { order: "asc" },
    }),
    db.code.findFirstOrThrow({
      where: { dimension: { key: "tone_gov" } },
      orderBy: { order: "asc" },
    }),
  ]);
  const codes = passageDims.flatMap((d) => d.codes.map((c) => ({ dimension: d.key, code: c.key })));
  // Articles nobody is assigned to, long enough for 20 separate spans, spread over the table.
  const targets = await db.$queryRaw<{ slug: string; length: number }[]>`
    SELECT a.slug, length(a.body) AS length FROM article a
    WHERE NOT EXISTS (SELECT 1 FROM assignment s WHERE s.article_id = a.id)
      AND length(a.body) >= ${passagesPerArticle * 12}
    ORDER BY md5(a.id::text) LIMIT ${opts.articles}`;
  const out: CodingWriteTimings = { writes: [], done: [], passagesPerArticle };
  for (const t of targets) {
    await assignCoder(actor, t.slug, actor.coderKey!);
    let version = 0;
    const span = Math.floor(t.length / passagesPerArticle);
    const ids: number[] = [];
    for (let i = 0; i < passagesPerArticle; i++) {
      const c = codes[i % codes.length];
      const r = await addPassage(actor, t.slug, {
        ...c,
        start: i * span,
        end: i * span + Math.max(1, span - 2),
        voice: "unclear",
        baseVersion: version,
      });
      version = r.version;
      ids.push(r.passage.id);
    }
    version = (
      await setArticleCodes(actor, t.slug, {
        baseVersion: version,
        codes: { weapons: { code: weapons.key }, tone_gov: { code: tone.key } },
      })
    ).version;
    let doneVersion = version;
    out.done.push(
      await elapsed(async () => {
        doneVersion = (await markDone(actor, t.slug, version)).version;
      }),
    );
    version = doneVersion;
    // Single writes to the done article: a changed note, a changed code, a new passage.
    for (let w = 0; w < writesPerArticle; w++) {
      const kind = w % 3;
      out.writes.push(
        await elapsed(async () => {
          if (kind === 0) {
            version = (
              await updatePassage(actor, ids[w % ids.length], {
                note: `note ${w}`,
                baseVersion: version,
              })
            ).version;
          } else if (kind === 1) {
            const c = codes[(w + 7) % codes.length];
            version = (
              await updatePassage(actor, ids[w % ids.length], {
                dimension: c.dimension,
                code: c.code,
                baseVersion: version,
              })
            ).version;
          } else {
            const c = codes[(w + 3) % codes.length];
            version = (
              await addPassage(actor, t.slug, {
                ...c,
                start: w,
                end: w + 5,
                voice: "unclear",
                baseVersion: version,
              })
            ).version;
          }
        }),
      );
    }
  }
  await db.$executeRaw`UPDATE passage_code SET synthetic = true WHERE coder_id = ${actor.coderId}`;
  await db.$executeRaw`UPDATE article_code SET synthetic = true WHERE coder_id = ${actor.coderId}`;
  return out;
}
