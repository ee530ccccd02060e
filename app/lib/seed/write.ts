import type { PrismaClient } from "../db/client";
import { isoDateToUtc } from "../dates";
import { type LoadedArticle, SeedError, type SeedData } from "./load";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface SeedSummary {
  outlets: number;
  articles: number;
  passageCodes: number;
  articleCodes: number;
  events: number;
  skipped: boolean;
}

/**
 * Writes validated seed data in one transaction. Rows are matched on their
 * natural keys and updated in place, so ids stay stable and a second run with
 * the same data changes nothing. The seeder owns only rows that came from the
 * seeds (origin 'seed'): seed rows the files no longer contain are removed,
 * while everything made in the application (imported articles, codings,
 * accounts, assignments, history), synthetic rows and saved views are never
 * touched, whatever the seeds say and with or without --force.
 */
export async function writeSeeds(
  db: PrismaClient,
  data: SeedData,
  opts: { force?: boolean } = {},
): Promise<SeedSummary> {
  return db.$transaction(
    async (tx) => {
      // One seeder at a time: a second launcher waits here instead of racing.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
      const state = await tx.seedState.findUnique({ where: { id: 1 } });
      const counts = {
        outlets: data.outlets.length,
        articles: data.articles.length,
        events: data.events.length,
      };
      const passageTotal = data.codings.reduce((n, c) => n + c.passages.length, 0);
      const articleCodeTotal = data.codings.reduce(
        (n, c) => n + Object.keys(c.article_codes).length,
        0,
      );
      if (state?.hash === data.hash && !opts.force) {
        return {
          ...counts,
          passageCodes: passageTotal,
          articleCodes: articleCodeTotal,
          skipped: true,
        };
      }

      const outletIds = await upsertOutlets(tx, data);
      const { dimensionIds, codeIds } = await upsertCodebook(tx, data);
      const coderIds = await upsertCoders(tx, data);
      const articleIds = await upsertArticles(tx, data, outletIds);
      await syncCodings(tx, data, { articleIds, dimensionIds, codeIds, coderIds });
      await syncEvents(tx, data, articleIds);
      // The dashboard reads rollups; rebuilding them here keeps them in step with what was just written.
      await tx.$executeRaw`SELECT refresh_rollups()`;

      await tx.seedState.upsert({
        where: { id: 1 },
        create: { id: 1, hash: data.hash },
        update: { hash: data.hash, loadedAt: new Date() },
      });
      return {
        ...counts,
        passageCodes: passageTotal,
        articleCodes: articleCodeTotal,
        skipped: false,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function upsertOutlets(tx: Tx, data: SeedData): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const o of data.outlets) {
    const fields = {
      name: o.name,
      shortName: o.short_name,
      country: o.country,
      language: o.language,
      kind: o.kind,
      orientation: o.orientation,
      orientationSource: o.orientation_source,
      url: o.url,
    };
    const row = await tx.outlet.upsert({
      where: { slug: o.slug },
      create: { slug: o.slug, ...fields, origin: "seed" },
      update: fields,
    });
    ids.set(o.slug, row.id);
  }
  return ids;
}

async function upsertCodebook(tx: Tx, data: SeedData) {
  const dimensionIds = new Map<string, number>();
  const codeIds = new Map<string, number>(); // "dimension.code"
  for (const [order, d] of data.codebook.dimensions.entries()) {
    const fields = {
      label: d.label,
      question: d.question,
      definition: d.definition,
      scope: d.scope,
      ordinal: d.ordinal,
      order,
    };
    const dim = await tx.dimension.upsert({
      where: { key: d.key },
      create: { key: d.key, ...fields },
      update: fields,
    });
    dimensionIds.set(d.key, dim.id);
    for (const [codeOrder, code] of d.codes.entries()) {
      const codeFields = {
        label: code.label,
        definition: code.definition,
        indicators: code.indicators,
        colour: code.colour,
        order: codeOrder,
        value: code.value ?? null,
        side: code.side ?? null,
      };
      const row = await tx.code.upsert({
        where: { dimensionId_key: { dimensionId: dim.id, key: code.key } },
        create: { dimensionId: dim.id, key: code.key, ...codeFields },
        update: codeFields,
      });
      codeIds.set(`${d.key}.${code.key}`, row.id);
    }
  }
  return { dimensionIds, codeIds };
}

async function upsertCoders(tx: Tx, data: SeedData): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const c of data.coders) {
    const fields = {
      name: c.name,
      kind: c.kind,
      version: c.version ?? null,
      description: c.description ?? null,
    };
    const existing = await tx.coder.findUnique({ where: { key: c.key }, select: { origin: true } });
    if (existing && existing.origin !== "seed")
      throw new SeedError([
        {
          file: "coders.yaml",
          item: c.key,
          reason:
            "an account made in the application already codes under this key; give the seed coder another",
        },
      ]);
    const row = await tx.coder.upsert({
      where: { key: c.key },
      create: { key: c.key, ...fields, origin: "seed" },
      update: fields,
    });
    ids.set(c.key, row.id);
  }
  return ids;
}

