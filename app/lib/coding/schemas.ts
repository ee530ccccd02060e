import { z } from "zod";
import { coderKey } from "../auth/users";
import { one } from "../query-params";

/*
 * The coding API's input, checked at the boundary. What needs the database (a known dimension
 * and code, offsets inside the article's body) is checked by the service, still before the
 * version check, so a bad body answers 400 whatever its version.
 */

// Control characters other than tab and newlines have no place in a note; NUL cannot be stored.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const MAX_NOTE_LENGTH = 4000;

/** The version the change was based on (GET …/codings gives it): a stale one answers 409. */
export const baseVersion = z
  .number({ error: "must be the version your change is based on, a whole number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more");

const key = z
  .string({ error: "must be a codebook key" })
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters");

/** An optional note: trimmed, empty is none; null clears it. */
const note = z
  .string({ error: "must be text" })
  .max(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`)
  .refine((n) => !CONTROL.test(n), "must not contain control characters")
  .transform((n) => n.trim() || null)
  .nullable();

export const voice = z.enum(["own", "reported", "unclear"], {
  error: "must be own, reported or unclear",
});
export type Voice = z.infer<typeof voice>;

const offset = z
  .number({ error: "must be a character offset, a whole number" })
  .int("must be a whole number")
  .min(0, "must be 0 or more");

/** POST …/passages. `voice` defaults to `unclear` (the text does not decide). */
export const passageInput = z.strictObject({
  dimension: key,
  code: key,
  start: offset,
  end: offset,
  note: note.optional(),
  voice: voice.default("unclear"),
  baseVersion,
});
export type PassageInput = z.infer<typeof passageInput>;

/** PATCH /passages/{id}: only the fields given change. */
export const passagePatch = z.strictObject({
  dimension: key.optional(),
  code: key.optional(),
  start: offset.optional(),
  end: offset.optional(),
  note: note.optional(),
  voice: voice.optional(),
  baseVersion,
});
export type PassagePatch = z.infer<typeof passagePatch>;

/** `{ baseVersion }`: DELETE /passages/{id}, POST /history/{id}/restore. */
export const versionInput = z.strictObject({ baseVersion });

/** POST and DELETE …/done: the version is optional there. */
export const doneInput = z.strictObject({ baseVersion: baseVersion.optional() });

/** One article-level code; null removes it (not on a done coding). */
const articleCode = z
  .strictObject({ code: key, note: note.optional() }, { error: "must be { code, note? } or null" })
  .nullable();

/**
 * PUT …/article-codes: `{ weapons?: { code, note? }, tone_gov?: { code, note? }, baseVersion }`.
 * The dimension names come from the codebook, so any other name is checked by the service (a
 * passage dimension used at article level answers 400 naming it).
 */
export const articleCodesInput = z
  .object({ baseVersion })
  .catchall(articleCode)
  .transform(({ baseVersion, ...codes }) => ({ baseVersion, codes }));
export type ArticleCodesInput = z.infer<typeof articleCodesInput>;

/** POST …/assignments. */
export const assignmentInput = z.strictObject({ coder: coderKey });

/** `?coder=me|KEY`; absent is `me`. */
export const coderQuery = z.strictObject({
  coder: one(z.union([z.literal("me"), coderKey])).transform((c) => c ?? "me"),
});

/** `?baseVersion=` on DELETE, for clients that send no body. */
export const versionQuery = z.strictObject({
  baseVersion: one(
    z
      .string()
      .regex(/^\d{1,9}$/, "must be a whole number")
      .transform(Number),
  ),
});
