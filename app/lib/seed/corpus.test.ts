import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CoderKind,
  DatePrecision,
  DimensionScope,
  Genre,
  PassageVoice,
  Prisma,
  RowOrigin,
  StanceSide,
} from "../../generated/prisma/client";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { utcToIsoDate } from "../dates";
import { ingestPage } from "../ingest/ingest";
import { recreateDatabase } from "../../../scripts/lib/testing/database";

/** The real corpus in seeds/, loaded into a database of its own, checked as a reader would. */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));

let db: PrismaClient;

beforeAll(async () => {
  const url = await recreateDatabase("t_corpus");
  await prepareDatabase(url, { seedsDir: SEEDS, log: () => {} });
  db = createPrismaClient(url);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("passage codes quote the stored body exactly", () => {
  it("in SQL: quote = substring(body from start+1 for end-start) for every passage code", async () => {
    const [{ total }] = await db.$queryRaw<
      { total: bigint }[]
    >`SELECT count(*) AS total FROM passage_code`;
    expect(Number(total)).toBeGreaterThan(100);
    const mismatches = await db.$queryRaw<
      { id: number; slug: string; start: number; end: number }[]
    >`
      SELECT pc.id, a.slug, pc.start, pc."end"
      FROM passage_code pc JOIN article a ON a.id = pc.article_id
      WHERE pc.quote IS DISTINCT FROM substring(a.body FROM pc.start + 1 FOR pc."end" - pc.start)`;
    expect(mismatches).toEqual([]);
  });

  it("in JS: quote === body.slice(start, end) for every passage code", async () => {
    const rows = await db.passageCode.findMany({
      select: {
        id: true,
        start: true,
        end: true,
        quote: true,
        article: { select: { slug: true, body: true } },
      },
    });
    expect(rows.length).toBeGreaterThan(100);
    const bad = rows
      .filter((r) => r.article.body.slice(r.start, r.end) !== r.quote)
      .map((r) => `${r.article.slug}@${r.start}-${r.end}`);
    expect(bad).toEqual([]);
    for (const r of rows) {
      expect(r.start).toBeGreaterThanOrEqual(0);
      expect(r.end).toBeGreaterThan(r.start);
    }
  });
});

describe("whose voice each passage states", () => {
  it("all 137 seed passages have a voice: 98 own, 35 reported, 4 unclear", async () => {
    const rows = await db.passageCode.groupBy({ by: ["voice"], _count: { _all: true } });
    const counts = Object.fromEntries(rows.map((r) => [r.voice, r._count._all]));
    expect(counts).toEqual({ own: 98, reported: 35, unclear: 4 });
  });

  it("the opposition lawmaker that closes the Hankyoreh analysis is reported, not its own voice", async () => {
    const lawmaker = await db.passageCode.findMany({
      where: {
        article: { slug: "hankyoreh-dangerous-game" },
        quote: { startsWith: "The Yoon administration has neglected relations with Russia" },
      },
      select: { voice: true },
    });
    expect(lawmaker.length).toBeGreaterThan(0);
    expect(lawmaker.every((p) => p.voice === "reported")).toBe(true);
  });
});

describe("article-level codes", () => {
  it.each(["weapons", "tone_gov"])(
    "every article has exactly one %s code from coder FS-1",
    async (dimension) => {
      const articles = await db.article.findMany({
        select: {
          slug: true,
          articleCodes: {
            where: { dimension: { key: dimension }, coder: { key: "FS-1" } },
            select: { code: { select: { key: true } } },
          },
        },
        orderBy: { slug: "asc" },
      });
      expect(articles).toHaveLength(5);
      for (const a of articles) expect(a.articleCodes, a.slug).toHaveLength(1);
    },
  );

  it("article codes exist only for the two article-scope dimensions", async () => {
    const rows = await db.articleCode.findMany({
      select: { dimension: { select: { key: true, scope: true } } },
    });
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.dimension.key))).toEqual(new Set(["weapons", "tone_gov"]));
    expect(rows.every((r) => r.dimension.scope === "article")).toBe(true);
  });
});

describe("article text is clean", () => {
  const CHROME = ["Related stories", "Copyright", "button that move", "Most viewed", "Log in to"];

  it("no body or headline has mojibake, U+FFFD or site chrome", async () => {
    const articles = await db.article.findMany({
      select: { slug: true, headline: true, body: true },
    });
    expect(articles).toHaveLength(5);
    for (const a of articles) {
      for (const [field, text] of [
        ["headline", a.headline],
        ["body", a.body],
      ] as const) {
        const where = `${a.slug} ${field}`;
        expect(text.length, where).toBeGreaterThan(0);
        expect(text.match(/[\u0080-\u00FF]{2,}/g), `${where}: Latin-1 runs (mojibake)`).toBeNull();
        expect(text.includes("\uFFFD"), `${where}: U+FFFD`).toBe(false);
        for (const chrome of CHROME)
          expect(text.toLowerCase().includes(chrome.toLowerCase()), `${where}: "${chrome}"`).toBe(
            false,
          );
      }
    }
  });
});

