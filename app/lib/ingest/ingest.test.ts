import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestPage, MAX_INGEST_BYTES, type IngestedPage } from "./ingest";

const SOURCES = path.resolve(__dirname, "../../../seeds/sources");

function readSource(prefix: string): Buffer {
  const file = fs
    .readdirSync(SOURCES)
    .find((f) => f.startsWith(`${prefix}_`) && f.endsWith(".txt"));
  if (!file) throw new Error(`no source page ${prefix}_*.txt in ${SOURCES}`);
  return fs.readFileSync(path.join(SOURCES, file));
}

/**
 * Every text field of the result (warnings quote dropped garbage on purpose, so they are apart).
 */
function textFields(page: IngestedPage): [string, string][] {
  const fields: [string, string | null][] = [
    ["headline", page.headline],
    ["headlineLabel", page.headlineLabel],
    ["standfirst", page.standfirst],
    ["byline", page.byline],
    ["authorNote", page.authorNote],
    ["publishedAt", page.publishedAt],
    ["body", page.body],
    ...page.captions.map((c, i): [string, string] => [`captions[${i}]`, c]),
  ];
  return fields.filter((f): f is [string, string] => f[1] !== null);
}

const MOJIBAKE_RUN = /[\u0080-\u00FF]{2,}/;

interface PageSpec {
  prefix: string;
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  publishedAt: string | null;
  captions: string[];
  /** Start of the source line holding the first body paragraph. */
  firstLine: string;
  /** What precedes the first paragraph on that line and is not body (an author note). */
  firstLineLead?: string;
  /** Start of the source line holding the last body paragraph. */
  lastLine: string;
  bodyStart: string;
  bodyEnd: string;
  chrome: string[];
  warnings: RegExp[];
}

