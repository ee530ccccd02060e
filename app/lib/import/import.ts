import "server-only";
import { ApiError } from "../api";
import { toParamIssues } from "../query-params";
import type { Actor } from "../auth/actor";
import { isoDateToUtc, todayIso } from "../dates";
import { getDb } from "../db";
import { contentHash, type IngestedPage, ingestPage } from "../ingest/ingest";
import { crossFieldIssues, importMetadata, type ImportMetadata, MAX_IMPORT_SLUG } from "./input";
import type { Upload } from "./read-upload";
import { articleSlugBase, uniqueSlug } from "./slug";

/*
 * Importing a page in the browser or by script: the same ingest as `npm run ingest`, the admin's
 * metadata, and one transaction that stores the article (origin app), keeps the article rollups
 * exact and assigns the coders.
 */

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/** What the ingest made of a page, and whether the same text is already in the corpus. */
export interface PagePreview extends IngestedPage {
  contentHash: string;
  bytes: number;
  duplicate: { slug: string; headline: string } | null;
}

// The seeder's lock: an import and a seed load never interleave their rollup writes.
const CORPUS_LOCK = 72707370;
const MAX_HEADLINE = 500;
// A page that starts like an HTML document is read as text: its tags would stay in the body.
const HTML_DOCUMENT = /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** The ingest of a page with the warnings an import adds. */
function ingest(source: string): IngestedPage {
  const page = ingestPage(source);
  if (HTML_DOCUMENT.test(source))
    page.warnings.push(
      "the page is HTML markup, which the ingest reads as text: tags stay in the stored text " +
        "(shown as text, never run); save the page as text for a clean body",
    );
  return page;
}

/** Preview of an upload: the ingest's result and the article it duplicates, if any. */
export async function previewPage(upload: Upload): Promise<PagePreview> {
  const page = ingest(upload.source);
  const hash = contentHash(page);
  const duplicate = await getDb().article.findFirst({
    where: { contentHash: hash },
    select: { slug: true, headline: true },
  });
  return { ...page, contentHash: hash, bytes: upload.bytes, duplicate };
}

/**
 * Stores an uploaded page as a new article and returns its slug. Throws ApiError: 400 naming the
 * field (metadata, a page with no headline or body, an exact date the page does not state, an
 * unknown outlet or coder), 409 when the same text is already an article (naming it).
 */
