import { paragraphRanges } from "@/app/ui/article/segments";

/**
 * Sentences and words of an article body, as [start, end) JS string offsets into the whole body
 * (the offsets the coding API takes). The workspace moves its keyboard cursor by sentence, snaps
 * mouse selections to whole words, and offers to snap them to whole sentences.
 */

export interface TextRange {
  start: number;
  end: number;
}

/** Words before a full stop that do not end a sentence ("Mr. Putin", "the U.S. and …"). */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sr",
  "jr",
  "st",
  "gen",
  "col",
  "lt",
  "sgt",
  "capt",
  "gov",
  "sen",
  "rep",
  "rev",
  "hon",
  "pres",
  "no",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "inc",
  "co",
  "corp",
  "ltd",
  "approx",
]);

const TERMINAL = /[.!?…]/;
const CLOSING = /["'”’)\]»]/;
const SPACE = /\s/;

/** Whether the full stop ending at `dot` (the index of ".") belongs to an abbreviation or initial. */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--;
  const word = text.slice(from, dot).replace(/^\.+/, "");
  if (!word) return false;
  // A single letter ("J. Smith") or dotted initials ("U.S", "U.N") end no sentence.
  if (/^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Sentences of one stretch of text without paragraph breaks, offsets relative to `base`. */
function sentencesIn(text: string, base: number, out: TextRange[]): void {
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    while (i < n && SPACE.test(text[i])) i++;
  };
  skipSpace();
  let start = i;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      pushTrimmed(text, base, start, i, out);
      i++;
      skipSpace();
      start = i;
      continue;
    }
    if (!TERMINAL.test(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && TERMINAL.test(text[j])) j++;
    while (j < n && CLOSING.test(text[j])) j++;
    const atEnd = j >= n;
    const followedBySpace = !atEnd && SPACE.test(text[j]);
    let k = j;
    while (k < n && SPACE.test(text[k]) && text[k] !== "\n") k++;
    const next = text[k];
    const breaks =
      atEnd ||
      (followedBySpace &&
        !(c === "." && j === i + 1 && isAbbreviation(text, i)) &&
        // A lower-case word after the stop continues the sentence ("… 3 p.m. yesterday").
        !(next !== undefined && /\p{Ll}/u.test(next)));
    if (breaks) {
      pushTrimmed(text, base, start, j, out);
      i = j;
      skipSpace();
      start = i;
    } else {
      i = j;
    }
  }
  pushTrimmed(text, base, start, n, out);
}

function pushTrimmed(text: string, base: number, start: number, end: number, out: TextRange[]) {
  while (end > start && SPACE.test(text[end - 1])) end--;
  while (start < end && SPACE.test(text[start])) start++;
  if (end > start) out.push({ start: base + start, end: base + end });
}

/**
 * The sentences of a body in reading order, never crossing a paragraph ("\n\n") or a line break;
 * each starts and ends on a non-space character and ends after its closing punctuation and quotes.
 */
export function sentenceRanges(body: string): TextRange[] {
  const out: TextRange[] = [];
  for (const p of paragraphRanges(body)) sentencesIn(body.slice(p.start, p.end), p.start, out);
  return out;
}

/** Letters and digits, and an apostrophe or hyphen between two of them ("don't", "Russia-NK"). */
function isWordChar(body: string, i: number): boolean {
  const c = body[i];
  if (c === undefined) return false;
  if (/[\p{L}\p{N}\p{M}]/u.test(c)) return true;
  // Astral letters (a surrogate pair) count as word characters.
  if (/[\uD800-\uDFFF]/.test(c)) return true;
  if (/['’\-‐]/.test(c))
    return /[\p{L}\p{N}]/u.test(body[i - 1] ?? "") && /[\p{L}\p{N}]/u.test(body[i + 1] ?? "");
  return false;
}

/**
 * A selection widened to whole words: whitespace at its edges is dropped and a word cut in two
 * is taken whole. Null when nothing but whitespace was selected.
 */
export function snapToWords(body: string, range: TextRange): TextRange | null {
  let start = Math.max(0, Math.min(range.start, range.end));
  let end = Math.min(body.length, Math.max(range.start, range.end));
  while (start < end && SPACE.test(body[start])) start++;
  while (end > start && SPACE.test(body[end - 1])) end--;
  if (start >= end) return null;
  while (start > 0 && isWordChar(body, start) && isWordChar(body, start - 1)) start--;
  while (end < body.length && isWordChar(body, end - 1) && isWordChar(body, end)) end++;
  return { start, end };
}

/** Index of the sentence holding `offset`, or the nearest one after it (before it at the end). */
export function sentenceAt(sentences: readonly TextRange[], offset: number): number {
  if (sentences.length === 0) return -1;
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A selection widened to the whole sentences it touches. The selection's end is exclusive, so a
 * selection ending exactly where a sentence starts does not take that sentence.
 */
export function snapToSentences(sentences: readonly TextRange[], range: TextRange): TextRange {
  if (sentences.length === 0) return range;
  const first = sentenceAt(sentences, range.start);
  let last = sentenceAt(sentences, Math.max(range.start, range.end - 1));
  if (sentences[last].start >= range.end && last > first) last--;
  return { start: sentences[first].start, end: sentences[Math.max(first, last)].end };
}

/** The range covering sentences `a` to `b` (in either order). */
export function sentenceSpan(sentences: readonly TextRange[], a: number, b: number): TextRange {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(sentences.length - 1, Math.max(a, b));
  return { start: sentences[lo].start, end: sentences[hi].end };
}