const PAGES: PageSpec[] = [
  {
    prefix: "000",
    headline: "Seoul must use tact and diplomacy to check deepening Russia-NK ties",
    headlineLabel: "Editorial",
    standfirst:
      "South Korea needs to find a prudent way to manage relations with Russia while also " +
      "showing consideration to its American ally",
    byline: null,
    authorNote: null,
    publishedAt: "2024-06-14",
    captions: [
      "President Vladimir Putin of Russia attends a ceremony honoring heroes of labor at the " +
        "Kremlin in Moscow on June 12, 2024. (EPA/Yonhap)",
    ],
    firstLine: "Russian President Vladimir Putin could pay his first visit",
    lastLine:
      "South Korea needs to find a prudent way to manage relations with Russia while also " +
      "showing consideration to its American ally. Most",
    bodyStart:
      "Russian President Vladimir Putin could pay his first visit to North Korea in 24 years " +
      "as early as next week.",
    bodyEnd: "Most importantly, we must never provide weapons to Ukraine.",
    chrome: [
      "Please direct questions",
      "english@hani.co.kr",
      "button that move",
      "Related stories",
      "Most viewed",
      "Posted on",
      "[Editorial]",
    ],
    warnings: [/no byline/],
  },
  {
    prefix: "001",
    headline: "It’s time to manage Korea-Russia relations",
    headlineLabel: null,
    standfirst: null,
    byline: "Chung Jae-hong",
    authorNote:
      "The author is an international, diplomatic and security news editor of the JoongAng Ilbo.",
    publishedAt: null,
    captions: [
      "Russian President Vladimir Putin, left, and North Korea’s leader Kim Jong-un pose for a " +
        "photo during a signing ceremony of the new partnership in Pyongyang, June 19, 2024. " +
        "[AP/YONHAP]",
    ],
    firstLine: "Chung Jae-hongThe author is",
    firstLineLead:
      "Chung Jae-hongThe author is an international, diplomatic and security news editor of " +
      "the JoongAng Ilbo. ",
    lastLine: "Amid the tense exchange of warnings",
    bodyStart:
      "South Korea and Russia continue exchanging warnings to each other not to cross a red " +
      "line they drew on their own.",
    bodyEnd: "The government must build trust with Russia for future cooperation.",
    chrome: [
      "Copyright",
      "Chung Jae-hong",
      "The author is",
      // The related-headline list under the article.
      "Battery manufacturer apologizes for Hwaseong factory blaze",
      "Son Heung-min's father",
      "digital asylum",
      "Busan's Lotte Giants",
      "Dior-plorable",
      "ADOR tightens security",
      "thermal runaway",
      // Korean font-size widget text.
      "글자크기로",
      "가장 빠른 뉴스",
      "2024-25",
    ],
    warnings: [/no publication date/],
  },
  {
    prefix: "002",
    headline: "Putin must not send the wrong signal to North Korea",
    headlineLabel: null,
    standfirst: null,
    byline: null,
    authorNote: null,
    publishedAt: null,
    captions: [],
    firstLine: "Russian President Vladimir Putin will likely visit North Korea soon.",
    lastLine: "South Korea must devise effective countermeasures",
    bodyStart: "Russian President Vladimir Putin will likely visit North Korea soon.",
    bodyEnd:
      "Next week’s meeting between foreign and defense ministers of South Korea and China can " +
      "provide the venue for such effort.",
    chrome: [
      "Home >",
      "Opinion > Editorials",
      "print dictionary",
      "Putin must not send the wrong signal to North Korea",
      "Log in to Twitter",
      "Korea JoongAng Daily",
      "help-image",
      "lock icon",
      "To write comments",
      "Standards Board Policy",
    ],
    warnings: [/no byline/, /no publication date/],
  },
  {
    prefix: "003",
    headline: "After Putin’s Pyongyang summit, Seoul and Moscow play dangerous game",
    headlineLabel: null,
    standfirst: "All these recent developments make the upcoming NATO summit even more important",
    byline: "Park Min-hee, senior staff writer; Lee Seung-jun, staff reporter",
    authorNote: null,
    publishedAt: "2024-06-24",
    captions: [
      "Russian President Vladimir Putin (left) and North Korean leader Kim Jong-un stand for a " +
        "photo with copies of their newly signed pact establishing a comprehensive strategic " +
        "partnership between their two nations following their summit in Pyongyang, North Korea, " +
        "on June 19, 2024. (TASS/Yonhap)",
    ],
    firstLine: "North Korea and Russia’s signing of an agreement",
    lastLine: "“Now the administration is scrambling",
    bodyStart:
      "North Korea and Russia’s signing of an agreement that essentially restores their Cold " +
      "War alliance has thrown South Korea and Russia into a dangerous game.",
    bodyEnd:
      "This strongman approach is unlikely to work, and will only exacerbate the state of " +
      "South Korea-Russia relations,” he went on.",
    chrome: [
      "By Park Min-hee",
      "Posted on",
      "Modified on",
      "Please direct questions",
      "button that move",
      "클릭시",
      "Related stories",
    ],
    warnings: [],
  },
  {
    prefix: "004",
    headline: "Resumption of North Korea-Russia Diplomacy, Korean Diplomacy Faltering",
    headlineLabel: null,
    standfirst: null,
    byline: "Kim So-ha, cub-reporter",
    authorNote: null,
    publishedAt: null,
    captions: [
      "North Korean leader Kim Jong-un looking at Russian fighter jets during his visit to " +
        "Russia (Source : Yonhap News)",
    ],
    firstLine: "Amid worsening diplomatic relations",
    lastLine: "Amid growing concerns over military cooperation",
    bodyStart:
      "Amid worsening diplomatic relations between South Korea and Russia, North Korea " +
      "announced on the 17th",
    bodyEnd:
      "Attention is focusing on the Yoon administration's future diplomatic moves now that " +
      "major changes are expected in Korea's international situation.",
    chrome: [
      "UPDATE",
      "2024.4.15",
      "HOME",
      "Social & Issue",
      "By Kim So-ha",
      "lucky.river16",
      "The Campus Journal",
      "icon",
      "What Could be Koreans'",
      "Macro Ticket Scalping",
      "Shrinkflation",
      "Guardians of Safety",
      "[Journal+]",
      "Back to Top",
      "상단여백",
      "댓글",
      "여백",
    ],
    warnings: [/UPDATE : 2024\.4\.15.*not a publication date/, /no publication date/],
  },
];