export async function importArticle(actor: Actor, upload: Upload): Promise<{ slug: string }> {
  const meta = parseMetadata(upload.fields);
  const page = ingest(upload.source);
  checkPage(page);
  const reason = checkPublished(meta.published, page.publishedAt);
  const hash = contentHash(page);
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CORPUS_LOCK})`;
      await checkOutlet(tx, meta);
      const coders = await findCoders(tx, meta.assign ?? []);
      await refuseDuplicate(tx, hash);
      const outletId = await outletFor(tx, meta);
      const outletSlug = meta.newOutlet?.slug ?? meta.outlet!;
      const slug = await freeSlug(
        tx,
        articleSlugBase(outletSlug, meta.published.date, page.headline!).slice(0, MAX_IMPORT_SLUG),
      );
      const article = await tx.article.create({
        data: {
          slug,
          outletId,
          headline: page.headline!,
          headlineLabel: page.headlineLabel,
          standfirst: page.standfirst,
          byline: page.byline,
          authorNote: page.authorNote,
          genre: meta.genre,
          publishedAt: isoDateToUtc(meta.published.date),
          datePrecision: meta.published.precision,
          dateReason: reason,
          language: meta.language,
          sourceFile: meta.filename,
          body: page.body,
          captions: page.captions,
          contentHash: hash,
          origin: "app",
          // Assigned coders code it blind: its codings stay private until all of them are done.
          codingsPublic: coders.length === 0,
        },
        select: { id: true, slug: true },
      });
      await tx.$executeRaw`SELECT rollup_article(${article.id}::int, 1)`;
      await assignCoders(tx, article.id, coders, actor.userId);
      return { slug: article.slug };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

function parseMetadata(fields: Record<string, unknown>): ImportMetadata {
  const parsed = importMetadata.safeParse(fields);
  const issues = parsed.success
    ? []
    : toParamIssues(parsed.error, "is not a field of an import", "body");
  for (const issue of crossFieldIssues(fields))
    if (!issues.some((i) => i.param === issue.param)) issues.push(issue);
  if (issues.length || !parsed.success) {
    const names = [...new Set(issues.map((i) => i.param))].join(", ");
    throw new ApiError(400, `invalid parameter${issues.length > 1 ? "s" : ""}: ${names}`, issues);
  }
  return parsed.data;
}

/** A page without a headline or body text is not an article. */
function checkPage(page: IngestedPage): void {
  const refuse = (message: string) =>
    new ApiError(400, `the page cannot be imported: ${message}`, [{ param: "source", message }]);
  if (!page.headline) throw refuse("no headline found in the page");
  if (page.headline.length > MAX_HEADLINE)
    throw refuse(
      `the headline the ingest found is ${page.headline.length} characters long ` +
        `(at most ${MAX_HEADLINE}); is this a news page?`,
    );
  if (!page.body) throw refuse("no body text found in the page");
}

/**
 * The date's reason to store. A date is exact only when the page states it (and then it must be
 * that date); an inferred one needs its reason (checked by the schema); none may be in the future.
 */
function checkPublished(
  published: ImportMetadata["published"],
  stated: string | null,
): string | null {
  const issue = (param: string, message: string) =>
    new ApiError(400, `invalid parameter: ${param}`, [{ param, message }]);
  if (published.date > todayIso())
    throw issue("published.date", `${published.date} is in the future`);
  if (published.precision === "inferred") return published.reason!;
  if (stated === null)
    throw issue(
      "published.precision",
      "the page states no publication date, so the date cannot be exact: " +
        "mark it inferred and give the reason",
    );
  if (stated !== published.date)
    throw issue(
      "published.date",
      `the page states ${stated}; an exact date must be the one the page states`,
    );
  return published.reason || `The page states its publication date, ${stated}.`;
}

async function checkOutlet(tx: Tx, meta: ImportMetadata): Promise<void> {
  if (meta.newOutlet) {
    const taken = await tx.outlet.findUnique({
      where: { slug: meta.newOutlet.slug },
      select: { id: true },
    });
    if (taken)
      throw new ApiError(400, "invalid parameter: newOutlet.slug", [
        {
          param: "newOutlet.slug",
          message: `an outlet ${meta.newOutlet.slug} exists already: choose it as outlet`,
        },
      ]);
    return;
  }
  const outlet = await tx.outlet.findUnique({
    where: { slug: meta.outlet! },
    select: { id: true },
  });
  if (!outlet)
    throw new ApiError(400, "invalid parameter: outlet", [
      { param: "outlet", message: `there is no outlet ${meta.outlet}; choose one or add it` },
    ]);
}

async function outletFor(tx: Tx, meta: ImportMetadata): Promise<number> {
  if (!meta.newOutlet) {
    const row = await tx.outlet.findUniqueOrThrow({ where: { slug: meta.outlet! } });
    return row.id;
  }
  const { orientation, orientationSource, ...o } = meta.newOutlet;
  const row = await tx.outlet.create({
    data: {
      ...o,
      orientation: orientation ?? null,
      orientationSource: orientationSource ?? null,
      origin: "app",
    },
  });
  return row.id;
}

/** The coders to assign: each key must be the coder of an active account. */
async function findCoders(tx: Tx, keys: string[]): Promise<{ id: number; key: string }[]> {
  if (!keys.length) return [];
  const rows = await tx.coder.findMany({
    where: { key: { in: keys } },
    select: { id: true, key: true, user: { select: { banned: true } } },
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const issues = keys.flatMap((key, i) => {
    const row = byKey.get(key);
    if (!row) return [{ param: `assign.${i}`, message: `there is no coder ${key}` }];
    if (!row.user || row.user.banned)
      return [{ param: `assign.${i}`, message: `no active account codes as ${key}` }];
    return [];
  });
  if (issues.length)
    throw new ApiError(
      400,
      `invalid parameter${issues.length > 1 ? "s" : ""}: ${issues.map((i) => i.param).join(", ")}`,
      issues,
    );
  return keys.map((key) => ({ id: byKey.get(key)!.id, key }));
}

async function refuseDuplicate(tx: Tx, hash: string): Promise<void> {
  const existing = await tx.article.findFirst({
    where: { contentHash: hash },
    select: { slug: true, headline: true },
  });
  if (existing)
    throw new ApiError(
      409,
      `this page is already in the corpus as ${existing.slug} ("${existing.headline}")`,
      [{ param: "source", message: `has the same text as the article ${existing.slug}` }],
      { slug: existing.slug },
    );
}

/** The first of base, base-2, base-3… that no article has (each a lookup on the unique slug). */
async function freeSlug(tx: Tx, base: string): Promise<string> {
  const taken = new Set<string>();
  for (;;) {
    const candidate = uniqueSlug(base, taken);
    const row = await tx.article.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!row) return candidate;
    taken.add(candidate);
  }
}

async function assignCoders(
  tx: Tx,
  articleId: number,
  coders: { id: number; key: string }[],
  userId: string,
): Promise<void> {
  if (!coders.length) return;
  const assignedAt = new Date();
  await tx.assignment.createMany({
    data: coders.map((c) => ({ articleId, coderId: c.id, assignedBy: userId, assignedAt })),
  });
  await tx.codingHistory.createMany({
    data: coders.map((c) => ({
      userId,
      coderId: c.id,
      articleId,
      action: "assign",
      after: { coder: c.key, assignedAt, articlePublic: false },
      version: 0,
    })),
  });
}
