import "server-only";
import { z } from "zod";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { withRollupDelta } from "../coding/rollups";
import {
  inTransaction,
  type LockedArticleWithBody,
  lockArticleBySlug,
  rejectIssues,
  type Tx,
} from "../coding/transaction";
import { getDb, readInOrder } from "../db";
import { isPossibleSlug } from "../params";
import type { ParamIssue } from "../query-params";
import {
  type Comparison,
  compareCodings,
  type DisagreementItem,
  loadDimensions,
  type RawRow,
  readRows,
  toCoded,
} from "./disagreements";

/*
 * Adjudication: an admin resolves coders A and B's disagreements on one article, item by item
 * (choose A, choose B, or an own code, always with a reason). When every item is decided, the
 * reference coding REF (coder kind `adjudicated`) is rebuilt for the article in the same
 * transaction: every code both coders agreed on (recorded as an 'agreed' decision by the admin
 * completing it) plus the decisions. REF rows point at their decision (who, when, why) and enter
 * the rollups by deltas like any coding. The coders' own rows are never written.
 */

export const REF_KEY = "REF";
export const REF_NAME = "Reference coding (adjudicated)";

export const VOICES = ["own", "reported", "unclear"] as const;

/** PUT …/adjudication/decisions/{key}. */
export const decisionInput = z
  .object({
    a: z.string().min(1).max(32),
    b: z.string().min(1).max(32),
    choice: z.enum(["a", "b", "own"], {
      error: "must be a (coder A's codes), b (coder B's codes) or own (a code of your own)",
    }),
    code: z.string().min(1).max(64).nullable().optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(1).optional(),
    voice: z.enum(VOICES, { error: "must be own, reported or unclear" }).optional(),
    reason: z
      .string({ error: "give a reason for the decision" })
      .trim()
      .min(1, "give a reason for the decision")
      .max(2000),
  })
  .strict();
export type DecisionInput = z.infer<typeof decisionInput>;

export interface DecisionView {
  choice: "agreed" | "a" | "b" | "own";
  code: string | null;
  start: number | null;
  end: number | null;
  voice: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date;
}

export interface AdjudicationItem extends DisagreementItem {
  /** The cluster extent's text (passage items). */
  quote?: string;
  /** The codes an own decision may use (the item's dimension, in codebook order). */
  codes: { key: string; label: string; colour: string }[];
  scope: "passage" | "article";
  decision: DecisionView | null;
}

export type AdjudicationState = "not started" | "in progress" | "complete";

export interface AdjudicationStatus {
  state: AdjudicationState;
  decided: number;
  total: number;
  /** When REF was last built from a full set of decisions. */
  completedAt: Date | null;
}

export interface AdjudicationView {
  article: { slug: string; headline: string; outlet: string };
  a: string;
  b: string;
  /** The coders who completed the article (person coders), by key. */
  coders: string[];
  /** The pair this article's adjudication is recorded for, when it differs from a/b. */
  recordedPair: { a: string; b: string } | null;
  items: AdjudicationItem[];
  agreed: number;
  status: AdjudicationStatus;
}

// ---- Reading ----

interface PairContext {
  article: LockedArticleWithBody & { headline: string; outlet: string };
  a: { id: number; key: string };
  b: { id: number; key: string };
  coders: { id: number; key: string }[];
  comparison: Comparison;
  dimensions: { key: string; scope: "passage" | "article" }[];
  adjudication: { id: number; coderA: number; coderB: number; completedAt: Date | null } | null;
}

/** The person coders who completed the article (they have article-level codes), by key. */
async function completedCoders(db: Tx, articleId: number): Promise<{ id: number; key: string }[]> {
  return db.$queryRaw<{ id: number; key: string }[]>`
    SELECT c.id, c.key FROM coder c
    WHERE c.kind = 'person' AND EXISTS (SELECT 1 FROM article_code x WHERE x.article_id = ${articleId} AND x.coder_id = c.id)
    ORDER BY c.key`;
}

