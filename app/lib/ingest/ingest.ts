import { createHash } from "node:crypto";
import { repairKoreanMojibake } from "./repair-encoding";

/**
 * Turns a raw scraped news page (text, as received) into an article: the
 * headline, the byline and date the page states, the body without site chrome,
 * and the photo captions kept apart. What the page does not state is left null
 * with a warning; nothing is guessed.
 */
export interface IngestedPage {
  headline: string | null;
  /** The outlet's own genre label in front of the headline, e.g. "Editorial". */
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  /** YYYY-MM-DD, only when the page states a publication date. */
  publishedAt: string | null;
  datePrecision: "exact" | null;
  body: string;
  captions: string[];
  warnings: string[];
}

export const MAX_INGEST_BYTES = 10 * 1024 * 1024;

// Lines that belong to the site, not the article, wherever they stand.
const CHROME_LINE = [
  /^home\s*(>|\s)/i, // breadcrumbs: "Home > Opinion > Editorials", "HOME Social & Issue"
  /^print( dictionary)?( print)?$/i,
  /^back to top$/i,
  /^(top|\s)*$/i,
];

// Lines after which only site chrome follows (related lists, comment widgets, copyright).
const TRAILER_START = [
  /^copyright\b/i,
  /^<?[^>]*©/,
  /^please direct questions or comments to/i,
  /^button that move to original/i,
  /^related stories$/i,
  /^most viewed/i,
  /^log in to (twitter|facebook)/i,
  /^to write comments/i,
];

const UPDATE_HEADER = /^update\s*:\s*(.+)$/i;
const POSTED_ON =
  /^posted on\s*:\s*(\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?(?:\s*KST)?(?:\s+modified on\s*:\s*(\d{4}-\d{2}-\d{2}).*)?$/i;
const BYLINE = /^by\s+(.+)$/i;
const AUTHOR_NOTE = /^(.{3,60}?)(The author is [^.]*\.)\s+(?=\S)/;
const HEADLINE_LABEL = /^\[([^\]]{2,30})\]\s*(.+)$/;
// A caption ends with a photo credit, or starts with a bullet marker.
const PHOTO_CREDIT =
  /[([][^()[\]]*\b(yonhap|ap|epa|afp|reuters|tass|xinhua|source\s*:|photo|news1|newsis)\b[^()[\]]*[)\]]\s*$/i;
const CAPTION_MARKER = /^[▲△▶■]\s*/;
const EMAIL = /\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$/;

function isHangulOnly(line: string): boolean {
  const letters = line.replace(/[\s\d\p{P}\p{S}]/gu, "");
  return letters.length > 0 && /^[\p{Script=Hangul}]+$/u.test(letters);
}

function hangulShare(line: string): number {
  const letters = line.replace(/[\s\d\p{P}\p{S}]/gu, "");
  if (!letters.length) return 0;
  return (letters.match(/\p{Script=Hangul}/gu)?.length ?? 0) / letters.length;
}

function isCaption(line: string): boolean {
  return CAPTION_MARKER.test(line) || (PHOTO_CREDIT.test(line) && line.length < 400);
}

