import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { contentHash } from "../ingest/ingest";
import { loadSeeds, SeedError } from "./load";

/*
 * The seed format's additions for exported corpora, read by the loader alone (no database): an
 * article given as stored text loads exactly what was stored, an article may have no coding, and
 * a partial coding may lack its article codes.
 */

const SEEDS = fileURLToPath(new URL("../../../seeds", import.meta.url));
const tmp: string[] = [];

afterAll(() => {
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

// What an import could have stored: a BOM, CR, tabs, a line separator, astral characters, blanks.
const BODY = "\uFEFFFirst line  \r\n\tSecond\u2028line 🇰🇷 𠜎\n\n  Last, with a trailing space ";
const TEXT = {
  headline: "  A headline: with # and - marks ",
  headline_label: "Analysis",
  standfirst: "null",
  author_note: null,
  captions: ["Photo (Yonhap)", "", "a\nb"],
};

function seedsWith(article: Record<string, unknown>, source: Buffer | string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stored-text-e-"));
  tmp.push(dir);
  cpSync(SEEDS, dir, { recursive: true });
  writeFileSync(path.join(dir, "articles", "stored-text-article.yaml"), stringify(article));
  writeFileSync(path.join(dir, "sources", "stored-text-article.txt"), source);
  return dir;
}

const article = {
  slug: "stored-text-article",
  source: "stored-text-article.txt",
  original_file: "upload (1).txt",
  outlet: "hankyoreh",
  genre: "news_report",
  language: "en",
  byline: null,
  published: { date: "2024-06-20", precision: "exact", reason: "The page stated it." },
  text: TEXT,
};

function problemsOf(dir: string): string[] {
  try {
    loadSeeds(dir);
  } catch (err) {
    if (err instanceof SeedError) return err.problems.map((p) => `${p.item}: ${p.reason}`);
    throw err;
  }
  return [];
}

describe("an article given as stored text", () => {
  it("loads its source file as the body, verbatim, and the text block as the rest", () => {
    const data = loadSeeds(seedsWith(article, BODY));
    const loaded = data.articles.find((a) => a.slug === "stored-text-article")!;
    expect(loaded.body).toBe(BODY);
    expect(loaded).toMatchObject({
      headline: TEXT.headline,
      headlineLabel: "Analysis",
      standfirst: "null",
      authorNote: null,
      captions: TEXT.captions,
      original_file: "upload (1).txt",
    });
    expect(loaded.contentHash).toBe(
      contentHash({ headline: TEXT.headline, body: BODY, captions: TEXT.captions }),
    );
  });

  it("needs no coding: the loaded corpus has the article and no coding of it", () => {
    const data = loadSeeds(seedsWith(article, BODY));
    expect(data.articles.map((a) => a.slug)).toContain("stored-text-article");
    expect(data.codings.some((c) => c.article === "stored-text-article")).toBe(false);
  });

  it("a source file that is not UTF-8 or is empty stops the load, naming it", () => {
    expect(problemsOf(seedsWith(article, Buffer.from([0x41, 0xc0, 0xc1])))).toContain(
      "stored-text-article: source file sources/stored-text-article.txt is not valid UTF-8 text",
    );
    expect(problemsOf(seedsWith(article, ""))).toContain(
      "stored-text-article: source file sources/stored-text-article.txt is empty",
    );
  });

  it("a text block without a headline or with an unknown key stops the load", () => {
    const { headline: _, ...noHeadline } = TEXT;
    expect(problemsOf(seedsWith({ ...article, text: noHeadline }, BODY))).toContain(
      "text.headline: Invalid input: expected string, received undefined",
    );
    expect(problemsOf(seedsWith({ ...article, text: { ...TEXT, body: "x" } }, BODY))).toContain(
      'text: Unrecognized key: "body"',
    );
  });
});

describe("a coding marked partial", () => {
  const coding = (partial: boolean) => ({
    article: "hankyoreh-dangerous-game",
    coder: "FS-1",
    ...(partial ? { partial: true } : {}),
    article_codes: { weapons: { code: "oppose" } },
    passages: [],
  });
  const withCoding = (partial: boolean) => {
    const dir = seedsWith(article, BODY);
    writeFileSync(
      path.join(dir, "codings", "hankyoreh-dangerous-game.yaml"),
      stringify(coding(partial)),
    );
    return dir;
  };

  it("may lack an article-level code", () => {
    expect(problemsOf(withCoding(true))).toEqual([]);
  });

  it("without the mark, the missing code is still an error", () => {
    expect(problemsOf(withCoding(false))).toContain(
      "article_codes.tone_gov: missing: every article needs exactly one tone_gov code",
    );
  });
});