function pairIssue(param: "a" | "b", message: string): ApiError {
  return new ApiError(400, `invalid parameter: ${param}`, [{ param, message }]);
}

/**
 * Everything a read or a decision needs, inside `db` (a transaction for writes, which first
 * locks the article): 404 for an unknown article, 409 when its codings are not public or fewer
 * than two coders completed it, 400 naming a/b for a coder who did not complete it.
 */
async function loadPair(
  db: Tx,
  article: LockedArticleWithBody,
  aKey: string | undefined,
  bKey: string | undefined,
): Promise<PairContext> {
  if (!article.codingsPublic)
    throw new ApiError(
      409,
      `the codings of ${article.slug} are not public yet: every coder assigned to it must mark ` +
        "it done before it can be adjudicated",
    );
  const [head, coders, adjudication] = await readInOrder([
    () =>
      db.article.findUniqueOrThrow({
        where: { id: article.id },
        select: { headline: true, outlet: { select: { name: true } } },
      }),
    () => completedCoders(db, article.id),
    () =>
      db.adjudication.findUnique({
        where: { articleId: article.id },
        select: { id: true, coderA: true, coderB: true, completedAt: true },
      }),
  ]);
  if (coders.length < 2)
    throw new ApiError(
      409,
      `${article.slug} needs two coders who completed it before it can be adjudicated ` +
        `(completed: ${coders.map((c) => c.key).join(", ") || "nobody"})`,
    );
  const recorded = adjudication
    ? [
        coders.find((c) => c.id === adjudication.coderA),
        coders.find((c) => c.id === adjudication.coderB),
      ]
    : [];
  const a = aKey
    ? coders.find((c) => c.key === aKey)
    : recorded[0] && recorded[1]
      ? recorded[0]
      : coders[0];
  const b = bKey
    ? coders.find((c) => c.key === bKey)
    : recorded[0] && recorded[1]
      ? recorded[1]
      : coders.find((c) => c.id !== a?.id);
  const known = coders.map((c) => c.key).join(", ");
  if (!a) throw pairIssue("a", `is not a coder who completed this article; completed: ${known}`);
  if (!b) throw pairIssue("b", `is not a coder who completed this article; completed: ${known}`);
  if (a.id === b.id) throw pairIssue("b", "must differ from a");
  const [dimensions, rows] = await readInOrder([
    () => loadDimensions(db),
    () => readRows([article.id], [a.id, b.id], db),
  ]);
  const comparison = compareCodings(
    dimensions,
    rows.filter((r: RawRow) => r.coder_id === a.id).map(toCoded),
    rows.filter((r: RawRow) => r.coder_id === b.id).map(toCoded),
  );
  return {
    article: { ...article, headline: head.headline, outlet: head.outlet.name },
    a,
    b,
    coders,
    comparison,
    dimensions,
    adjudication,
  };
}

interface DecisionRow {
  id: number;
  itemKey: string;
  choice: string;
  codeId: number | null;
  start: number | null;
  end: number | null;
  voice: string | null;
  reason: string | null;
  decidedAt: Date;
  decider: { name: string } | null;
  code: { key: string } | null;
}

async function decisionsOf(db: Tx, adjudicationId: number): Promise<DecisionRow[]> {
  return db.adjudicationDecision.findMany({
    where: { adjudicationId },
    select: {
      id: true,
      itemKey: true,
      choice: true,
      codeId: true,
      start: true,
      end: true,
      voice: true,
      reason: true,
      decidedAt: true,
      decider: { select: { name: true } },
      code: { select: { key: true } },
    },
  });
}

const samePair = (ctx: PairContext) =>
  ctx.adjudication !== null &&
  ctx.adjudication.coderA === ctx.a.id &&
  ctx.adjudication.coderB === ctx.b.id;