/** Decodes bytes as UTF-8, reporting whether they were text at all. */
function decode(input: Buffer | string, warnings: string[]): string {
  if (typeof input === "string") return input;
  if (input.length > MAX_INGEST_BYTES) {
    warnings.push(`input is ${input.length} bytes; only the first ${MAX_INGEST_BYTES} were read`);
    input = input.subarray(0, MAX_INGEST_BYTES);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(input);
  const bad =
    (text.match(/\uFFFD/g)?.length ?? 0) +
    (text.match(/[\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0);
  if (text.length > 0 && bad / text.length > 0.05) {
    warnings.push(
      `input does not look like text (${bad} undecodable or control characters); they were removed`,
    );
  } else if (bad > 0) {
    warnings.push(`${bad} undecodable or control characters were removed`);
  }
  return text.replace(/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/** Reads one scraped page; see the module comment for what is kept and what is left null. */
export function ingestPage(input: Buffer | string): IngestedPage {
  const warnings: string[] = [];
  const decoded = decode(input, warnings).replace(/\r\n?/g, "\n");
  const page = readLines(pageLines(decoded, warnings), warnings);
  splitAuthorNote(page);
  if (!decoded.trim()) warnings.push("the input is empty");
  if (page.headline === null) warnings.push("no headline found");
  if (page.byline === null) warnings.push("the page states no byline");
  if (page.publishedAt === null) warnings.push("the page states no publication date");
  if (!page.paragraphs.length) warnings.push("no body text found");
  return {
    headline: page.headline,
    headlineLabel: page.headlineLabel,
    standfirst: page.standfirst,
    byline: page.byline,
    authorNote: page.authorNote,
    publishedAt: page.publishedAt,
    datePrecision: page.publishedAt ? "exact" : null,
    body: page.paragraphs.join("\n\n"),
    captions: page.captions,
    warnings,
  };
}

/**
 * The page's lines, trimmed, once Latin-1-read Korean is repaired and stray control characters are
 * gone.
 */
function pageLines(decoded: string, warnings: string[]): string[] {
  const repair = repairKoreanMojibake(decoded);
  if (repair.repaired)
    warnings.push(
      `repaired ${repair.repaired} Korean text run(s) that had been decoded as Latin-1`,
    );
  if (repair.dropped.length) {
    warnings.push(
      `dropped ${repair.dropped.length} garbled run(s) that could not be repaired: ${repair.dropped
        .slice(0, 5)
        .map((r) => JSON.stringify(r))
        .join(", ")}`,
    );
  }
  // C1 controls can be part of Latin-1-read Korean, so they are removed only after the repair.
  const c1 = repair.text.match(/[\u0080-\u009F]/g)?.length ?? 0;
  if (c1) warnings.push(`${c1} stray control character(s) were removed`);
  return repair.text
    .replace(/[\u0080-\u009F]/g, "")
    .split("\n")
    .map((l) => l.replace(/[\s\u00A0]+$/u, "").replace(/^[\s\u00A0]+/u, ""));
}

/** What the lines read so far have given. */
interface PageParts {
  headline: string | null;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  publishedAt: string | null;
  captions: string[];
  paragraphs: string[];
  /** No blank line since the dateline: the next line may be the standfirst. */
  afterDateline: boolean;
}

/** Reads the lines in order, skipping site chrome, up to the first line of the trailer. */
function readLines(lines: string[], warnings: string[]): PageParts {
  const page: PageParts = {
    headline: null,
    headlineLabel: null,
    standfirst: null,
    byline: null,
    authorNote: null,
    publishedAt: null,
    captions: [],
    paragraphs: [],
    afterDateline: false,
  };
  for (const line of lines) {
    if (TRAILER_START.some((re) => re.test(line))) break;
    if (!line) {
      page.afterDateline = false;
      continue;
    }
    const update = UPDATE_HEADER.exec(line);
    if (update) {
      warnings.push(
        `ignored the site header "UPDATE : ${update[1]}": it is not a publication date`,
      );
      continue;
    }
    if (CHROME_LINE.some((re) => re.test(line))) continue;
    if (page.headline === null) readBeforeHeadline(page, line);
    else readAfterHeadline(page, line, warnings);
  }
  return page;
}

/**
 * Until the headline: captions are kept, and the first line that is neither chrome nor a caption is
 * the headline.
 */
function readBeforeHeadline(page: PageParts, line: string): void {
  // Before the headline, text in another script is widget chrome (font-size pickers and the like).
  if (isHangulOnly(line) || hangulShare(line) > 0.3) return;
  if (isCaption(line)) {
    addCaption(page, line);
    return;
  }
  const label = HEADLINE_LABEL.exec(line);
  page.headlineLabel = label ? label[1].trim() : null;
  page.headline = label ? label[2].trim() : line;
}

/**
 * After the headline, a line is the dateline, a caption, a byline, the standfirst or a paragraph.
 */
function readAfterHeadline(page: PageParts, line: string, warnings: string[]): void {
  if (line === page.headline || line === `[${page.headlineLabel}] ${page.headline}`) return;
  const posted = POSTED_ON.exec(line);
  if (posted) {
    page.publishedAt = posted[1];
    if (posted[2] && posted[2] !== posted[1])
      warnings.push(`the page was modified on ${posted[2]}; the publication date is ${posted[1]}`);
    page.afterDateline = true;
    return;
  }
  if (isCaption(line)) {
    addCaption(page, line);
    return;
  }
  // Widget lines in Korean inside an English article ("이 글자크기로 변경됩니다.").
  if (hangulShare(line) > 0.5) return;
  const by = BYLINE.exec(line);
  if (by && line.length < 200) {
    const cleaned = by[1]
      .replace(EMAIL, "")
      .replace(/[\s,;]+$/, "")
      .trim();
    page.byline = page.byline ? `${page.byline}; ${cleaned}` : cleaned;
    return;
  }
  if (page.afterDateline && page.standfirst === null && page.paragraphs.length === 0) {
    // The line between a dateline and the first photo is the standfirst.
    page.standfirst = line;
    return;
  }
  page.paragraphs.push(line);
}

function addCaption(page: PageParts, line: string): void {
  const text = line.replace(CAPTION_MARKER, "");
  if (!page.captions.includes(text)) page.captions.push(text);
}

/**
 * With no byline on the page, an opening "Name The author is …." is the byline and the author
 * note.
 */
function splitAuthorNote(page: PageParts): void {
  if (!page.paragraphs.length || page.byline !== null) return;
  const note = AUTHOR_NOTE.exec(page.paragraphs[0]);
  if (!note) return;
  page.byline = note[1].trim();
  page.authorNote = note[2].trim();
  page.paragraphs[0] = page.paragraphs[0].slice(note[0].length);
}

/** Hash of what an article's stored text depends on, to tell when a re-seed changes it. */
export function contentHash(page: Pick<IngestedPage, "headline" | "body" | "captions">): string {
  return createHash("sha256")
    .update(JSON.stringify([page.headline, page.body, page.captions]))
    .digest("hex");
}
