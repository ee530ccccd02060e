/**
 * The workspace's side of the coding API (README "Coding API"): the shapes it returns and one
 * fetch helper that turns every failure into a message a coder can read.
 */

export type Voice = "own" | "reported" | "unclear";

export interface CodingPassage {
  id: number;
  dimension: string;
  code: string;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: Voice;
}

export interface ArticleCodeValue {
  code: string;
  note: string | null;
}

/** GET /api/v1/articles/{slug}/codings?coder=me */
export interface Coding {
  article: string;
  coder: string;
  version: number;
  assignment: { assignedAt: string; doneAt: string | null } | null;
  articlePublic: boolean;
  passages: CodingPassage[];
  articleCodes: Record<string, ArticleCodeValue | undefined>;
}

/** A refused or failed request: its HTTP status (0 when the server was not reached) and message. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: unknown;
  issues?: { param?: unknown; message?: unknown }[];
}

/** "error: param message; param message" from a JSON error body. */
export function errorMessage(status: number, body: ErrorBody | null): string {
  const base = typeof body?.error === "string" ? body.error : `the server answered ${status}`;
  const issues = Array.isArray(body?.issues)
    ? body.issues
        .filter((i) => typeof i?.param === "string" && typeof i?.message === "string")
        .map((i) => `${i.param} ${i.message}`)
    : [];
  return issues.length ? `${base} (${issues.join("; ")})` : base;
}

/** Sends one JSON request; resolves to the reply's JSON or throws a RequestError. */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestError(0, "could not reach the server (are you offline?)");
  }
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new RequestError(res.status, errorMessage(res.status, json), json);
  return json as T;
}

const articleUrl = (slug: string) => `/api/v1/articles/${encodeURIComponent(slug)}`;

export function getCoding(slug: string): Promise<Coding> {
  return requestJson<Coding>("GET", `${articleUrl(slug)}/codings?coder=me`);
}

export function takeArticle(slug: string, coder: string) {
  return requestJson<{ article: string; coder: string; assignedAt: string }>(
    "POST",
    `${articleUrl(slug)}/assignments`,
    { coder },
  );
}

export const codingUrls = {
  passages: (slug: string) => `${articleUrl(slug)}/passages`,
  passage: (id: number) => `/api/v1/passages/${id}`,
  articleCodes: (slug: string) => `${articleUrl(slug)}/article-codes`,
  done: (slug: string) => `${articleUrl(slug)}/done`,
  restore: (historyId: number) => `/api/v1/history/${historyId}/restore`,
};