function statusOf(ctx: PairContext, decided: Set<string>): AdjudicationStatus {
  const total = ctx.comparison.items.length;
  const n = ctx.comparison.items.filter((i) => decided.has(i.key)).length;
  const completedAt = samePair(ctx) ? (ctx.adjudication?.completedAt ?? null) : null;
  const complete = n === total && completedAt !== null;
  return {
    state: complete ? "complete" : n === 0 ? "not started" : "in progress",
    decided: n,
    total,
    completedAt,
  };
}

function toDecisionView(d: DecisionRow): DecisionView {
  return {
    choice: d.choice as DecisionView["choice"],
    code: d.code?.key ?? null,
    start: d.start,
    end: d.end,
    voice: d.voice,
    reason: d.reason,
    decidedBy: d.decider?.name ?? null,
    decidedAt: d.decidedAt,
  };
}

async function codesByDimension(
  db: Tx,
): Promise<Map<string, { id: number; key: string; label: string; colour: string }[]>> {
  const codes = await db.code.findMany({
    orderBy: [{ dimension: { order: "asc" } }, { order: "asc" }],
    select: {
      id: true,
      key: true,
      label: true,
      colour: true,
      dimension: { select: { key: true } },
    },
  });
  const out = new Map<string, { id: number; key: string; label: string; colour: string }[]>();
  for (const c of codes) {
    const list = out.get(c.dimension.key) ?? [];
    list.push({ id: c.id, key: c.key, label: c.label, colour: c.colour });
    out.set(c.dimension.key, list);
  }
  return out;
}

async function readArticle(db: Tx, slug: string): Promise<LockedArticleWithBody> {
  const notFound = new ApiError(404, `no article ${JSON.stringify(slug.slice(0, 80))}`);
  if (!isPossibleSlug(slug)) throw notFound;
  const row = await db.article.findUnique({
    where: { slug },
    select: { id: true, slug: true, codingsPublic: true, body: true },
  });
  if (!row) throw notFound;
  return { ...row, codebookStamp: "" };
}

/** GET …/adjudication?a=&b=: every disagreement item with its decision, and the status. */
export async function getAdjudication(
  slug: string,
  a?: string,
  b?: string,
): Promise<AdjudicationView> {
  const db = getDb() as unknown as Tx;
  const article = await readArticle(db, slug);
  const ctx = await loadPair(db, article, a, b);
  const [decisions, codes] = await Promise.all([
    ctx.adjudication && samePair(ctx) ? decisionsOf(db, ctx.adjudication.id) : [],
    codesByDimension(db),
  ]);
  const byKey = new Map(decisions.filter((d) => d.choice !== "agreed").map((d) => [d.itemKey, d]));
  const scopes = new Map(ctx.dimensions.map((d) => [d.key, d.scope]));
  const items = ctx.comparison.items.map((item): AdjudicationItem => {
    const decision = byKey.get(item.key);
    const out: AdjudicationItem = {
      ...item,
      scope: scopes.get(item.dimension) ?? "passage",
      codes: (codes.get(item.dimension) ?? []).map(({ key, label, colour }) => ({
        key,
        label,
        colour,
      })),
      decision: decision ? toDecisionView(decision) : null,
    };
    if (item.start !== undefined && item.end !== undefined)
      out.quote = article.body.slice(item.start, item.end);
    return out;
  });
  let recordedPair: AdjudicationView["recordedPair"] = null;
  if (ctx.adjudication && !samePair(ctx)) {
    const keys = await db.coder.findMany({
      where: { id: { in: [ctx.adjudication.coderA, ctx.adjudication.coderB] } },
      select: { id: true, key: true },
    });
    recordedPair = {
      a: keys.find((k) => k.id === ctx.adjudication?.coderA)?.key ?? "",
      b: keys.find((k) => k.id === ctx.adjudication?.coderB)?.key ?? "",
    };
  }
  return {
    article: { slug: ctx.article.slug, headline: ctx.article.headline, outlet: ctx.article.outlet },
    a: ctx.a.key,
    b: ctx.b.key,
    coders: ctx.coders.map((c) => c.key),
    recordedPair,
    items,
    agreed: ctx.comparison.agreed.length,
    status: statusOf(ctx, new Set(byKey.keys())),
  };
}