describe("publication dates", () => {
  it("every inferred date carries a non-empty reason", async () => {
    const inferred = await db.article.findMany({
      where: { datePrecision: "inferred" },
      select: { slug: true, dateReason: true },
    });
    expect(inferred.map((a) => a.slug).sort()).toEqual([
      "campus-journal-diplomacy-faltering",
      "joongang-manage-korea-russia-relations",
      "joongang-putin-wrong-signal",
    ]);
    for (const a of inferred) expect(a.dateReason?.trim().length ?? 0, a.slug).toBeGreaterThan(20);
  });

  it("exact dates are those of the pages that state one (000 and 003), and match the stated date", async () => {
    const articles = await db.article.findMany({
      select: { slug: true, sourceFile: true, datePrecision: true, publishedAt: true },
      orderBy: { sourceFile: "asc" },
    });
    const exact = articles
      .filter((a) => a.datePrecision === "exact")
      .map((a) => a.sourceFile.slice(0, 3));
    expect(exact).toEqual(["000", "003"]);
    for (const a of articles) {
      const page = ingestPage(readFileSync(`${SEEDS}/sources/${a.sourceFile}`));
      expect(page.publishedAt !== null, `${a.slug}: page states a date`).toBe(
        a.datePrecision === "exact",
      );
      if (page.publishedAt !== null)
        expect(utcToIsoDate(a.publishedAt), a.slug).toBe(page.publishedAt);
    }
  });
});

describe("events", () => {
  it("every event links at least one article and each stored quote occurs in that article's body", async () => {
    const events = await db.event.findMany({
      include: { articles: { include: { article: { select: { slug: true, body: true } } } } },
      orderBy: { date: "asc" },
    });
    expect(events).toHaveLength(9);
    for (const e of events) {
      expect(e.articles.length, e.key).toBeGreaterThanOrEqual(1);
      for (const ea of e.articles) {
        expect(ea.quote, `${e.key} / ${ea.article.slug}`).not.toBeNull();
        expect(
          ea.article.body.includes(ea.quote!),
          `${e.key}: quote not in ${ea.article.slug}`,
        ).toBe(true);
      }
    }
  });
});

describe("the codebook in the database", () => {
  const DESIGN: Record<string, string[]> = {
    ties: [
      "security_threat",
      "transactional",
      "bloc_rivalry",
      "seoul_policy_consequence",
      "sanctions_erosion",
      "limited_significance",
    ],
    weapons: ["oppose", "conditional", "support", "reported_only", "not_addressed"],
    remedy: [
      "balanced_diplomacy",
      "deterrence_alliance",
      "pressure_on_moscow",
      "china_leverage",
      "multilateral_pressure",
    ],
    blame: ["russia", "north_korea", "seoul_government", "us_west"],
    tone_gov: ["critical", "somewhat_critical", "neutral", "somewhat_supportive", "supportive"],
    generic: ["conflict", "responsibility", "economic", "human_interest", "morality"],
  };

  it("has exactly the dimensions and code keys of the design, in order", async () => {
    const dims = await db.dimension.findMany({
      orderBy: { order: "asc" },
      include: { codes: { orderBy: { order: "asc" } } },
    });
    expect(Object.fromEntries(dims.map((d) => [d.key, d.codes.map((c) => c.key)]))).toEqual(DESIGN);
    expect(dims.map((d) => d.key)).toEqual(Object.keys(DESIGN));
    const allCodes = dims.flatMap((d) => d.codes.map((c) => c.key));
    expect(allCodes).not.toContain("sanction_erosion");
  });

  it("weapons and tone_gov are judged per article, the rest on passages; tone_gov runs -2..2", async () => {
    const dims = await db.dimension.findMany({
      orderBy: { order: "asc" },
      include: { codes: { orderBy: { order: "asc" } } },
    });
    expect(Object.fromEntries(dims.map((d) => [d.key, d.scope]))).toEqual({
      ties: "passage",
      weapons: "article",
      remedy: "passage",
      blame: "passage",
      tone_gov: "article",
      generic: "passage",
    });
    const tone = dims.find((d) => d.key === "tone_gov")!;
    expect(tone.ordinal).toBe(true);
    expect(tone.codes.map((c) => [c.key, c.value])).toEqual([
      ["critical", -2],
      ["somewhat_critical", -1],
      ["neutral", 0],
      ["somewhat_supportive", 1],
      ["supportive", 2],
    ]);
    for (const d of dims.filter((x) => x.key !== "tone_gov")) {
      expect(d.ordinal, d.key).toBe(false);
      expect(
        d.codes.map((c) => c.value),
        d.key,
      ).toEqual(d.codes.map(() => null));
    }
  });

  it("every code has a #RRGGBB colour, a label and a definition", async () => {
    const codes = await db.code.findMany({ include: { dimension: { select: { key: true } } } });
    expect(codes).toHaveLength(30);
    for (const c of codes) {
      const where = `${c.dimension.key}.${c.key}`;
      expect(c.colour, where).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(c.label.trim(), where).not.toBe("");
      expect(c.definition.trim(), where).not.toBe("");
    }
  });
});