/** The stored fields of a seed article, but its outlet (the export checks its files by them). */
export function articleFields(a: LoadedArticle) {
  return {
    headline: a.headline,
    headlineLabel: a.headlineLabel,
    standfirst: a.standfirst,
    byline: a.byline,
    authorNote: a.authorNote,
    genre: a.genre,
    publishedAt: isoDateToUtc(a.published.date),
    datePrecision: a.published.precision,
    dateReason: a.published.reason,
    language: a.language,
    sourceFile: a.original_file ?? a.source,
    body: a.body,
    captions: a.captions,
    contentHash: a.contentHash,
  };
}

async function upsertArticles(
  tx: Tx,
  data: SeedData,
  outletIds: Map<string, number>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const taken = await tx.article.findMany({
    where: { origin: "app", slug: { in: data.articles.map((a) => a.slug) } },
    select: { slug: true },
  });
  if (taken.length)
    throw new SeedError(
      taken.map((a) => ({
        file: "articles",
        item: a.slug,
        reason:
          "an article imported in the application already has this slug; rename the seed article",
      })),
    );
  for (const a of data.articles) {
    const fields = { outletId: outletIds.get(a.outlet)!, ...articleFields(a), synthetic: false };
    const row = await tx.article.upsert({
      where: { slug: a.slug },
      create: { slug: a.slug, ...fields, origin: "seed" },
      update: fields,
    });
    ids.set(a.slug, row.id);
  }
  // A seed article the files no longer name goes, unless work was done on it in the application
  // (codings, assignments or history by an account): that work is kept, and so is the article.
  await tx.article.deleteMany({
    where: {
      origin: "seed",
      synthetic: false,
      slug: { notIn: data.articles.map((a) => a.slug) },
      passageCodes: { none: { origin: "app" } },
      articleCodes: { none: { origin: "app" } },
      assignments: { none: { origin: "app" } },
      history: { none: {} },
    },
  });
  return ids;
}