export interface AdjudicableArticle {
  slug: string;
  headline: string;
  outlet: string;
  publishedAt: string;
  coders: string[];
  a: string;
  b: string;
  disagreements: number;
  status: AdjudicationStatus;
}

export const ADJUDICABLE_LIMIT = 200;

/**
 * The articles two or more person coders completed (codings public), newest first, with the
 * disagreement count and status of their adjudication (default pair: the recorded one, else the
 * first two coders by key).
 */
export async function listAdjudicable(
  limit = ADJUDICABLE_LIMIT,
): Promise<{ total: number; articles: AdjudicableArticle[] }> {
  const db = getDb();
  const rows = await db.$queryRaw<
    {
      id: number;
      slug: string;
      headline: string;
      outlet: string;
      published_at: Date;
      coders: { id: number; key: string }[];
      total: bigint;
    }[]
  >`
    WITH completed AS (
      SELECT DISTINCT x.article_id, c.id, c.key
      FROM article_code x JOIN coder c ON c.id = x.coder_id
      WHERE c.kind = 'person' AND x.article_id IN (SELECT id FROM article WHERE codings_public)
    ), adjudicable AS (
      SELECT article_id, jsonb_agg(jsonb_build_object('id', id, 'key', key) ORDER BY key) AS coders
      FROM completed GROUP BY article_id HAVING count(*) >= 2
    )
    SELECT a.id, a.slug, a.headline, o.name AS outlet, a.published_at, j.coders,
      count(*) OVER () AS total
    FROM adjudicable j JOIN article a ON a.id = j.article_id JOIN outlet o ON o.id = a.outlet_id
    ORDER BY a.published_at DESC, a.slug
    LIMIT ${limit}`;
  const total = Number(rows[0]?.total ?? 0);
  if (!rows.length) return { total, articles: [] };
  const ids = rows.map((r) => r.id);
  const [dimensions, adjudications] = await Promise.all([
    loadDimensions(db),
    db.adjudication.findMany({
      where: { articleId: { in: ids } },
      select: {
        articleId: true,
        coderA: true,
        coderB: true,
        completedAt: true,
        decisions: { where: { choice: { not: "agreed" } }, select: { itemKey: true } },
      },
    }),
  ]);
  const byArticle = new Map(adjudications.map((x) => [x.articleId, x]));
  // The pair per article: the recorded one while both still completed it, else the first two.
  const pairs = rows.map((r) => {
    const recorded = byArticle.get(r.id);
    const a = recorded && r.coders.find((c) => c.id === recorded.coderA);
    const b = recorded && r.coders.find((c) => c.id === recorded.coderB);
    return a && b ? { a, b, recorded } : { a: r.coders[0], b: r.coders[1], recorded: undefined };
  });
  const coded = await readRows(ids, [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))], db);
  const articles = rows.map((r, i): AdjudicableArticle => {
    const { a, b, recorded } = pairs[i];
    const mine = coded.filter((x) => x.article_id === r.id);
    const comparison = compareCodings(
      dimensions,
      mine.filter((x) => x.coder_id === a.id).map(toCoded),
      mine.filter((x) => x.coder_id === b.id).map(toCoded),
    );
    const decided = new Set(recorded?.decisions.map((d) => d.itemKey) ?? []);
    const n = comparison.items.filter((item) => decided.has(item.key)).length;
    const completedAt = recorded?.completedAt ?? null;
    const totalItems = comparison.items.length;
    return {
      slug: r.slug,
      headline: r.headline,
      outlet: r.outlet,
      publishedAt: r.published_at.toISOString().slice(0, 10),
      coders: r.coders.map((c) => c.key),
      a: a.key,
      b: b.key,
      disagreements: totalItems,
      status: {
        state:
          n === totalItems && completedAt !== null
            ? "complete"
            : n === 0
              ? "not started"
              : "in progress",
        decided: n,
        total: totalItems,
        completedAt,
      },
    };
  });
  return { total, articles };
}

