import { z } from "zod";
import { isValidIsoDate } from "../dates";

/** The shapes of the files in seeds/. Unknown keys are errors: a typo must not silently drop data. */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a lower-case identifier");
const isoDate = z.string().refine(isValidIsoDate, "must be a real date written YYYY-MM-DD");
const text = z.string().trim().min(1, "must not be empty");

const outletSeed = z
  .strictObject({
    slug,
    name: text,
    short_name: text,
    country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code"),
    language: z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 language code"),
    kind: key,
    orientation: text.nullable(),
    orientation_source: text.nullable(),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).nullable(),
  })
  .refine((o) => o.orientation === null || o.orientation_source !== null, {
    message: "an orientation needs its source (orientation_source)",
    path: ["orientation_source"],
  });
export const outletsFile = z.array(outletSeed);

const codeSeed = z.strictObject({
  key,
  label: text,
  colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be a #RRGGBB colour"),
  definition: text,
  indicators: z.array(text).default([]),
  value: z.int().optional(),
  side: z.enum(["against", "for", "none"]).optional(),
});
const dimensionSeed = z.strictObject({
  key,
  label: text,
  question: text,
  definition: text,
  scope: z.enum(["passage", "article"]),
  ordinal: z.boolean().default(false),
  codes: z.array(codeSeed).min(1),
});
export const methodSeed = z.strictObject({
  summary: text,
  sources: z.array(text),
  agreement: text,
  coding_rules: z.array(text),
});
export const codebookFile = z.strictObject({
  method: methodSeed,
  dimensions: z.array(dimensionSeed).min(1),
});

const coderSeed = z
  .strictObject({
    // The keys accounts code under (auth/users.ts coderKey), so an exported corpus loads back.
    key: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "must be letters, digits, dots, hyphens or underscores"),
    name: text,
    kind: z.enum(["person", "automatic"]),
    version: text.optional(),
    description: text.optional(),
  })
  .refine((c) => c.kind === "person" || c.version !== undefined, {
    message: "an automatic coder needs a version",
    path: ["version"],
  });
export const codersFile = z.array(coderSeed);

/*
 * An article's text comes from its source page in one of two ways:
 * - without `text`, the page as received is run through the ingest (app/lib/ingest), which gives
 *   the headline, body, captions and what the page states (date, byline) to check the metadata
 *   against;
 * - with `text`, the source file is the stored body itself, read verbatim (UTF-8, nothing
 *   trimmed or normalised, no ingest run on it), and `text` gives the rest of what the ingest
 *   stored. This is how `npm run export -- yaml` writes articles imported in the browser, whose
 *   page is not kept: the stored text comes back exact by construction, and the content hash is
 *   recomputed from it the same way (ingest/contentHash). The checks against the page's stated
 *   date and byline were made when the page was imported; there is no page to repeat them on.
 * `original_file` is the file name the article keeps as its source (the uploaded page's name)
 * when that is not `source`.
 */
const storedText = z.strictObject({
  headline: z.string().min(1, "must not be empty"),
  headline_label: z.string().nullable(),
  standfirst: z.string().nullable(),
  author_note: z.string().nullable(),
  captions: z.array(z.string()),
});

export const articleSeed = z.strictObject({
  slug,
  source: z.string().regex(/^[\w.-]+$/, "must be a file name in seeds/sources"),
  text: storedText.optional(),
  original_file: z.string().min(1, "must not be empty").optional(),
  outlet: slug,
  genre: z.enum(["editorial", "column", "news_analysis", "news_report"]),
  language: z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 language code"),
  byline: text.nullable(),
  published: z.strictObject({
    date: isoDate,
    precision: z.enum(["exact", "inferred"]),
    reason: text,
  }),
});

const passageSeed = z
  .strictObject({
    dimension: key,
    code: key,
    quote: z.string().min(1, "must not be empty"),
    start: z.int().nonnegative(),
    end: z.int().positive(),
    occurrence: z.int().positive().optional(),
    note: text.optional(),
    voice: z.enum(["own", "reported", "unclear"], { error: "must be own, reported or unclear" }),
  })
  .refine((p) => p.end > p.start, { message: "end must be after start", path: ["end"] });

const articleCodeSeed = z.strictObject({ code: key, note: text.optional() });

/**
 * One coder's coding of one article. `partial: true` marks a coding still in progress (exported
 * from the application before the coder set every article-level code): its missing article codes
 * are not an error, and the seeder leaves its assignment open.
 */
export const codingFile = z.strictObject({
  article: slug,
  coder: z.string().min(1),
  partial: z.boolean().default(false),
  article_codes: z.record(key, articleCodeSeed),
  passages: z.array(passageSeed),
});

export const eventsFile = z.array(
  z.strictObject({
    key: slug,
    date: isoDate,
    label: text,
    description: text.optional(),
    preset: z.boolean().default(false),
    articles: z
      .array(z.strictObject({ slug, quote: text.optional() }))
      .min(1, "an event needs at least one article that states it"),
  }),
);

export type OutletSeed = z.infer<typeof outletSeed>;
export type CodebookFile = z.infer<typeof codebookFile>;
export type CoderSeed = z.infer<typeof coderSeed>;
export type ArticleSeed = z.infer<typeof articleSeed>;
export type CodingFile = z.infer<typeof codingFile>;
export type EventsFile = z.infer<typeof eventsFile>;
