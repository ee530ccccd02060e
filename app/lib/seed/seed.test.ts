import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../db/client";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, tableChecksums } from "../../../scripts/lib/testing/database";
import { loadSeeds, SeedError, type SeedProblem } from "./load";
import type { SeedSummary } from "./write";
import { writeSeeds } from "./write";

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const quiet = () => {};

let url: string;
let firstRun: SeedSummary;
const tempDirs: string[] = [];

beforeAll(async () => {
  url = await recreateDatabase("t_seed");
  firstRun = await prepareDatabase(url, { seedsDir: SEEDS, log: quiet });
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of seeds/ named seeds-copy, so problems are reported as "seeds-copy/…". */
function copySeeds(): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "framescope-seed-test-"));
  tempDirs.push(tmp);
  const dir = path.join(tmp, "seeds-copy");
  cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of the copy as text; fails the test if the edit changed nothing. */
function editText(dir: string, rel: string, fn: (text: string) => string): void {
  const file = path.join(dir, rel);
  const before = readFileSync(file, "utf8");
  const after = fn(before);
  expect(after, `the edit of ${rel} must change it`).not.toBe(before);
  writeFileSync(file, after);
}

/** Rewrites one YAML file of the copy as data (parse, change, stringify). */
function editYaml(dir: string, rel: string, fn: (data: any) => void): void {
  editText(dir, rel, (text) => {
    const data = parseYaml(text);
    fn(data);
    return stringifyYaml(data);
  });
}

function passageCountInSeeds(): number {
  const dir = path.join(SEEDS, "codings");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .reduce((n, f) => n + parseYaml(readFileSync(path.join(dir, f), "utf8")).passages.length, 0);
}

async function rowCounts(): Promise<Record<string, number>> {
  const db = createPrismaClient(url);
  try {
    return {
      outlets: await db.outlet.count(),
      articles: await db.article.count(),
      events: await db.event.count(),
      passageCodes: await db.passageCode.count(),
      articleCodes: await db.articleCode.count(),
      coders: await db.coder.count(),
    };
  } finally {
    await db.$disconnect();
  }
}