// ---- Deciding ----

interface Resolved {
  codeId: number | null;
  start: number | null;
  end: number | null;
  voice: "own" | "reported" | "unclear" | null;
}

/** Checks an own decision against the item: 400 naming code, start, end or voice. */
function resolveOwn(
  input: DecisionInput,
  item: DisagreementItem,
  scope: "passage" | "article",
  codes: { id: number; key: string }[],
): Resolved {
  const issues: ParamIssue[] = [];
  const known = codes.map((c) => c.key).join(", ");
  if (input.choice !== "own") {
    for (const field of ["code", "start", "end", "voice"] as const)
      if (input[field] !== undefined)
        issues.push({ param: field, message: "only an own decision names a code, span or voice" });
    rejectIssues(issues);
    return { codeId: null, start: null, end: null, voice: null };
  }
  if (input.code === undefined)
    issues.push({
      param: "code",
      message: `choose a ${item.dimension} code (${known})${scope === "passage" ? " or null for no code" : ""}`,
    });
  const code =
    input.code === undefined || input.code === null
      ? null
      : codes.find((c) => c.key === input.code);
  if (input.code !== undefined && input.code !== null && !code)
    issues.push({ param: "code", message: `unknown ${item.dimension} code; known: ${known}` });
  if (scope === "article") {
    if (input.code === null)
      issues.push({
        param: "code",
        message: `${item.dimension} needs a code in the reference coding`,
      });
    for (const field of ["start", "end", "voice"] as const)
      if (input[field] !== undefined)
        issues.push({
          param: field,
          message: `${item.dimension} is coded per article, not on a span`,
        });
    rejectIssues(issues);
    return { codeId: code?.id ?? null, start: null, end: null, voice: null };
  }
  if (input.code === null) {
    for (const field of ["start", "end", "voice"] as const)
      if (input[field] !== undefined)
        issues.push({ param: field, message: "no code: there is no span or voice to give" });
    rejectIssues(issues);
    return { codeId: null, start: null, end: null, voice: null };
  }
  const start = input.start ?? item.start ?? 0;
  const end = input.end ?? item.end ?? 0;
  if ((input.start === undefined) !== (input.end === undefined))
    issues.push({
      param: input.start === undefined ? "start" : "end",
      message: "give start and end together, or neither for the cluster's extent",
    });
  const spans = [
    { start: item.start, end: item.end },
    ...item.a.map((s) => ({ start: s.start, end: s.end })),
    ...item.b.map((s) => ({ start: s.start, end: s.end })),
  ];
  if (!spans.some((s) => s.start === start && s.end === end))
    issues.push({
      param: "start",
      message: `the span must be the item's extent (${item.start}–${item.end}) or one of the coders' spans in it`,
    });
  rejectIssues(issues);
  return { codeId: code?.id ?? null, start, end, voice: input.voice ?? "unclear" };
}

export interface DecisionResult {
  status: AdjudicationStatus;
  /** True when this decision completed the set and REF was (re)built. */
  rebuilt: boolean;
  decision: DecisionView;
}

