import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "./db";
import { parseFilters, toQueryString, type FilterIssue } from "./filters";
import { toParamIssues } from "./query-params";
import { getVocabulary } from "./queries/vocabulary";
import { parsePanel } from "./panel";

export const MAX_VIEW_BODY_BYTES = 4096;
export const VIEW_PAGE_PARAMS = ["panel"] as const;

// Control characters (NUL among them, which PostgreSQL cannot store) have no place in a title.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const viewInput = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(120, "must be at most 120 characters")
    .refine((t) => !CONTROL.test(t), "must not contain control characters"),
  query: z.string().max(2000, "must be at most 2000 characters"),
});

/** The issues of a body that is not a valid view, each naming its field. */
export function viewInputIssues(error: z.ZodError): FilterIssue[] {
  return toParamIssues(error, "is not a known field; send only title and query", "body");
}

/**
 * The request body as text, reading no more than `limit` bytes: null when the
 * body is larger, so an oversized (e.g. chunked) upload is never buffered whole.
 */
export async function readBodyText(req: Request, limit: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** 128 random bits, URL-safe: an id nobody can guess or enumerate. */
export function newViewId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * Stores a view: the query must be one the dashboard accepts; it is stored in
 * canonical form, so the saved view is exactly what the user saw.
 */
export async function saveView(
  input: z.infer<typeof viewInput>,
): Promise<{ id: string; query: string } | { issues: FilterIssue[] }> {
  const vocab = await getVocabulary();
  const params = new URLSearchParams(input.query.replace(/^\?/, ""));
  const { filters, issues } = parseFilters(params, vocab, VIEW_PAGE_PARAMS);
  const panels = params.getAll("panel");
  const panel = panels.length === 1 && panels[0] !== "" ? panels[0] : undefined;
  if (panels.length > 1) issues.push({ param: "panel", message: "was given more than once" });
  else if (panel !== undefined && !(await parsePanel(panel, vocab)))
    issues.push({ param: "panel", message: "is not a chart cell of the dashboard" });
  if (issues.length)
    return { issues: issues.map((i) => ({ param: `query.${i.param}`, message: i.message })) };
  const query = toQueryString(filters, vocab, { panel });
  const id = newViewId();
  await getDb().savedView.create({ data: { id, title: input.title, query } });
  return { id, query };
}

export async function getView(id: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  return getDb().savedView.findUnique({ where: { id } });
}