/**
 * The article's paragraphs as they stand in the source: every non-blank line from the first to the
 * last body line, minus captions.
 */
function sourceParagraphs(spec: PageSpec): string[] {
  const lines = readSource(spec.prefix)
    .toString("utf8")
    .split("\n")
    .map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith(spec.firstLine));
  const last = lines.findLastIndex((l) => l.startsWith(spec.lastLine));
  if (first < 0 || last < first)
    throw new Error(`${spec.prefix}: body lines not found in the source`);
  const paragraphs = lines
    .slice(first, last + 1)
    .filter((l) => l && !spec.captions.some((c) => l.endsWith(c)));
  if (spec.firstLineLead) {
    expect(paragraphs[0].startsWith(spec.firstLineLead)).toBe(true);
    paragraphs[0] = paragraphs[0].slice(spec.firstLineLead.length);
  }
  return paragraphs;
}

describe("ingestPage on the real source pages", () => {
  for (const spec of PAGES) {
    describe(`page ${spec.prefix}`, () => {
      const page = ingestPage(readSource(spec.prefix));

      it("finds the exact headline and its label", () => {
        expect(page.headline).toBe(spec.headline);
        expect(page.headlineLabel).toBe(spec.headlineLabel);
        expect(page.standfirst).toBe(spec.standfirst);
      });

      it("takes the byline and date exactly as the page states them", () => {
        expect(page.byline).toBe(spec.byline);
        expect(page.authorNote).toBe(spec.authorNote);
        expect(page.publishedAt).toBe(spec.publishedAt);
        expect(page.datePrecision).toBe(spec.publishedAt ? "exact" : null);
        if (spec.byline === null) expect(page.warnings).toContain("the page states no byline");
        else expect(page.warnings).not.toContain("the page states no byline");
        if (spec.publishedAt === null)
          expect(page.warnings).toContain("the page states no publication date");
        else expect(page.warnings).not.toContain("the page states no publication date");
        for (const w of spec.warnings)
          expect(
            page.warnings.some((x) => w.test(x)),
            `${w} in ${JSON.stringify(page.warnings)}`,
          ).toBe(true);
      });

      it("keeps captions apart, once each, and out of the body", () => {
        expect(page.captions).toEqual(spec.captions);
        for (const caption of spec.captions) {
          expect(page.body).not.toContain(caption);
          // The distinctive middle of the caption is not in the body either.
          expect(page.body).not.toContain(caption.slice(10, 80));
        }
      });

      it("starts and ends the body with the article's first and last sentences", () => {
        expect(page.body.startsWith(spec.bodyStart), page.body.slice(0, 200)).toBe(true);
        expect(page.body.endsWith(spec.bodyEnd), page.body.slice(-200)).toBe(true);
      });

      it("keeps every paragraph of the article, in order, and nothing else", () => {
        const expected = sourceParagraphs(spec);
        expect(expected.length).toBeGreaterThan(4);
        for (const paragraph of expected) expect(page.body).toContain(paragraph);
        expect(page.body.split("\n\n")).toEqual(expected);
      });

      it("leaves the site chrome out of the body", () => {
        for (const chrome of spec.chrome) expect(page.body, chrome).not.toContain(chrome);
        for (const common of [
          "Related stories",
          "Most viewed",
          "button that move",
          "Copyright",
          "Log in to Twitter",
          "Please direct questions",
          "print dictionary",
          "Home >",
          "HOME",
          "Back to Top",
        ]) {
          expect(page.body, common).not.toContain(common);
        }
        // An English page's body carries no Korean widget text.
        expect(page.body).not.toMatch(/\p{Script=Hangul}/u);
      });

      it("has no mojibake and no replacement characters in any field", () => {
        for (const [name, value] of textFields(page)) {
          expect(value, name).not.toMatch(MOJIBAKE_RUN);
          expect(value, name).not.toContain("\uFFFD");
        }
        for (const w of page.warnings) expect(w).not.toContain("\uFFFD");
      });

      it("gives the same result for CRLF line endings as for LF", () => {
        const crlf = Buffer.from(
          readSource(spec.prefix).toString("utf8").replace(/\r?\n/g, "\r\n"),
          "utf8",
        );
        expect(ingestPage(crlf)).toEqual(page);
      });
    });
  }

  it("reports the garbled Korean it could not repair on page 004", () => {
    const page = ingestPage(readSource("004"));
    const dropped = page.warnings.find((w) => w.startsWith("dropped "));
    expect(dropped).toBeDefined();
    expect(dropped).toContain(JSON.stringify("Àüüº¸±â"));
    expect(dropped).toContain(JSON.stringify("ù¹ø°"));
    expect(page.warnings.some((w) => /^repaired \d+ Korean text run/.test(w))).toBe(true);
  });
});