/** PUT …/adjudication/decisions/{key}: saves one decision; rebuilds REF when all are decided. */
export async function decide(
  actor: Actor,
  slug: string,
  itemKey: string,
  input: DecisionInput,
): Promise<DecisionResult> {
  if (actor.role !== "admin") throw new ApiError(403, "only an admin adjudicates");
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug, true);
    const ctx = await loadPair(tx, article, input.a, input.b);
    const item = ctx.comparison.items.find((i) => i.key === itemKey);
    if (!item) {
      const agreed = ctx.comparison.agreed.some((i) => i.key === itemKey);
      throw new ApiError(
        404,
        agreed
          ? `${itemKey} is agreed between ${ctx.a.key} and ${ctx.b.key}: nothing to decide`
          : `no disagreement ${JSON.stringify(itemKey.slice(0, 80))} between ${ctx.a.key} and ${ctx.b.key} on ${slug}`,
      );
    }
    const scope = ctx.dimensions.find((d) => d.key === item.dimension)?.scope ?? "passage";
    const codes = (await codesByDimension(tx)).get(item.dimension) ?? [];
    const resolved = resolveOwn(input, item, scope, codes);
    const dimension = await tx.dimension.findUniqueOrThrow({
      where: { key: item.dimension },
      select: { id: true },
    });

    const adjudication = await ensureAdjudication(tx, actor, article, ctx);

    const data = {
      dimensionId: dimension.id,
      choice: input.choice,
      codeId: resolved.codeId,
      start: resolved.start,
      end: resolved.end,
      voice: resolved.voice,
      reason: input.reason,
      decidedBy: actor.userId,
      decidedAt: new Date(),
    };
    await tx.adjudicationDecision.upsert({
      where: { adjudicationId_itemKey: { adjudicationId: adjudication.id, itemKey } },
      create: { adjudicationId: adjudication.id, itemKey, ...data },
      update: data,
    });

    const decisions = await decisionsOf(tx, adjudication.id);
    const decided = new Map(
      decisions.filter((d) => d.choice !== "agreed").map((d) => [d.itemKey, d]),
    );
    const complete = ctx.comparison.items.every((i) => decided.has(i.key));
    if (complete) {
      const completedAt = await rebuildReference(tx, actor, article, ctx, decided);
      ctx.adjudication = { ...adjudication, completedAt };
    }
    const mine = decisions.find((d) => d.itemKey === itemKey);
    if (!mine) throw new Error("decide: the decision just saved is missing");
    return {
      status: statusOf(ctx, new Set(decided.keys())),
      rebuilt: complete,
      decision: toDecisionView(mine),
    };
  });
}

/**
 * The article's adjudication row for the pair of ctx, created on first use; switched to this
 * pair only while the recorded pair has no decision (409 naming `a` otherwise).
 */
async function ensureAdjudication(
  tx: Tx,
  actor: Actor,
  article: LockedArticleWithBody,
  ctx: PairContext,
): Promise<NonNullable<PairContext["adjudication"]>> {
  const slug = article.slug;
  let adjudication = ctx.adjudication;
  if (adjudication && !samePair(ctx)) {
    const decided = await tx.adjudicationDecision.count({
      where: { adjudicationId: adjudication.id, choice: { not: "agreed" } },
    });
    if (decided > 0)
      throw new ApiError(
        409,
        `${slug} is being adjudicated between another pair of coders; open it with that pair`,
        [{ param: "a", message: "another pair's decisions are recorded for this article" }],
      );
    await tx.adjudicationDecision.deleteMany({ where: { adjudicationId: adjudication.id } });
    adjudication = await tx.adjudication.update({
      where: { id: adjudication.id },
      data: { coderA: ctx.a.id, coderB: ctx.b.id, completedAt: null },
      select: { id: true, coderA: true, coderB: true, completedAt: true },
    });
  }
  if (!adjudication)
    adjudication = await tx.adjudication.create({
      data: {
        articleId: article.id,
        coderA: ctx.a.id,
        coderB: ctx.b.id,
        startedBy: actor.userId,
      },
      select: { id: true, coderA: true, coderB: true, completedAt: true },
    });
  ctx.adjudication = adjudication;
  return adjudication;
}

