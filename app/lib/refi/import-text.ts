import { createHash } from "node:crypto";

/*
 * Matching a source's text to an article's body: equal, or equal once whitespace is normalised
 * (the migration's normalised_text_md5 does the same in SQL: every run of ASCII whitespace one
 * space, none at either end). For a normalised match, offsets in the source are carried onto the
 * body by walking both texts.
 */

const WHITESPACE_RUN = /[\t\n\v\f\r ]+/g;

/** The text with its whitespace normalised, as normalised_text_md5 normalises it. */
export function normaliseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, " ").replace(/^ | $/g, "");
}

/** md5 of the text's UTF-8 bytes, in hex: what PostgreSQL's md5(text) gives. */
export function md5(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** md5 of the normalised text: what normalised_text_md5(body) gives. */
export function normalisedMd5(text: string): string {
  return md5(normaliseWhitespace(text));
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * For two texts equal once normalised, the body offset (UTF-16) of each source offset (UTF-16,
 * 0 … source.length). Characters map one to one; an offset inside a run of whitespace maps into the
 * body's run at the same distance from its start, or to its end when the body's run is shorter.
 */
export function whitespaceMap(source: string, body: string): Int32Array {
  const map = new Int32Array(source.length + 1);
  let i = 0;
  // Whitespace the body has before its first character and the source has not is skipped.
  let j = isSpace(source.charCodeAt(0)) ? 0 : skipSpace(body, 0);
  while (i < source.length) {
    if (!isSpace(source.charCodeAt(i))) {
      map[i++] = j++;
      continue;
    }
    const sourceEnd = skipSpace(source, i);
    const bodyEnd = skipSpace(body, j);
    for (let k = i; k < sourceEnd; k++) map[k] = j + Math.min(k - i, bodyEnd - j);
    i = sourceEnd;
    j = bodyEnd;
  }
  map[source.length] = j;
  return map;
}
