import { stableGuid } from "./guid";
import type { RefiVariableType } from "./model";

/*
 * How Framescope's corpus maps onto a REFI-QDA project, shared by the export (which writes it) and
 * the import (which reads it back, and reads other tools' projects as well as it can).
 *
 * - Codebook: one parent Code per dimension (isCodable false, named by its label), its codes as
 *   children (named by label, colour, definition as Description). GUIDs come from the keys, which
 *   are stable ids, so a renamed label still matches.
 * - Users: one per coder (name = coder key, id = coder key), REF included when it has codings.
 * - Sources: one TextSource per article (name = headline, text in Sources/<guid>.txt), with the
 *   article's metadata as variables (ARTICLE_VARIABLES).
 * - Passages: one PlainTextSelection per coder and span, creatingUser the coder, with one Coding
 *   per code. A coding's note is a Note referenced by a NoteRef inside the Coding; its voice
 *   (own, reported, unclear) is a NoteRef to one of three shared voice notes.
 * - Article-level codes (e.g. weapons, tone_gov): a PlainTextSelection of the whole text.
 */

export const PROJECT_ORIGIN = "Framescope";
export const WHOLE_TEXT_NAME = "whole text";

export const refiGuid = {
  coder: (key: string) => stableGuid("coder", key),
  dimension: (dimension: string) => stableGuid("dimension", dimension),
  code: (dimension: string, code: string) => stableGuid("code", dimension, code),
  variable: (name: string) => stableGuid("variable", name),
  article: (slug: string) => stableGuid("article", slug),
  /** A coder's coded span; start and end are Framescope's UTF-16 offsets. */
  selection: (slug: string, coder: string, start: number, end: number) =>
    stableGuid("selection", slug, coder, start, end),
  wholeText: (slug: string, coder: string) => stableGuid("whole-text", slug, coder),
  passageCoding: (
    slug: string,
    coder: string,
    dimension: string,
    code: string,
    start: number,
    end: number,
  ) => stableGuid("coding", slug, coder, dimension, code, start, end),
  articleCoding: (slug: string, coder: string, dimension: string) =>
    stableGuid("article-coding", slug, coder, dimension),
  /** The note of one coding. */
  note: (codingGuid: string) => stableGuid("note", codingGuid),
  voice: (voice: Voice) => stableGuid("voice", voice),
};

export const VOICES = ["own", "reported", "unclear"] as const;
export type Voice = (typeof VOICES)[number];

/** The name of the shared note that marks a coding's voice. */
export function voiceNoteName(voice: Voice): string {
  return `Framescope voice: ${voice}`;
}

/** The voice a note stands for, when it is one of the voice notes; null otherwise. */
export function voiceOfNote(name: string | null): Voice | null {
  const m = /^Framescope voice: (own|reported|unclear)$/.exec(name ?? "");
  return m ? (m[1] as Voice) : null;
}

/** The voice of a passage coded in another tool, which records none. */
export const IMPORTED_VOICE: Voice = "unclear";

export interface ArticleVariable {
  /** The field of ArticleVariableValues it carries. */
  field: keyof ArticleVariableValues;
  name: string;
  type: RefiVariableType;
  description: string;
}

/** An article's metadata as variable values (null: the source has no value). */
export interface ArticleVariableValues {
  slug: string;
  outlet: string;
  outletName: string;
  genre: string;
  published: string;
  datePrecision: string;
  dateReason: string | null;
  language: string;
  byline: string | null;
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  authorNote: string | null;
  /** Captions, one per line. */
  captions: string | null;
  contentHash: string;
}

export const ARTICLE_VARIABLES: ArticleVariable[] = [
  {
    field: "slug",
    name: "Framescope slug",
    type: "Text",
    description: "The article's id in Framescope.",
  },
  { field: "outlet", name: "Outlet", type: "Text", description: "The outlet's id (slug)." },
  { field: "outletName", name: "Outlet name", type: "Text", description: "The outlet's name." },
  {
    field: "genre",
    name: "Genre",
    type: "Text",
    description: "editorial, column, news_analysis or news_report.",
  },
  {
    field: "published",
    name: "Publication date",
    type: "Date",
    description: "The date the article was published.",
  },
  {
    field: "datePrecision",
    name: "Date precision",
    type: "Text",
    description: "exact when the page states the date; inferred otherwise.",
  },
  {
    field: "dateReason",
    name: "Date reason",
    type: "Text",
    description: "Why the date is what it is (the page's statement, or how it was inferred).",
  },
  {
    field: "language",
    name: "Language",
    type: "Text",
    description: "ISO 639-1 code of the text's language.",
  },
  {
    field: "byline",
    name: "Byline",
    type: "Text",
    description: "The byline as the page gives it.",
  },
  { field: "headline", name: "Headline", type: "Text", description: "The headline." },
  {
    field: "headlineLabel",
    name: "Headline label",
    type: "Text",
    description: "The label before the headline, e.g. Editorial.",
  },
  {
    field: "standfirst",
    name: "Standfirst",
    type: "Text",
    description: "The line under the headline.",
  },
  {
    field: "authorNote",
    name: "Author note",
    type: "Text",
    description: "The note on the author at the foot of the page.",
  },
  {
    field: "captions",
    name: "Captions",
    type: "Text",
    description: "The page's photo captions, one per line (not part of the text).",
  },
  {
    field: "contentHash",
    name: "Content hash",
    type: "Text",
    description:
      "Framescope's hash of headline, body and captions: the same page has the same hash.",
  },
];