/**
 * PUT …/adjudication `{ a, b }`: (re)builds REF from the current decisions, for an article whose
 * coders agree on everything (nothing to decide) or after a coder's change; 409 while items are
 * undecided.
 */
export async function buildReference(
  actor: Actor,
  slug: string,
  pair: { a: string; b: string },
): Promise<{ status: AdjudicationStatus; rebuilt: boolean }> {
  if (actor.role !== "admin") throw new ApiError(403, "only an admin adjudicates");
  return inTransaction(async (tx) => {
    const article = await lockArticleBySlug(tx, slug, true);
    const ctx = await loadPair(tx, article, pair.a, pair.b);
    const adjudication = await ensureAdjudication(tx, actor, article, ctx);
    const decisions = await decisionsOf(tx, adjudication.id);
    const decided = new Map(
      decisions.filter((d) => d.choice !== "agreed").map((d) => [d.itemKey, d]),
    );
    const open = ctx.comparison.items.filter((i) => !decided.has(i.key));
    if (open.length)
      throw new ApiError(
        409,
        `${open.length} of ${ctx.comparison.items.length} disagreements are undecided; decide ` +
          "them first (PUT …/adjudication/decisions/{key})",
      );
    const completedAt = await rebuildReference(tx, actor, article, ctx, decided);
    ctx.adjudication = { ...adjudication, completedAt };
    return { status: statusOf(ctx, new Set(decided.keys())), rebuilt: true };
  });
}

/** PUT …/adjudication. */
export const pairInput = z.strictObject({
  a: z.string().min(1).max(32),
  b: z.string().min(1).max(32),
});

/** The REF coder, created on first use; 409 when a coder of another kind holds the key. */
async function referenceCoder(tx: Tx): Promise<number> {
  const coder = await tx.coder.upsert({
    where: { key: REF_KEY },
    create: {
      key: REF_KEY,
      name: REF_NAME,
      kind: "adjudicated",
      description:
        "Codes both coders agreed on, and the decisions an admin took on their disagreements.",
    },
    update: {},
    select: { id: true, kind: true },
  });
  if (coder.kind !== "adjudicated")
    throw new ApiError(409, `the coder key ${REF_KEY} is taken by a ${coder.kind} coder`);
  return coder.id;
}

interface RefPassage {
  codeId: number;
  start: number;
  end: number;
  voice: "own" | "reported" | "unclear";
  decisionId: number;
}
interface RefArticleCode {
  dimensionId: number;
  codeId: number;
  decisionId: number;
}

/**
 * Rebuilds the article's REF rows from the agreed items and the decisions, in the caller's
 * transaction, moving the rollups by the difference. Returns the completion time.
 */