describe("loading seeds/ into a fresh database", () => {
  it("writes 3 outlets, 5 articles, 9 events and every passage code of seeds/codings", async () => {
    const passages = passageCountInSeeds();
    expect(passages).toBeGreaterThan(0);
    expect(firstRun).toEqual({
      outlets: 3,
      articles: 5,
      events: 9,
      passageCodes: passages,
      articleCodes: 10,
      skipped: false,
    });
    expect(await rowCounts()).toEqual({
      outlets: 3,
      articles: 5,
      events: 9,
      passageCodes: passages,
      articleCodes: 10,
      coders: 1,
    });
  });

  it("stores the article slugs and outlets named in seeds/articles", async () => {
    const db = createPrismaClient(url);
    try {
      const rows = await db.article.findMany({
        select: { slug: true, outlet: { select: { slug: true } } },
        orderBy: { slug: "asc" },
      });
      expect(rows.map((r) => `${r.outlet.slug}/${r.slug}`)).toEqual([
        "campus-journal/campus-journal-diplomacy-faltering",
        "hankyoreh/hankyoreh-dangerous-game",
        "hankyoreh/hankyoreh-tact-and-diplomacy",
        "joongang-daily/joongang-manage-korea-russia-relations",
        "joongang-daily/joongang-putin-wrong-signal",
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("loading the same seeds again", () => {
  it("a second prepareDatabase run is skipped and changes no row", async () => {
    const before = await tableChecksums(url);
    const messages: string[] = [];
    const summary = await prepareDatabase(url, { seedsDir: SEEDS, log: (m) => messages.push(m) });
    expect(summary.skipped).toBe(true);
    expect(summary.articles).toBe(5);
    expect(messages).toContain("migrations: up to date");
    expect(messages.some((m) => m.startsWith("seeds: unchanged (5 articles,"))).toBe(true);
    expect(await tableChecksums(url)).toEqual(before);
  });

  it("a forced writeSeeds rewrites in place: every table but seed_state is unchanged and ids stay stable", async () => {
    const data = loadSeeds(SEEDS);
    const db = createPrismaClient(url);
    try {
      const idsBefore = await db.article.findMany({
        select: { id: true, slug: true },
        orderBy: { slug: "asc" },
      });
      const passageIdsBefore = await db.passageCode.findMany({
        select: { id: true },
        orderBy: { id: "asc" },
      });
      const before = await tableChecksums(url);

      const summary = await writeSeeds(db, data, { force: true });
      expect(summary.skipped).toBe(false);

      const after = await tableChecksums(url);
      const { seed_state: _s1, ...restBefore } = before;
      const { seed_state: _s2, ...restAfter } = after;
      expect(restAfter).toEqual(restBefore);
      expect(
        await db.article.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } }),
      ).toEqual(idsBefore);
      expect(
        await db.passageCode.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
      ).toEqual(passageIdsBefore);
      expect((await db.seedState.findUniqueOrThrow({ where: { id: 1 } })).hash).toBe(data.hash);
    } finally {
      await db.$disconnect();
    }
  });

  it("an unmodified copy of seeds/ in another folder loads and hashes the same, so it is skipped", async () => {
    const dir = copySeeds();
    expect(loadSeeds(dir).hash).toBe(loadSeeds(SEEDS).hash);
    const before = await tableChecksums(url);
    const summary = await prepareDatabase(url, { seedsDir: dir, log: quiet });
    expect(summary.skipped).toBe(true);
    expect(await tableChecksums(url)).toEqual(before);
  });
});

interface Defect {
  name: string;
  breakIt: (dir: string) => void;
  /** Path relative to the copy's parent, as the SeedError reports it. */
  file: string;
  item: string;
  reason: RegExp;
}

const CODING = "codings/hankyoreh-dangerous-game.yaml";
const PUTIN = "articles/joongang-putin-wrong-signal.yaml";

const defects: Defect[] = [
  {
    name: "an article names an unknown outlet",
    breakIt: (dir) =>
      editYaml(dir, "articles/hankyoreh-dangerous-game.yaml", (a) => (a.outlet = "nowhere-times")),
    file: "seeds-copy/articles/hankyoreh-dangerous-game.yaml",
    item: "hankyoreh-dangerous-game",
    reason: /^unknown outlet "nowhere-times"$/,
  },
  {
    name: "a passage uses an unknown code key",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.passages[0].code = "bloc_rivalri")),
    file: `seeds-copy/${CODING}`,
    item: "passages[0] (ties.bloc_rivalri)",
    reason: /^unknown code "bloc_rivalri" in dimension ties$/,
  },
  {
    name: "a passage gives an unknown voice",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.passages[2].voice = "editorial")),
    file: `seeds-copy/${CODING}`,
    item: "passages[2].voice",
    reason: /^must be own, reported or unclear$/,
  },
  {
    name: "a passage states no voice",
    breakIt: (dir) => editYaml(dir, CODING, (c) => delete c.passages[2].voice),
    file: `seeds-copy/${CODING}`,
    item: "passages[2].voice",
    reason: /^must be own, reported or unclear$/,
  },
  {
    name: "an article code uses an unknown code key",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.article_codes.weapons.code = "opposed")),
    file: `seeds-copy/${CODING}`,
    item: "article_codes.weapons",
    reason: /^unknown code "opposed"$/,
  },
  {
    name: "a passage uses an unknown dimension",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.passages[1].dimension = "frames")),
    file: `seeds-copy/${CODING}`,
    item: "passages[1] (frames.conflict)",
    reason: /^unknown dimension "frames"$/,
  },
  {
    name: "a quote is not body.slice(start, end) (start shifted by 1)",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.passages[0].start += 1)),
    file: `seeds-copy/${CODING}`,
    item: "passages[0] (ties.bloc_rivalry)",
    reason:
      /^quote is not the body text at 1–155 \(it occurs at 0–155; run npm run codings:locate\)$/,
  },
  {
    name: "a passage ends past the end of the body",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.passages[0].end = 999_999)),
    file: `seeds-copy/${CODING}`,
    item: "passages[0] (ties.bloc_rivalry)",
    reason: /^end 999999 is past the end of the body \(\d+ characters\)$/,
  },
  {
    name: "an article coding has no weapons code",
    breakIt: (dir) => editYaml(dir, CODING, (c) => delete c.article_codes.weapons),
    file: `seeds-copy/${CODING}`,
    item: "article_codes.weapons",
    reason: /^missing: every article needs exactly one weapons code$/,
  },
  {
    name: "an article coding has no tone_gov code",
    breakIt: (dir) =>
      editYaml(
        dir,
        "codings/joongang-putin-wrong-signal.yaml",
        (c) => delete c.article_codes.tone_gov,
      ),
    file: "seeds-copy/codings/joongang-putin-wrong-signal.yaml",
    item: "article_codes.tone_gov",
    reason: /^missing: every article needs exactly one tone_gov code$/,
  },
  {
    name: "a coding names an unknown coder",
    breakIt: (dir) => editYaml(dir, CODING, (c) => (c.coder = "FS-9")),
    file: `seeds-copy/${CODING}`,
    item: "hankyoreh-dangerous-game by FS-9",
    reason: /^unknown coder "FS-9"$/,
  },
  {
    name: "a publication date that does not exist (2024-02-30)",
    breakIt: (dir) => editYaml(dir, PUTIN, (a) => (a.published.date = "2024-02-30")),
    file: `seeds-copy/${PUTIN}`,
    item: "published.date",
    reason: /^must be a real date written YYYY-MM-DD$/,
  },
  {
    name: "a publication date in the future (2999-01-01)",
    breakIt: (dir) => editYaml(dir, PUTIN, (a) => (a.published.date = "2999-01-01")),
    file: `seeds-copy/${PUTIN}`,
    item: "joongang-putin-wrong-signal",
    reason: /^publication date 2999-01-01 is in the future$/,
  },
  {
    name: "an event date in the future",
    breakIt: (dir) => editYaml(dir, "events.yaml", (events) => (events[0].date = "2999-01-01")),
    file: "seeds-copy/events.yaml",
    item: "ukraine-invasion",
    reason: /^date 2999-01-01 is in the future$/,
  },
  {
    name: "an event names an unknown article slug",
    breakIt: (dir) =>
      editYaml(dir, "events.yaml", (events) => (events[1].articles[0].slug = "no-such-article")),
    file: "seeds-copy/events.yaml",
    item: "camp-david-summit",
    reason: /^unknown article "no-such-article"$/,
  },
  {
    name: "an event quote that its article does not contain",
    breakIt: (dir) =>
      editYaml(dir, "events.yaml", (events) => (events[1].articles[0].quote = "Nobody said this.")),
    file: "seeds-copy/events.yaml",
    item: "camp-david-summit",
    reason: /^the quote for hankyoreh-dangerous-game does not occur in its body$/,
  },
  {
    name: "two article files with the same slug",
    breakIt: (dir) =>
      cpSync(
        path.join(dir, "articles/hankyoreh-dangerous-game.yaml"),
        path.join(dir, "articles/zz-duplicate.yaml"),
      ),
    file: "seeds-copy/articles/zz-duplicate.yaml",
    item: "hankyoreh-dangerous-game",
    reason: /^duplicate article slug \(also in hankyoreh-dangerous-game\.yaml\)$/,
  },
  {
    name: "a coding file cut in half inside a quoted string",
    breakIt: (dir) =>
      editText(dir, "codings/joongang-putin-wrong-signal.yaml", (text) => {
        const cut = text.indexOf('quote: "', Math.floor(text.length / 2));
        expect(cut).toBeGreaterThan(0);
        return text.slice(0, cut + 'quote: "'.length + 12);
      }),
    file: "seeds-copy/codings/joongang-putin-wrong-signal.yaml",
    item: "(file)",
    reason: /^is not valid YAML: Missing closing "quote/,
  },
  {
    name: "the codebook cut in half inside a flow mapping",
    breakIt: (dir) =>
      editText(dir, "codebook.yaml", (text) => {
        const cut = text.indexOf("{ key: somewhat_critical");
        expect(cut).toBeGreaterThan(0);
        return text.slice(0, cut + 30);
      }),
    file: "seeds-copy/codebook.yaml",
    item: "(file)",
    reason: /^is not valid YAML: \S/,
  },
  {
    name: "an unknown key in an outlet (colour_typo)",
    breakIt: (dir) =>
      editYaml(dir, "outlets.yaml", (outlets) => (outlets[0].colour_typo = "#123456")),
    file: "seeds-copy/outlets.yaml",
    item: "[0]",
    reason: /^Unrecognized key: "colour_typo"$/,
  },
  {
    name: "a YAML file that is not UTF-8 (Latin-1 bytes 0xC0 0xC1)",
    breakIt: (dir) => {
      const file = path.join(dir, "coders.yaml");
      const raw = readFileSync(file);
      const at = raw.indexOf("Framescope coder 1");
      expect(at).toBeGreaterThan(0);
      writeFileSync(
        file,
        Buffer.concat([raw.subarray(0, at), Buffer.from([0xc0, 0xc1]), raw.subarray(at)]),
      );
    },
    file: "seeds-copy/coders.yaml",
    item: "(file)",
    reason: /^is not valid UTF-8 text$/,
  },
  {
    name: "a source page file is missing",
    breakIt: (dir) => unlinkSync(path.join(dir, "sources/002_ff89b67d0ddd26fc.txt")),
    file: `seeds-copy/${PUTIN}`,
    item: "joongang-putin-wrong-signal",
    reason: /^source page sources\/002_ff89b67d0ddd26fc\.txt does not exist$/,
  },
  {
    name: "an exact date on an article whose page states no date",
    breakIt: (dir) => editYaml(dir, PUTIN, (a) => (a.published.precision = "exact")),
    file: `seeds-copy/${PUTIN}`,
    item: "joongang-putin-wrong-signal",
    reason:
      /^the date is marked exact but the page states none: mark it inferred and give the reason$/,
  },
  {
    name: "a date that contradicts the date the page states",
    breakIt: (dir) =>
      editYaml(
        dir,
        "articles/hankyoreh-tact-and-diplomacy.yaml",
        (a) => (a.published.date = "2024-06-15"),
      ),
    file: "seeds-copy/articles/hankyoreh-tact-and-diplomacy.yaml",
    item: "hankyoreh-tact-and-diplomacy",
    reason: /^the page states 2024-06-14 but the metadata says 2024-06-15$/,
  },
];

