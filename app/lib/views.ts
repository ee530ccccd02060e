import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "./db";
import { parseFilters, toQueryString, type FilterIssue } from "./filters";
import { getVocabulary } from "./queries/vocabulary";
import { parsePanel } from "./panel";

export const MAX_VIEW_BODY_BYTES = 4096;
export const VIEW_PAGE_PARAMS = ["panel"] as const;

export const viewInput = z.strictObject({
  title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  query: z.string().max(2000, "must be at most 2000 characters"),
});

/** 128 random bits, URL-safe: an id nobody can guess or enumerate. */
export function newViewId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * Stores a view: the query must be one the dashboard accepts; it is stored in
 * canonical form, so the saved view is exactly what the user saw.
 */
export async function saveView(input: z.infer<typeof viewInput>): Promise<{ id: string; query: string } | { issues: FilterIssue[] }> {
  const vocab = await getVocabulary();
  const params = new URLSearchParams(input.query.replace(/^\?/, ""));
  const { filters, issues } = parseFilters(params, vocab, VIEW_PAGE_PARAMS);
  const panel = params.get("panel") ?? undefined;
  if (panel !== undefined && !(await parsePanel(panel, vocab))) issues.push({ param: "panel", message: "is not a chart cell of the dashboard" });
  if (issues.length) return { issues: issues.map((i) => ({ param: `query.${i.param}`, message: i.message })) };
  const query = toQueryString(filters, vocab, { panel });
  const id = newViewId();
  await getDb().savedView.create({ data: { id, title: input.title, query } });
  return { id, query };
}

export async function getView(id: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  return getDb().savedView.findUnique({ where: { id } });
}