async function syncCodings(
  tx: Tx,
  data: SeedData,
  ids: {
    articleIds: Map<string, number>;
    dimensionIds: Map<string, number>;
    codeIds: Map<string, number>;
    coderIds: Map<string, number>;
  },
) {
  const realArticleIds = [...ids.articleIds.values()];
  const keepPassageIds: number[] = [];
  const keepArticleCodeIds: number[] = [];
  const keepAssignments: { articleId: number; coderId: number }[] = [];
  for (const coding of data.codings) {
    const articleId = ids.articleIds.get(coding.article)!;
    const coderId = ids.coderIds.get(coding.coder)!;
    for (const p of coding.passages) {
      const codeId = ids.codeIds.get(`${p.dimension}.${p.code}`)!;
      const row = await tx.passageCode.upsert({
        where: {
          articleId_codeId_coderId_start_end: {
            articleId,
            codeId,
            coderId,
            start: p.start,
            end: p.end,
          },
        },
        create: {
          articleId,
          codeId,
          coderId,
          start: p.start,
          end: p.end,
          quote: p.quote,
          note: p.note ?? null,
          voice: p.voice,
          origin: "seed",
        },
        update: { quote: p.quote, note: p.note ?? null, voice: p.voice },
      });
      keepPassageIds.push(row.id);
    }
    for (const [dim, ac] of Object.entries(coding.article_codes)) {
      const dimensionId = ids.dimensionIds.get(dim)!;
      const codeId = ids.codeIds.get(`${dim}.${ac.code}`)!;
      const row = await tx.articleCode.upsert({
        where: { articleId_dimensionId_coderId: { articleId, dimensionId, coderId } },
        create: { articleId, dimensionId, codeId, coderId, note: ac.note ?? null, origin: "seed" },
        update: { codeId, note: ac.note ?? null },
      });
      keepArticleCodeIds.push(row.id);
    }
    // A complete seed coding is done: the coder's assignment says so (and keeps it public). A
    // partial one is still in progress, so the article's codings stay private until it is done.
    // A done assignment keeps the time it was first done.
    await tx.assignment.upsert({
      where: { articleId_coderId: { articleId, coderId } },
      create: {
        articleId,
        coderId,
        doneAt: coding.partial ? null : new Date(),
        origin: "seed",
      },
      update: coding.partial ? { doneAt: null } : {},
    });
    if (!coding.partial)
      await tx.assignment.updateMany({
        where: { articleId, coderId, doneAt: null, origin: "seed" },
        data: { doneAt: new Date() },
      });
    keepAssignments.push({ articleId, coderId });
  }
  await tx.passageCode.deleteMany({
    where: { origin: "seed", articleId: { in: realArticleIds }, id: { notIn: keepPassageIds } },
  });
  await tx.articleCode.deleteMany({
    where: { origin: "seed", articleId: { in: realArticleIds }, id: { notIn: keepArticleCodeIds } },
  });
  await tx.assignment.deleteMany({
    where: {
      origin: "seed",
      articleId: { in: realArticleIds },
      NOT: { OR: keepAssignments.length ? keepAssignments : [{ articleId: -1 }] },
    },
  });
  // An article is public when nobody assigned to it is still coding.
  await tx.$executeRaw`
    UPDATE article a SET codings_public = NOT EXISTS (
      SELECT 1 FROM assignment s WHERE s.article_id = a.id AND s.done_at IS NULL)
    WHERE a.origin = 'seed' AND NOT a.synthetic`;
  // Codes and dimensions that left the codebook go once nothing refers to them.
  const codeIds = [...ids.codeIds.values()];
  await tx.code.deleteMany({
    where: { id: { notIn: codeIds }, passageCodes: { none: {} }, articleCodes: { none: {} } },
  });
  await tx.dimension.deleteMany({
    where: { id: { notIn: [...ids.dimensionIds.values()] }, codes: { none: {} } },
  });
}

async function syncEvents(tx: Tx, data: SeedData, articleIds: Map<string, number>) {
  for (const e of data.events) {
    const fields = {
      date: isoDateToUtc(e.date),
      label: e.label,
      description: e.description ?? null,
      preset: e.preset,
    };
    const event = await tx.event.upsert({
      where: { key: e.key },
      create: { key: e.key, ...fields },
      update: fields,
    });
    const wanted = e.articles.map((ref) => ({
      articleId: articleIds.get(ref.slug)!,
      quote: ref.quote ?? null,
    }));
    await tx.eventArticle.deleteMany({
      where: { eventId: event.id, articleId: { notIn: wanted.map((w) => w.articleId) } },
    });
    for (const w of wanted) {
      await tx.eventArticle.upsert({
        where: { eventId_articleId: { eventId: event.id, articleId: w.articleId } },
        create: { eventId: event.id, ...w },
        update: { quote: w.quote },
      });
    }
  }
  await tx.event.deleteMany({ where: { key: { notIn: data.events.map((e) => e.key) } } });
}
