import { z } from "zod";
import { isValidIsoDate } from "../dates";
import { MAX_SLUG_LENGTH } from "../params";
import { coderKey } from "../auth/users";
import type { ParamIssue } from "../query-params";

/*
 * What an import takes besides the page itself: the metadata the admin chooses. The page is
 * `source` (JSON) or the `file` part of a multipart upload; see read-upload.ts.
 */

export const GENRES = ["editorial", "column", "news_analysis", "news_report"] as const;

const slug = z
  .string()
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
// Names and notes are shown on public pages: one line, no control characters.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((t) => !CONTROL.test(t), "must be one line without control characters");
const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(
      (t) => !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(t),
      "must not contain control characters",
    );
const language = z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 language code such as en");

/** A new outlet: an orientation only together with the source that describes it. */
export const newOutletInput = z
  .strictObject({
    slug,
    name: line(200),
    shortName: line(60),
    country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code such as KR"),
    language,
    kind: z
      .string()
      .max(40, "must be at most 40 characters")
      .regex(/^[a-z][a-z0-9_]*$/, "must be a lower-case identifier such as national_daily"),
    orientation: line(200).optional(),
    orientationSource: paragraph(2000).optional(),
  })
  .refine((o) => o.orientation === undefined || !!o.orientationSource, {
    message: "an orientation needs its source (who describes the outlet so)",
    path: ["orientationSource"],
  })
  .refine((o) => o.orientationSource === undefined || o.orientation !== undefined, {
    message: "a source without an orientation describes nothing; give the orientation too",
    path: ["orientation"],
  });
export type NewOutletInput = z.infer<typeof newOutletInput>;

export const publishedInput = z.strictObject({
  date: z.string().refine(isValidIsoDate, "must be a real date written YYYY-MM-DD"),
  precision: z.enum(["exact", "inferred"], { error: "must be exact or inferred" }),
  reason: paragraph(2000).optional(),
});

/**
 * The metadata of an import. `outlet` names an existing outlet; with `newOutlet` it may be left
 * out (or must equal the new outlet's slug). Whether an exact date is the one the page states is
 * checked against the page, after the ingest.
 */
export const importMetadata = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(255, "must be at most 255 characters")
    .refine((f) => !/[/\\]/.test(f) && !CONTROL.test(f), "must be a file name, not a path"),
  outlet: slug.optional(),
  newOutlet: newOutletInput.optional(),
  genre: z.enum(GENRES, { error: `must be one of ${GENRES.join(", ")}` }),
  language,
  published: publishedInput,
  assign: z
    .array(coderKey)
    .max(20, "at most 20 coders")
    .refine((keys) => new Set(keys).size === keys.length, "names a coder twice")
    .optional(),
});
export type ImportMetadata = z.infer<typeof importMetadata>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The rules between fields, checked on the raw input so that they are reported together with the
 * schema's issues (an object's refinements would wait until all its fields are valid).
 */
export function crossFieldIssues(fields: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const { outlet, newOutlet, published } = fields;
  if (!outlet && !newOutlet)
    issues.push({ param: "outlet", message: "choose an outlet or add one" });
  if (outlet && isRecord(newOutlet) && outlet !== newOutlet.slug)
    issues.push({
      param: "outlet",
      message: "names another outlet than newOutlet.slug; send one of them",
    });
  if (
    isRecord(published) &&
    published.precision === "inferred" &&
    !(typeof published.reason === "string" && published.reason.trim())
  )
    issues.push({
      param: "published.reason",
      message: "is required for an inferred date: say how the date was inferred",
    });
  return issues;
}

/** The longest slug an import makes: room for a "-NN" suffix under the page limit. */
export const MAX_IMPORT_SLUG = Math.min(MAX_SLUG_LENGTH, 120);