/** Deterministic pseudo-random bytes (mulberry32). */
function seededBytes(seed: number, length: number): Buffer {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buf[i] = i % 97 === 0 ? 0 : Math.floor(next() * 256);
  return buf;
}

/** The article part of a real page (headline, dateline, paragraphs), without its trailer. */
function articleOf(prefix: string, lastLine: string): string {
  const lines = readSource(prefix).toString("utf8").split("\n");
  return lines.slice(0, lines.findLastIndex((l) => l.startsWith(lastLine)) + 1).join("\n");
}

describe("ingestPage on hostile input", () => {
  it("turns an empty file into an empty article with warnings", () => {
    const page = ingestPage(Buffer.alloc(0));
    expect(page.headline).toBeNull();
    expect(page.body).toBe("");
    expect(page.captions).toEqual([]);
    expect(page.byline).toBeNull();
    expect(page.publishedAt).toBeNull();
    expect(page.datePrecision).toBeNull();
    expect(page.warnings).toEqual(
      expect.arrayContaining(["the input is empty", "no headline found", "no body text found"]),
    );
  });

  const garbage = seededBytes(1, 8192);
  // C0 controls and DEL; tab and newline are ordinary whitespace.
  const C0_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

  it("does not throw on binary garbage and says it does not look like text", () => {
    expect(garbage.includes(0)).toBe(true);
    let page: IngestedPage | undefined;
    expect(() => {
      page = ingestPage(garbage);
    }).not.toThrow();
    expect(
      page!.warnings.some((w) => /does not look like text/.test(w)),
      JSON.stringify(page!.warnings),
    ).toBe(true);
    for (const [name, value] of textFields(page!)) {
      expect(value, name).not.toMatch(C0_CONTROL);
      expect(value, name).not.toContain("\uFFFD");
    }
    for (const w of page!.warnings) expect(w).not.toMatch(C0_CONTROL);
  });

  it("does not throw on other seeds of binary garbage", () => {
    for (const seed of [2, 3, 42, 1234]) {
      const page = ingestPage(seededBytes(seed, 4096));
      expect(
        page.warnings.some((w) => /does not look like text/.test(w)),
        `seed ${seed}`,
      ).toBe(true);
      for (const [name, value] of textFields(page))
        expect(value, `seed ${seed} ${name}`).not.toMatch(C0_CONTROL);
    }
  });

  // UTF-8 bytes C2 80–C2 9F decode to C1 controls, which must not reach the text either.
  it("removes C1 control characters (U+0080–U+009F) from binary garbage too", () => {
    const page = ingestPage(garbage);
    for (const [name, value] of textFields(page))
      expect(value, name).not.toMatch(/[\u0080-\u009F]/);
  });

  it("finds no headline in a page of blank lines", () => {
    const page = ingestPage(Buffer.from("\n\n   \n\u00A0\n\t\n\n", "utf8"));
    expect(page.headline).toBeNull();
    expect(page.body).toBe("");
    expect(page.warnings).toContain("no headline found");
  });

  it("finds no headline in a page of site chrome only", () => {
    const chrome = [
      "Home > Opinion > Editorials",
      "",
      "print dictionary print",
      "HOME Social & Issue",
      "이 글자크기로 변경됩니다.",
      "Back to Top",
      "Related stories",
      "Most viewed articles",
      "- Battery manufacturer apologizes for Hwaseong factory blaze that left 23 dead",
    ].join("\n");
    const page = ingestPage(Buffer.from(chrome, "utf8"));
    expect(page.headline).toBeNull();
    expect(page.body).toBe("");
    expect(page.warnings).toContain("no headline found");
  });

  it("ingests a 5 MB page made of a real article's paragraphs", () => {
    const article = articleOf("003", "“Now the administration is scrambling");
    const paragraphs = article
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.length > 150 && !/Yonhap\)$/.test(l));
    const block = `${paragraphs.join("\n\n")}\n\n`;
    const copies = Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(block));
    const text = `${article}\n\n${block.repeat(copies)}`;
    const input = Buffer.from(text, "utf8");
    expect(input.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(input.length).toBeLessThan(MAX_INGEST_BYTES);

    const page = ingestPage(input);
    expect(page.headline).toBe(
      "After Putin’s Pyongyang summit, Seoul and Moscow play dangerous game",
    );
    expect(page.body.length).toBeGreaterThan(4 * 1024 * 1024);
    // (booleans, so that a failure does not print megabytes)
    expect(page.body.includes(paragraphs[3])).toBe(true);
    expect(page.warnings.some((w) => /only the first/.test(w))).toBe(false);
  });

  it("reads only the first 10 MB of a larger file and says so", () => {
    const article = articleOf(
      "000",
      "South Korea needs to find a prudent way to manage relations with Russia while also " +
        "showing consideration to its American ally. Most",
    );
    const paragraphs = article
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.length > 150 && !/Yonhap\)$/.test(l));
    const block = `${paragraphs.join("\n\n")}\n\n`;
    const filler = block.repeat(Math.ceil(MAX_INGEST_BYTES / Buffer.byteLength(block)));
    const beyond = "This sentence stands beyond the ten megabyte limit and must not be read.";
    const input = Buffer.from(`${article}\n\n${filler}${beyond}\n`, "utf8");
    expect(input.length).toBeGreaterThan(MAX_INGEST_BYTES);

    const page = ingestPage(input);
    const truncation = page.warnings.find((w) => w.includes(`only the first ${MAX_INGEST_BYTES}`));
    expect(truncation, JSON.stringify(page.warnings)).toBeDefined();
    expect(truncation).toContain(`${input.length} bytes`);
    expect(page.headline).toBe(
      "Seoul must use tact and diplomacy to check deepening Russia-NK ties",
    );
    expect(page.publishedAt).toBe("2024-06-14");
    expect(page.body.includes(paragraphs[2])).toBe(true);
    expect(page.body.includes(beyond)).toBe(false);
    expect(page.body.includes("\uFFFD")).toBe(false);
  });

  it("gives the same result for CRLF and LF in a hand-made page", () => {
    const lf =
      "A headline\n\nPosted on : 2024-06-14 16:59 KST\nA standfirst\n\n" +
      "First paragraph.\n\nSecond paragraph.\n\n" +
      "By Jane Doe, staff reporter jane@example.com\n";
    const fromLf = ingestPage(Buffer.from(lf));
    expect(ingestPage(Buffer.from(lf.replace(/\n/g, "\r\n")))).toEqual(fromLf);
    expect(fromLf.body).toBe("First paragraph.\n\nSecond paragraph.");
    expect(fromLf.byline).toBe("Jane Doe, staff reporter");
  });
});