describe("schema.prisma and the migration SQL agree", () => {
  it("every model can be read (and SavedView written) through the generated client", async () => {
    const exercised: string[] = [];
    const read = async (model: string, fn: () => Promise<unknown>) => {
      const row = await fn();
      expect(row, model).toBeTruthy();
      exercised.push(model);
    };

    const id = "test-view-corpus";
    const created = await db.savedView.create({
      data: { id, title: "Hankyoreh only", query: "?outlets=hankyoreh" },
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const view = await db.savedView.findUniqueOrThrow({ where: { id } });
    expect(view).toEqual(created);
    await db.savedView.delete({ where: { id } });
    exercised.push("SavedView");

    await read("Outlet", () => db.outlet.findFirstOrThrow({ include: { articles: { take: 1 } } }));
    await read("Article", () =>
      db.article.findFirstOrThrow({
        include: {
          outlet: true,
          passageCodes: { take: 1 },
          articleCodes: { take: 1 },
          events: { take: 1 },
        },
      }),
    );
    await read("Dimension", () =>
      db.dimension.findFirstOrThrow({ include: { codes: { take: 1 }, articleCodes: { take: 1 } } }),
    );
    await read("Code", () =>
      db.code.findFirstOrThrow({
        include: { dimension: true, passageCodes: { take: 1 }, articleCodes: { take: 1 } },
      }),
    );
    await read("Coder", () =>
      db.coder.findFirstOrThrow({
        include: { passageCodes: { take: 1 }, articleCodes: { take: 1 } },
      }),
    );
    await read("PassageCode", () =>
      db.passageCode.findFirstOrThrow({
        include: { article: { select: { id: true } }, code: true, coder: true },
      }),
    );
    await read("ArticleCode", () =>
      db.articleCode.findFirstOrThrow({
        include: { article: { select: { id: true } }, dimension: true, code: true, coder: true },
      }),
    );
    await read("Event", () => db.event.findFirstOrThrow({ include: { articles: { take: 1 } } }));
    await read("EventArticle", () =>
      db.eventArticle.findFirstOrThrow({
        include: { event: true, article: { select: { id: true } } },
      }),
    );
    await read("SeedState", () => db.seedState.findUniqueOrThrow({ where: { id: 1 } }));
    await read("FrameRollupDay", () => db.frameRollupDay.findFirstOrThrow());
    await read("FrameRollupMonth", () => db.frameRollupMonth.findFirstOrThrow());
    await read("ArticleRollupDay", () => db.articleRollupDay.findFirstOrThrow());
    await read("ArticleRollupMonth", () => db.articleRollupMonth.findFirstOrThrow());
    await read("CoderArticleRollupDay", () => db.coderArticleRollupDay.findFirstOrThrow());
    await read("CoderArticleRollupMonth", () => db.coderArticleRollupMonth.findFirstOrThrow());
    await read("Assignment", () =>
      db.assignment.findFirstOrThrow({
        include: { article: { select: { id: true } }, coder: true },
      }),
    );

    // Accounts and coding history: written through the client in a transaction that is rolled
    // back, so every column of the hand-written SQL meets the model.
    const rollback = new Error("rollback");
    await db
      .$transaction(async (tx) => {
        const coder = await tx.coder.findFirstOrThrow();
        const article = await tx.article.findFirstOrThrow();
        const user = await tx.user.create({
          data: {
            id: "u-drift",
            name: "Drift",
            email: "drift@example.org",
            role: "admin",
            coderId: coder.id,
          },
        });
        await tx.session.create({
          data: {
            id: "s-drift",
            token: "t-drift",
            userId: user.id,
            expiresAt: new Date(Date.now() + 60_000),
          },
        });
        await tx.account.create({
          data: {
            id: "a-drift",
            accountId: user.id,
            providerId: "credential",
            userId: user.id,
            password: "x",
          },
        });
        await tx.verification.create({
          data: { id: "v-drift", identifier: "drift", value: "x", expiresAt: new Date() },
        });
        await tx.apiToken.create({
          data: { userId: user.id, name: "drift", tokenHash: "h-drift", prefix: "fst_" },
        });
        await tx.invitation.create({
          data: {
            tokenHash: "i-drift",
            email: "x@example.org",
            role: "coder",
            createdBy: user.id,
            expiresAt: new Date(),
          },
        });
        await tx.codingHistory.create({
          data: {
            userId: user.id,
            coderId: coder.id,
            articleId: article.id,
            action: "done",
            version: 1,
            after: { done: true },
          },
        });
        const read2 = (model: string, fn: () => Promise<unknown>) => read(model, fn);
        await read2("User", () =>
          tx.user.findFirstOrThrow({
            include: {
              coder: true,
              sessions: true,
              accounts: true,
              tokens: true,
              invitations: true,
              assignments: true,
              history: true,
              settings: true,
            },
          }),
        );
        await read2("Session", () => tx.session.findFirstOrThrow({ include: { user: true } }));
        await read2("Account", () => tx.account.findFirstOrThrow({ include: { user: true } }));
        await read2("Verification", () => tx.verification.findFirstOrThrow());
        await read2("ApiToken", () => tx.apiToken.findFirstOrThrow({ include: { user: true } }));
        await read2("Invitation", () =>
          tx.invitation.findFirstOrThrow({ include: { creator: true } }),
        );
        await tx.appSetting.create({
          data: { key: "drift", value: { coder: "FS-1" }, updatedBy: user.id },
        });
        await read2("AppSetting", () =>
          tx.appSetting.findFirstOrThrow({ include: { updater: true } }),
        );
        await read2("DataVersion", () => tx.dataVersion.findFirstOrThrow());
        const second = await tx.coder.create({
          data: { key: "drift-b", name: "Drift B", kind: "person" },
        });
        const passage = await tx.passageCode.findFirstOrThrow();
        const adjudication = await tx.adjudication.create({
          data: {
            articleId: passage.articleId,
            coderA: coder.id,
            coderB: second.id,
            startedBy: user.id,
            decisions: {
              create: {
                itemKey: "weapons",
                dimensionId: (await tx.code.findUniqueOrThrow({ where: { id: passage.codeId } }))
                  .dimensionId,
                choice: "own",
                codeId: passage.codeId,
                start: passage.start,
                end: passage.end,
                voice: "own",
                reason: "drift",
                decidedBy: user.id,
              },
            },
          },
          include: { decisions: true },
        });
        const decisionId = adjudication.decisions[0].id;
        await tx.passageCode.update({ where: { id: passage.id }, data: { decisionId } });
        await tx.articleCode.updateMany({
          where: { articleId: passage.articleId },
          data: { decisionId },
        });
        await read2("Adjudication", () =>
          tx.adjudication.findFirstOrThrow({
            include: { article: { select: { id: true } }, a: true, b: true, starter: true },
          }),
        );
        await read2("AdjudicationDecision", () =>
          tx.adjudicationDecision.findFirstOrThrow({
            include: {
              adjudication: true,
              dimension: true,
              code: true,
              decider: true,
              passageCodes: { take: 1 },
              articleCodes: { take: 1 },
            },
          }),
        );
        await read2("CodingHistory", () =>
          tx.codingHistory.findFirstOrThrow({
            include: { user: true, coder: true, article: { select: { id: true } } },
          }),
        );
        throw rollback;
      })
      .catch((err) => {
        if (err !== rollback) throw err;
      });

    expect(exercised.sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("the database enums have exactly the values of the generated client", async () => {
    const enums = await db.$queryRaw<{ name: string; values: string[] }[]>`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      GROUP BY t.typname ORDER BY t.typname`;
    expect(Object.fromEntries(enums.map((e) => [e.name, e.values]))).toEqual({
      CoderKind: Object.values(CoderKind),
      DatePrecision: Object.values(DatePrecision),
      DimensionScope: Object.values(DimensionScope),
      Genre: Object.values(Genre),
      PassageVoice: Object.values(PassageVoice),
      RowOrigin: Object.values(RowOrigin),
      StanceSide: Object.values(StanceSide),
    });
  });

  it("a coder of the kind the corpus lacks (automatic) can be written and read back", async () => {
    const coder = await db.coder.create({
      data: { key: "test-auto", name: "Test classifier", kind: "automatic", version: "0.1" },
    });
    try {
      expect(await db.coder.findUniqueOrThrow({ where: { key: "test-auto" } })).toEqual(coder);
    } finally {
      await db.coder.delete({ where: { id: coder.id } });
    }
  });
});