describe("a defect in the seeds stops the load, names the file and item, and writes nothing", () => {
  it.each(defects.map((d) => [d.name, d] as const))("%s", async (_name, d) => {
    const dir = copySeeds();
    d.breakIt(dir);
    const before = await tableChecksums(url);

    // loadSeeds on its own reports the problem…
    let loadError: unknown;
    try {
      loadSeeds(dir);
    } catch (err) {
      loadError = err;
    }
    expect(loadError).toBeInstanceOf(SeedError);

    // …and so does prepareDatabase on an already-seeded database, which it leaves as it was.
    const error = await prepareDatabase(url, { seedsDir: dir, log: quiet }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(SeedError);
    const seedError = error as SeedError;
    const problems: SeedProblem[] = seedError.problems;
    const match = problems.find(
      (p) => p.file === d.file && p.item === d.item && d.reason.test(p.reason),
    );
    expect(
      match,
      `expected a problem ${d.file}: ${d.item}: ${d.reason}; got\n${seedError.message}`,
    ).toBeDefined();
    // The message carries the same problem as a line `file: item: reason`.
    expect(seedError.message.split("\n")).toContain(
      `${match!.file}: ${match!.item}: ${match!.reason}`,
    );
    expect((loadError as SeedError).message).toBe(seedError.message);

    expect(await tableChecksums(url)).toEqual(before);
  });

  it("the database still holds the original corpus after all the failed attempts", async () => {
    expect(await rowCounts()).toEqual({
      outlets: 3,
      articles: 5,
      events: 9,
      passageCodes: passageCountInSeeds(),
      articleCodes: 10,
      coders: 1,
    });
  });
});
