import "server-only";
import { ApiError } from "../api";
import type { AgreementReport } from "../agreement/types";
import { getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";
import type { Filters } from "../filters";
import { dataVersion, VersionedCache } from "../versioned-cache";
import {
  type AgreementDimension,
  type ArticleValuesRow,
  articleTypes,
  canonicalTypes,
  categoryAlphas,
  dimensionAlpha,
  dimensionUnitizing,
  type PackedContinuum,
  type PresenceRow,
  presenceTypes,
  unavailableDimension,
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

const PAIRED_CTE = Prisma.sql`paired AS MATERIALIZED (
    SELECT article_id, count(*)::int AS m FROM done GROUP BY article_id HAVING count(*) >= 2
  )`;

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

interface Grouped {
  pairedByCoders: Map<number, number>;
  /** Coders with at least one paired article. */
  pairedCoders: number[];
  presence: PresenceRow[];
  articleValues: ArticleValuesRow[];
}

/** Paired articles by number of coders, and every dimension's units grouped into types. */
async function groupedUnits(
  filters: Filters,
  coders: Coder[],
  presenceCodes: number[],
): Promise<Grouped> {
  const db = getDb();
  const ctes = Prisma.sql`${doneCte(
    filters,
    coders.map((c) => c.id),
  )}, ${PAIRED_CTE}`;
  const [paired, pairedCoders, presence, articleValues] = await Promise.all([
    db.$queryRaw<{ m: number; articles: number }[]>(Prisma.sql`
      WITH ${ctes} SELECT m, count(*)::int AS articles FROM paired GROUP BY m`),
    db.$queryRaw<{ coder_id: number }[]>(Prisma.sql`
      WITH ${ctes} SELECT DISTINCT coder_id FROM done JOIN paired USING (article_id)`),
    db.$queryRaw<PresenceRow[]>(Prisma.sql`
      WITH ${ctes}
      SELECT x.code_id, paired.m, x.p, count(*)::int AS units
      FROM (
        SELECT pc.article_id, pc.code_id, count(DISTINCT pc.coder_id)::int AS p
        FROM passage_code pc
        JOIN done ON done.article_id = pc.article_id AND done.coder_id = pc.coder_id
        WHERE pc.article_id IN (SELECT article_id FROM paired)
          AND pc.code_id IN (${Prisma.join(presenceCodes)})
        GROUP BY pc.article_id, pc.code_id
      ) x JOIN paired USING (article_id)
      GROUP BY x.code_id, paired.m, x.p`),
    db.$queryRaw<ArticleValuesRow[]>(Prisma.sql`
      WITH ${ctes}
      SELECT t.dimension_id, t.codes, count(*)::int AS units
      FROM (
        SELECT ac.article_id, ac.dimension_id, array_agg(ac.code_id ORDER BY ac.code_id) AS codes
        FROM article_code ac
        JOIN done ON done.article_id = ac.article_id AND done.coder_id = ac.coder_id
        WHERE ac.article_id IN (SELECT article_id FROM paired)
        GROUP BY ac.article_id, ac.dimension_id
        HAVING count(*) >= 2
      ) t
      GROUP BY t.dimension_id, t.codes`),
  ]);
  return {
    pairedByCoders: new Map(paired.map((r) => [r.m, r.articles])),
    pairedCoders: pairedCoders.map((r) => r.coder_id),
    presence,
    articleValues,
  };
}

/**
 * A body's length in UTF-16 code units (JavaScript string offsets, as passages store them):
 * PostgreSQL counts code points, so characters beyond the BMP count twice.
 */
const UTF16_LENGTH = Prisma.sql`(char_length(a.body) + CASE
    WHEN octet_length(a.body) >= char_length(a.body) + 3
    THEN regexp_count(a.body, ${"[\\U00010000-\\U0010FFFF]"}) ELSE 0 END)`;

/**
 * The continuum for uα: the articles every one of `coders` completed, with their body lengths,
 * and each coder's passages per code, merged where they overlap or touch (range_agg), packed
 * as int4s so ~2 million passages cross the wire as a few buffers.
 */
async function continuum(
  filters: Filters,
  coders: readonly number[],
  codes: readonly number[],
): Promise<PackedContinuum> {
  const db = getDb();
  const ctes = Prisma.sql`${doneCte(filters, coders)},
    everyone AS MATERIALIZED (
      SELECT article_id FROM done GROUP BY article_id HAVING count(*) = ${coders.length}
    )`;
  const [lengths, passages] = await Promise.all([
    db.$queryRaw<{ packed: Uint8Array | null }[]>(Prisma.sql`
      WITH ${ctes}
      SELECT string_agg(int4send(a.id) || int4send(${UTF16_LENGTH}), ''::bytea) AS packed
      FROM article a JOIN everyone e ON e.article_id = a.id`),
    db.$queryRaw<{ code_id: number; packed: Uint8Array }[]>(Prisma.sql`
      WITH ${ctes}
      SELECT m.code_id,
        string_agg(int4send(m.article_id) || int4send(m.coder_id) || int4send(lower(r))
          || int4send(upper(r)), ''::bytea) AS packed
      FROM (
        SELECT pc.article_id, pc.coder_id, pc.code_id,
          range_agg(int4range(pc.start, pc."end")) AS ranges
        FROM passage_code pc JOIN everyone e ON e.article_id = pc.article_id
        WHERE pc.coder_id IN (${Prisma.join(coders)}) AND pc.code_id IN (${Prisma.join(codes)})
        GROUP BY pc.article_id, pc.coder_id, pc.code_id
      ) m, unnest(m.ranges) r
      GROUP BY m.code_id`),
  ]);
  return { lengths: lengths[0]?.packed ?? new Uint8Array(0), passages };
}

async function computeReport(filters: Filters, p: Participants): Promise<AgreementReport> {
  const dims = await loadDimensions();
  if (p.completed.length < 2) {
    const reason = missingCoderReason(p);
    const keys = p.completed.map((c) => c.key);
    return {
      coders: p.considered,
      dimensions: dims.map((d) => unavailableDimension(d, reason, keys)),
    };
  }
  const many = dims.filter((d) => d.scope === "passage");
  const manyCodes = many.flatMap((d) => d.codes);
  const codeIds = manyCodes.map((c) => c.id);
  const ids = (coders: Coder[]) => coders.map((c) => c.id);
  // The continuum is read alongside the units, betting that every coder has a paired article.
  const [grouped, guess] = await Promise.all([
    groupedUnits(filters, p.completed, codeIds),
    codeIds.length ? continuum(filters, ids(p.completed), codeIds) : null,
  ]);
  const articles = [...grouped.pairedByCoders.values()].reduce((s, n) => s + n, 0);
  if (!articles) {
    const keys = p.completed.map((c) => c.key).join(", ");
    const reason = `needs a second coder on the same articles: ${keys} completed none in common`;
    return {
      coders: p.considered,
      dimensions: dims.map((d) => unavailableDimension(d, reason, [])),
    };
  }
  const takers = p.completed.filter((c) => grouped.pairedCoders.includes(c.id));
  const packed =
    guess && takers.length !== p.completed.length
      ? await continuum(filters, ids(takers), codeIds)
      : guess;
  const byCode = presenceTypes(manyCodes, grouped.presence, grouped.pairedByCoders);
  const context = { articles, coders: takers.map((c) => c.key) };
  const dimensions = dims.map((d) => {
    if (d.scope === "article")
      return dimensionAlpha(d, articleTypes(d, grouped.articleValues), context);
    const types = canonicalTypes(d.codes.flatMap((c) => byCode.get(c.id) ?? []));
    return {
      ...dimensionAlpha(d, types, context),
      categories: categoryAlphas(d, byCode),
      unitizing: dimensionUnitizing(d, packed!, ids(takers)),
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
