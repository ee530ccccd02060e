import "server-only";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import type { Tx } from "../coding/transaction";
import { getDb } from "../db";
import { GENRES } from "../filter-query";
import { GUID_PATTERN, normalGuid } from "./guid";
import { CODER_KEY } from "./import-coders";
import { resolveCodeKey } from "./import-codes";
import { type ImportContext, readImportContext } from "./import-context";
import { planImport } from "./import-plan";
import type { ImportResult } from "./import-result";
import { writePlan } from "./import-write";
import { type LoadedProject, loadProject } from "./load";
import { RefiError } from "./model";

export type * from "./import-result";

/*
 * Importing a REFI-QDA project (.qdpx): read it (load.ts refuses hostile and broken files), plan
 * what each source, user, code and selection becomes, and, unless it is a dry run, write the plan
 * in one transaction under the corpus lock, so nothing is written when anything fails.
 */

export interface ImportOptions {
  /** For sources that become new articles, when the project does not say. */
  outlet?: string;
  genre?: string;
  language?: string;
  /** Coder key for codings that name no user. */
  coder?: string;
  /** REFI code GUID → "dimension/code" or "skip". */
  codeMap?: Record<string, string>;
  /** REFI user GUID → coder key (existing or new). */
  userMap?: Record<string, string>;
  dryRun: boolean;
}

// The seeder's and the page import's lock: imports and seed loads never interleave rollup writes.
const CORPUS_LOCK = 72707370;

/** A project file's problem as the API answers it: 400 naming the file, element and reason. */
export function refiProblem(err: RefiError): ApiError {
  return new ApiError(400, err.message, [{ param: "file", message: err.message }]);
}

export async function importProject(
  actor: Actor,
  bytes: Buffer,
  file: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  let project: LoadedProject;
  try {
    project = await loadProject(bytes, file);
  } catch (err) {
    if (err instanceof RefiError) throw refiProblem(err);
    throw err;
  }
  const nuls = replaceNul(project);
  const warn = (result: Omit<ImportResult, "dryRun" | "written">) => {
    if (nuls)
      result.details.warnings.push(
        `${nuls} texts contain NUL characters, which cannot be stored: each became U+FFFD (positions unchanged)`,
      );
    return result;
  };
  if (opts.dryRun) {
    const plan = await planChecked(getDb(), project, file, opts);
    return { dryRun: true, ...warn(plan.result), written: null };
  }
  refuseMissingTexts(project, file);
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CORPUS_LOCK})`;
      const plan = await planChecked(tx, project, file, opts);
      const written = await writePlan(tx, plan, { userId: actor.userId, file });
      return { dryRun: false, ...warn(plan.result), written };
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}

async function planChecked(tx: Tx, project: LoadedProject, file: string, opts: ImportOptions) {
  const ctx = await readImportContext(tx);
  checkOptions(ctx, project, opts);
  return planImport(tx, ctx, project, file, {
    outlet: opts.outlet,
    genre: opts.genre,
    language: opts.language,
    coder: opts.coder,
    codeMap: opts.codeMap ?? {},
    userMap: opts.userMap ?? {},
  });
}

/**
 * PostgreSQL text cannot hold NUL: in the texts, notes and variable values the import stores, each
 * becomes U+FFFD (one UTF-16 unit and one code point for another, so no position moves). Returns
 * how many strings changed.
 */
function replaceNul(project: LoadedProject): number {
  let changed = 0;
  const clean = <T>(value: T): T => {
    if (typeof value !== "string" || !value.includes("\u0000")) return value;
    changed++;
    return value.replaceAll("\u0000", "\uFFFD") as T;
  };
  for (const s of project.sources) {
    s.text = clean(s.text);
    s.name = clean(s.name);
    for (const v of s.variableValues) v.value = clean(v.value);
  }
  for (const n of project.notes) n.text = clean(n.text);
  for (const u of project.users) u.name = clean(u.name);
  return changed;
}

/** A source whose text is missing stops a write (the preview lists it as skipped). */
function refuseMissingTexts(project: LoadedProject, file: string): void {
  const broken = project.sources.find((s) => s.problem !== null);
  if (broken)
    throw refiProblem(
      new RefiError(
        file,
        `TextSource ${JSON.stringify(broken.name ?? broken.guid)} (${broken.guid})`,
        broken.problem!,
      ),
    );
}

/** 400 naming each form field that cannot be used: an unknown outlet, code, a bad key. */
function checkOptions(ctx: ImportContext, project: LoadedProject, opts: ImportOptions): void {
  const issues: { param: string; message: string }[] = [];
  if (opts.outlet !== undefined && !ctx.outlets.has(opts.outlet))
    issues.push({ param: "outlet", message: `there is no outlet ${opts.outlet}` });
  if (opts.genre !== undefined && !(GENRES as readonly string[]).includes(opts.genre))
    issues.push({ param: "genre", message: `must be one of ${GENRES.join(", ")}` });
  if (opts.language !== undefined && !/^[a-z]{2}$/.test(opts.language))
    issues.push({ param: "language", message: "must be an ISO 639-1 language code such as en" });
  if (opts.coder !== undefined && !CODER_KEY.test(opts.coder))
    issues.push({ param: "coder", message: "must be a coder key: 1 to 32 of A-Z a-z 0-9 . _ -" });
  const codes = new Set<string>();
  const walk = (list: LoadedProject["codes"]) => {
    for (const c of list) {
      codes.add(normalGuid(c.guid));
      walk(c.children);
    }
  };
  walk(project.codes);
  for (const [guid, value] of Object.entries(opts.codeMap ?? {})) {
    const param = `code:${guid}`;
    if (!GUID_PATTERN.test(guid) || !codes.has(normalGuid(guid)))
      issues.push({ param, message: "the project has no code with this GUID" });
    else if (value !== "skip" && !resolveCodeKey(ctx, value))
      issues.push({
        param,
        message: `must be "skip" or dimension/code of the codebook, not ${value}`,
      });
  }
  const users = new Set(project.users.map((u) => normalGuid(u.guid)));
  for (const [guid, key] of Object.entries(opts.userMap ?? {})) {
    const param = `user:${guid}`;
    if (!GUID_PATTERN.test(guid) || !users.has(normalGuid(guid)))
      issues.push({ param, message: "the project has no user with this GUID" });
    else if (!CODER_KEY.test(key))
      issues.push({ param, message: "must be a coder key: 1 to 32 of A-Z a-z 0-9 . _ -" });
  }
  if (issues.length)
    throw new ApiError(
      400,
      `invalid parameter${issues.length > 1 ? "s" : ""}: ${issues.map((i) => i.param).join(", ")}`,
      issues,
    );
}
