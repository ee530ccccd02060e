import "server-only";
import { ApiError } from "../api";
import type { AgreementReport } from "../agreement/types";
import { readBulkPool as getBulkPool, readDb as getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";
import type { Filters } from "../filters";
import { dataVersion, VersionedCache } from "../versioned-cache";
import { mergeTypes } from "../agreement/alpha";
import {
  type AgreementDimension,
  articleTypes,
  categoryAlphas,
  dimensionAlpha,
  int4s,
  MAX_CODERS,
  pairArticles,
  presenceTypes,
  unavailableDimension,
  unitizingByDimension,
} from "./agreement-report";
import { articleScope } from "./scope";

/*
 * Intercoder agreement for the articles a filter covers (see /codebook, "Agreement"): person
 * coders only, on articles whose codings are public and that the coder completed (at least one
 * article-level code). SQL groups the units into types; the math is app/lib/agreement.
 */

interface Coder {
  id: number;
  key: string;
}

/** Who takes part under a filter: the coders considered, those who completed an article. */
interface Participants {
  /** Named (checked), or every person coder who completed an article in scope, by key. */
  considered: string[];
  /** Of those, the ones who completed at least one article in scope, with their ids. */
  completed: Coder[];
}

const participantsCache = new VersionedCache<Participants>(200);
const reportCache = new VersionedCache<AgreementReport>(200);
const pairsCache = new VersionedCache<[string, string][]>(200);

/** The part of a filter agreement depends on: not the charted coder, not the unit. */
function scopeKey(filters: Filters): string {
  return JSON.stringify([
    [...filters.outlets].sort(),
    [...filters.genres].sort(),
    filters.from ?? null,
    filters.to ?? null,
  ]);
}

/**
 * The named coders, checked: each must be a person coder (never the reference coding REF, never
 * an automatic coder); otherwise 400 naming `coders`. Duplicates count once; keys sorted.
 */
export async function checkAgreementCoders(keys: readonly string[]): Promise<Coder[]> {
  const wanted = [...new Set(keys)].sort();
  const found = await getDb().coder.findMany({
    where: { key: { in: wanted } },
    select: { id: true, key: true, kind: true },
  });
  const byKey = new Map(found.map((c) => [c.key, c]));
  const problems: string[] = [];
  for (const key of wanted) {
    const c = byKey.get(key);
    if (!c) problems.push(`unknown coder ${JSON.stringify(key)}`);
    else if (c.kind === "adjudicated")
      problems.push(`${key} is the reference coding, which never takes part in agreement`);
    else if (c.kind !== "person")
      problems.push(`${key} is an automatic coder; agreement is between person coders`);
  }
  if (problems.length)
    throw new ApiError(400, "invalid parameter: coders", [
      { param: "coders", message: problems.join("; ") },
    ]);
  return wanted.map((key) => ({ id: byKey.get(key)!.id, key }));
}

/** (article, coder) for every completed public coding in scope, by the coders given. */
function doneCte(filters: Filters, coderIds: readonly number[]): Prisma.Sql {
  return Prisma.sql`done AS MATERIALIZED (
    SELECT DISTINCT ac.article_id, ac.coder_id
    FROM article a JOIN article_code ac ON ac.article_id = a.id
    WHERE a.codings_public AND ac.coder_id IN (${Prisma.join(coderIds)}) AND ${articleScope(filters)}
  )`;
}

async function personCoders(): Promise<Coder[]> {
  return getDb().coder.findMany({
    where: { kind: "person" },
    select: { id: true, key: true },
    orderBy: { key: "asc" },
  });
}

async function findParticipants(filters: Filters, named: Coder[] | null): Promise<Participants> {
  const candidates = named ?? (await personCoders());
  if (!candidates.length) return { considered: [], completed: [] };
  const rows = await getDb().$queryRaw<{ coder_id: number }[]>(Prisma.sql`
    WITH ${doneCte(
      filters,
      candidates.map((c) => c.id),
    )}
    SELECT DISTINCT coder_id FROM done`);
  const ids = new Set(rows.map((r) => r.coder_id));
  const completed = candidates.filter((c) => ids.has(c.id));
  return { considered: (named ?? completed).map((c) => c.key), completed };
}

async function loadDimensions(): Promise<AgreementDimension[]> {
  const dims = await getDb().dimension.findMany({
    orderBy: { order: "asc" },
    select: {
      id: true,
      key: true,
      scope: true,
      ordinal: true,
      codes: { select: { id: true, key: true }, orderBy: { order: "asc" } },
    },
  });
  return dims;
}

/** Why there is no alpha when fewer than two of the coders completed an article. */
function missingCoderReason(p: Participants): string {
  if (p.completed.length === 1)
    return `needs a second coder: only ${p.completed[0].key} completed these articles`;
  return p.considered.length
    ? `needs two coders: none of ${p.considered.join(", ")} completed an article in these filters`
    : "needs two coders: no coder completed an article in these filters";
}

/** Public articles in scope: the only ones agreement reads. */
const inScope = (filters: Filters) => Prisma.sql`a.codings_public AND ${articleScope(filters)}`;

/**
 * Everything agreement needs, read once and packed as int4s (see agreement-report.ts): the
 * article codes of the coders, their passages of the many-valued codes, and the body lengths
 * of the articles at least two of them completed. The three run at once.
 */
async function readCodings(filters: Filters, coderIds: number[], codeIds: number[]) {
  checkPackable(coderIds, codeIds);
  const coders = Prisma.join(coderIds);
  const [codes, passages, lengths] = await Promise.all([
    packed(Prisma.sql`
      SELECT string_agg(int8send((ac.article_id::int8 << 32) | ac.coder_id)
        || int8send((ac.dimension_id::int8 << 32) | ac.code_id), ''::bytea) AS packed
      FROM article_code ac JOIN article a ON a.id = ac.article_id
      WHERE ac.coder_id IN (${coders}) AND ${inScope(filters)}`),
    codeIds.length
      ? packed(Prisma.sql`
          SELECT string_agg(int8send((pc.article_id::int8 << 32) | (pc.coder_id::int8 << 12) | pc.code_id)
            || int8send((pc.start::int8 << 32) | pc."end"), ''::bytea) AS packed
          FROM passage_code pc ${
            // Unfiltered, the article codes already say which articles count: no join needed.
            scoped(filters) ? Prisma.sql`JOIN article a ON a.id = pc.article_id` : Prisma.empty
          }
          WHERE pc.coder_id IN (${coders}) AND pc.code_id IN (${Prisma.join(codeIds)})
            ${scoped(filters) ? Prisma.sql`AND ${inScope(filters)}` : Prisma.empty}`)
      : null,
    codeIds.length
      ? packed(Prisma.sql`
          SELECT string_agg(int4send(a.id) || int4send(a.body_length), ''::bytea) AS packed
          FROM article a JOIN (
            SELECT article_id FROM article_code WHERE coder_id IN (${coders})
            GROUP BY article_id HAVING min(coder_id) <> max(coder_id)
          ) two ON two.article_id = a.id
          WHERE ${inScope(filters)}`)
      : null,
  ]);
  return {
    codes: { rows: int4s(codes) },
    passages: { rows: passageRows(passages) },
    lengths: int4s(lengths),
  };
}

/**
 * The one bytea column `packed` of a query's one row, read straight from the driver (one native
 * hex decode), where a raw Prisma query converts and copies megabytes more. Dates go as ISO
 * strings, so the session's time zone cannot shift a bound.
 */
async function packed(sql: Prisma.Sql): Promise<Uint8Array | null> {
  const values = sql.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const result = await getBulkPool().query<{ packed: Buffer | null }>(sql.text, values);
  const bytes = result.rows[0]?.packed ?? null;
  return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Rows of five int4s (article, coder, code, start, end) from 16-byte records: article id in
 * the high half of an int8 and coder id << 12 | code id in the low half, then start and end.
 */
function passageRows(packed: Uint8Array | null | undefined): Int32Array {
  const q = int4s(packed);
  const n = q.length / 4;
  const rows = new Int32Array(n * 5);
  for (let i = 0; i < n; i++) {
    const low = q[i * 4 + 1] >>> 0;
    rows[i * 5] = q[i * 4];
    rows[i * 5 + 1] = low >>> 12;
    rows[i * 5 + 2] = low & 0xfff;
    rows[i * 5 + 3] = q[i * 4 + 2];
    rows[i * 5 + 4] = q[i * 4 + 3];
  }
  return rows;
}

/** Whether a filter narrows the articles (beyond public codings). */
const scoped = (f: Filters) => f.outlets.length > 0 || f.genres.length > 0 || !!f.from || !!f.to;

/** The packing above holds coder ids below 2^20 and code ids below 2^12. */
function checkPackable(coderIds: number[], codeIds: number[]): void {
  if (coderIds.some((id) => id >= 2 ** 20) || codeIds.some((id) => id >= 2 ** 12))
    throw new Error("agreement: coder or code ids beyond what the passage packing holds");
}

async function computeReport(filters: Filters, p: Participants): Promise<AgreementReport> {
  const dims = await loadDimensions();
  const unavailable = (reason: string, coders: string[]): AgreementReport => ({
    coders: p.considered,
    dimensions: dims.map((d) => unavailableDimension(d, reason, coders)),
  });
  if (p.completed.length < 2)
    return unavailable(
      missingCoderReason(p),
      p.completed.map((c) => c.key),
    );
  if (p.completed.length > MAX_CODERS)
    throw new ApiError(400, `agreement compares at most ${MAX_CODERS} coders at once`, [
      { param: "coders", message: `name at most ${MAX_CODERS} coders` },
    ]);
  const many = dims.filter((d) => d.scope === "passage");
  const manyCodes = many.flatMap((d) => d.codes);
  const ids = p.completed.map((c) => c.id);
  const read = await readCodings(
    filters,
    ids,
    manyCodes.map((c) => c.id),
  );
  const pairing = pairArticles(read.codes, ids);
  const articles = pairing.ids.length;
  if (!articles) {
    const keys = p.completed.map((c) => c.key).join(", ");
    return unavailable(
      `needs a second coder on the same articles: ${keys} completed none in common`,
      [],
    );
  }
  const takers = pairing.takers.map((i) => p.completed[i].key);
  const context = { articles, coders: takers };
  const byArticle = articleTypes(dims, read.codes, pairing, ids);
  const byCode = presenceTypes(manyCodes, read.passages, pairing, ids);
  const noContinuum = `no article in these filters was completed by all of ${takers.join(", ")}`;
  const unitizing = many.length
    ? unitizingByDimension(many, read.passages, read.lengths, pairing, ids, noContinuum)
    : new Map();
  const dimensions = dims.map((d) => {
    if (d.scope === "article") return dimensionAlpha(d, byArticle.get(d.id) ?? [], context);
    const types = d.codes.flatMap((c) => byCode.get(c.id) ?? []);
    return {
      ...dimensionAlpha(d, mergeTypes(types), context),
      categories: categoryAlphas(d, byCode),
      unitizing: unitizing.get(d.id) ?? null,
    };
  });
  return { coders: p.considered, dimensions };
}

/**
 * Krippendorff's alpha per dimension (article level, with its bootstrap interval and category
 * alphas) and uα per many-valued dimension, for the articles a filter covers: among the named
 * coders, or every person coder who completed an article there. Cached per filter scope and
 * coders until the next write to the corpus or the codings.
 */
export async function getAgreement(
  filters: Filters,
  options: { coders?: string[] } = {},
): Promise<AgreementReport> {
  const named = options.coders ? await checkAgreementCoders(options.coders) : null;
  const version = await dataVersion();
  const scope = scopeKey(filters);
  const who = named ? named.map((c) => c.key).join(",") : "*";
  const p = await participantsCache.get(
    `${scope}|${who}`,
    () => findParticipants(filters, named),
    version,
  );
  // Every coder named or found: the same report whether the coders were named or not.
  return reportCache.get(
    `${scope}|${p.considered.join(",")}`,
    () => computeReport(filters, p),
    version,
  );
}

const compareKeys = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Pairs of person coders who completed at least one common article in scope, keys sorted. */
async function findPairs(filters: Filters): Promise<[string, string][]> {
  const coders = await personCoders();
  if (coders.length < 2) return [];
  const rows = await getDb().$queryRaw<{ a: string; b: string }[]>(Prisma.sql`
    WITH ${doneCte(
      filters,
      coders.map((c) => c.id),
    )},
    pairs AS (
      SELECT DISTINCT x.coder_id AS a, y.coder_id AS b
      FROM done x JOIN done y ON y.article_id = x.article_id AND y.coder_id > x.coder_id
    )
    SELECT ca.key AS a, cb.key AS b
    FROM pairs JOIN coder ca ON ca.id = pairs.a JOIN coder cb ON cb.id = pairs.b`);
  return rows
    .map((r): [string, string] => (r.a < r.b ? [r.a, r.b] : [r.b, r.a]))
    .sort((x, y) => compareKeys(x[0], y[0]) || compareKeys(x[1], y[1]));
}

/** One report per pair of coders who completed at least one common article in scope (for /agreement). */
export async function getPairwiseAgreement(
  filters: Filters,
): Promise<{ a: string; b: string; report: AgreementReport }[]> {
  const version = await dataVersion();
  const pairs = await pairsCache.get(scopeKey(filters), () => findPairs(filters), version);
  const out: { a: string; b: string; report: AgreementReport }[] = [];
  // One after another: each cold report already runs its queries in parallel.
  for (const [a, b] of pairs)
    out.push({ a, b, report: await getAgreement(filters, { coders: [a, b] }) });
  return out;
}

/** For tests and benchmarks: forget every cached figure. */
export function clearAgreementCache(): void {
  participantsCache.clear();
  reportCache.clear();
  pairsCache.clear();
}
