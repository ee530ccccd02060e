import type { ImportResult } from "@/app/lib/refi/import-result";

/*
 * The browser's side of `POST /api/v1/import/project`: the fields the form sends and one request
 * function that turns every outcome (an ImportResult, preview and written alike, or a refusal)
 * into a value (no throw), so the form can show it.
 */

export type { ImportResult };

/** What the admin chooses; every value a string, as the inputs give it ("" = not chosen). */
export interface ProjectFields {
  outlet: string;
  genre: string;
  language: string;
  coder: string;
  /** REFI code guid → "dimension/code" or "skip", chosen by hand ("" entries are not sent). */
  codeMap: Record<string, string>;
  /** REFI user guid → an existing coder's key, chosen by hand ("" entries are not sent). */
  userMap: Record<string, string>;
}

export const EMPTY_FIELDS: ProjectFields = {
  outlet: "",
  genre: "",
  language: "",
  coder: "",
  codeMap: {},
  userMap: {},
};

/** A request that did not succeed: the server's message and issues, or an unreachable server. */
export interface Failure {
  /** 0 when the server could not be reached (the form offers Retry). */
  status: number;
  error: string;
  issues: { param: string; message: string }[];
}

export type Reply = { ok: true; result: ImportResult } | { ok: false; failure: Failure };

export const IMPORT_PROJECT_URL = "/api/v1/import/project";

/** The multipart form the endpoint takes: the file, dryRun, the choices and the hand mappings. */
export function projectForm(file: File, fields: ProjectFields, dryRun: boolean): FormData {
  const form = new FormData();
  form.set("file", file, file.name);
  form.set("dryRun", String(dryRun));
  for (const name of ["outlet", "genre", "language", "coder"] as const)
    if (fields[name].trim()) form.set(name, fields[name].trim());
  for (const [guid, target] of Object.entries(fields.codeMap))
    if (target) form.set(`code:${guid}`, target);
  for (const [guid, coder] of Object.entries(fields.userMap))
    if (coder) form.set(`user:${guid}`, coder);
  return form;
}

/** Sends the file for a preview (dryRun) or to import it; never throws. */
export async function requestProjectImport(
  file: File,
  fields: ProjectFields,
  dryRun: boolean,
): Promise<Reply> {
  let res: Response;
  try {
    res = await fetch(IMPORT_PROJECT_URL, {
      method: "POST",
      body: projectForm(file, fields, dryRun),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return {
      ok: false,
      failure: { status: 0, error: "the server could not be reached", issues: [] },
    };
  }
  const body = (await res.json().catch(() => null)) as
    | (Partial<ImportResult> & { error?: unknown; issues?: unknown })
    | null;
  if (res.ok && body && typeof body.dryRun === "boolean")
    return { ok: true, result: body as ImportResult };
  return { ok: false, failure: failureOf(res.status, body) };
}

function failureOf(status: number, body: { error?: unknown; issues?: unknown } | null): Failure {
  const issues = Array.isArray(body?.issues)
    ? (body.issues as { param?: unknown; message?: unknown }[])
        .filter((i) => typeof i?.message === "string")
        .map((i) => ({ param: String(i.param ?? ""), message: String(i.message) }))
    : [];
  if (typeof body?.error === "string") return { status, error: body.error, issues };
  // A proxy's HTML page or an empty answer: say what happened rather than show a bare number.
  const error =
    status === 413
      ? "the file is too large for the server"
      : status >= 500
        ? `the server failed (HTTP ${status}) without saying why; preview again to see what was imported`
        : `the server refused the request (HTTP ${status}) without saying why`;
  return { status, error, issues };
}