async function rebuildReference(
  tx: Tx,
  actor: Actor,
  article: LockedArticleWithBody,
  ctx: PairContext,
  decided: Map<string, DecisionRow>,
): Promise<Date> {
  const adjudicationId = ctx.adjudication?.id;
  if (adjudicationId === undefined) throw new Error("rebuildReference: no adjudication");
  const refId = await referenceCoder(tx);
  const [dims, codes] = await readInOrder([
    () => tx.dimension.findMany({ select: { id: true, key: true } }),
    () =>
      tx.code.findMany({ select: { id: true, key: true, dimension: { select: { key: true } } } }),
  ]);
  const dimId = new Map(dims.map((d) => [d.key, d.id]));
  const codeId = new Map(codes.map((c) => [`${c.dimension.key}.${c.key}`, c.id]));
  const idOf = (dimension: string, code: string) => {
    const id = codeId.get(`${dimension}.${code}`);
    if (id === undefined) throw new Error(`rebuildReference: unknown code ${dimension}.${code}`);
    return id;
  };

  // The agreed items are recorded afresh, as decided by the admin completing the set.
  const now = new Date();
  await tx.adjudicationDecision.deleteMany({ where: { adjudicationId, choice: "agreed" } });
  const agreedRows = ctx.comparison.agreed.length
    ? await tx.adjudicationDecision.createManyAndReturn({
        data: ctx.comparison.agreed.map((item) => ({
          adjudicationId,
          itemKey: item.key,
          dimensionId: dimId.get(item.dimension) ?? 0,
          choice: "agreed",
          start: item.start ?? null,
          end: item.end ?? null,
          decidedBy: actor.userId,
          decidedAt: now,
        })),
        select: { id: true, itemKey: true },
      })
    : [];
  const agreedId = new Map(agreedRows.map((r) => [r.itemKey, r.id]));

  const passages = new Map<string, RefPassage>();
  const articleCodes: RefArticleCode[] = [];
  const add = (
    item: DisagreementItem,
    sides: readonly { code: string; start?: number; end?: number; voice?: string }[],
    decisionId: number,
  ) => {
    for (const side of sides) {
      const code = idOf(item.dimension, side.code);
      if (side.start === undefined || side.end === undefined) {
        articleCodes.push({
          dimensionId: dimId.get(item.dimension) ?? 0,
          codeId: code,
          decisionId,
        });
        continue;
      }
      const key = `${code}:${side.start}:${side.end}`;
      if (!passages.has(key))
        passages.set(key, {
          codeId: code,
          start: side.start,
          end: side.end,
          voice: (side.voice as RefPassage["voice"]) ?? "unclear",
          decisionId,
        });
    }
  };
  for (const item of ctx.comparison.agreed) add(item, item.a, agreedId.get(item.key) ?? 0);
  for (const item of ctx.comparison.items) {
    const d = decided.get(item.key);
    if (!d) throw new Error(`rebuildReference: ${item.key} is undecided`);
    if (d.choice === "a") add(item, item.a, d.id);
    else if (d.choice === "b") add(item, item.b, d.id);
    else if (d.choice === "own" && d.codeId !== null) {
      if (d.start !== null && d.end !== null) {
        const key = `${d.codeId}:${d.start}:${d.end}`;
        passages.set(key, {
          codeId: d.codeId,
          start: d.start,
          end: d.end,
          voice: (d.voice as RefPassage["voice"]) ?? "unclear",
          decisionId: d.id,
        });
      } else {
        articleCodes.push({
          dimensionId: dimId.get(item.dimension) ?? 0,
          codeId: d.codeId,
          decisionId: d.id,
        });
      }
    }
  }

  const before = await tx.$queryRaw<{ code_id: number }[]>`
    SELECT code_id FROM passage_code WHERE article_id = ${article.id} AND coder_id = ${refId}
    UNION SELECT code_id FROM article_code WHERE article_id = ${article.id} AND coder_id = ${refId}`;
  const touched = [
    ...before.map((r) => r.code_id),
    ...[...passages.values()].map((p) => p.codeId),
    ...articleCodes.map((c) => c.codeId),
  ];
  await withRollupDelta(tx, article, refId, touched, async () => {
    await tx.passageCode.deleteMany({ where: { articleId: article.id, coderId: refId } });
    await tx.articleCode.deleteMany({ where: { articleId: article.id, coderId: refId } });
    if (passages.size)
      await tx.passageCode.createMany({
        data: [...passages.values()].map((p) => ({
          articleId: article.id,
          coderId: refId,
          codeId: p.codeId,
          start: p.start,
          end: p.end,
          quote: article.body.slice(p.start, p.end),
          voice: p.voice,
          decisionId: p.decisionId,
        })),
      });
    if (articleCodes.length)
      await tx.articleCode.createMany({
        data: articleCodes.map((c) => ({
          articleId: article.id,
          coderId: refId,
          dimensionId: c.dimensionId,
          codeId: c.codeId,
          decisionId: c.decisionId,
        })),
      });
  });
  await tx.adjudication.update({ where: { id: adjudicationId }, data: { completedAt: now } });
  return now;
}
