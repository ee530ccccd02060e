import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isDatabaseUnavailable } from "./db-errors";
import type { Vocabulary } from "./filters";
import { getVocabulary } from "./queries/vocabulary";
import { toParamIssues, toQueryRecord, type ParamIssue } from "./query-params";

/*
 * The one wrapper for API route handlers. A route file reads:
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
 *     GET: route({ query: (vocab) => filtersQuery(vocab) }, async ({ query }) =>
 *       ok(await getX(query.filters)),
 *     ),
 *   });
 *
 * route() parses the query with the route's zod schema (unknown parameters
 * and bad values answer 400 `{ error, issues: [{ param, message }] }`), maps a
 * database outage to 503 and anything unexpected to a 500 that says what
 * happened; methods() answers every method the route does not take with a
 * JSON 405 and an Allow header.
 */

/** JSON error body shared by every endpoint: `{ error, issues? }`. */
export function jsonError(status: number, error: string, issues?: ParamIssue[]): NextResponse {
  return NextResponse.json(issues ? { error, issues } : { error }, {
    status,
    headers: { "Cache-Control": "no-store" },
  });
}

export function badRequest(issues: ParamIssue[]): NextResponse {
  const names = [...new Set(issues.map((i) => i.param))].join(", ");
  return jsonError(400, `invalid parameter${issues.length > 1 ? "s" : ""}: ${names}`, issues);
}

export function ok(body: unknown): NextResponse {
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
}

/**
 * Runs a handler; a database outage becomes 503, anything unexpected a 500 that still says what
 * happened.
 */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (isDatabaseUnavailable(err))
      return jsonError(503, "the database is unavailable; try again shortly");
    console.error(err);
    return jsonError(500, "an unexpected error occurred while answering this request");
  }
}

// Its input is the query as name → values (QueryRecord).
type QuerySchema<Q> = z.ZodType<Q>;
type RouteContext<P> = { params: Promise<P> };
export type RouteHandler = (
  req: NextRequest,
  ctx: RouteContext<Record<string, string>>,
) => Promise<Response>;

const NO_PARAMETERS = z.strictObject({});

/**
 * One API handler: parse → check → answer. `query` is a zod schema over the
 * query (name → values), or a function of the vocabulary (outlets, coders,
 * dimensions) that builds one; without it, any query parameter is a 400.
 */
export function route<Q = Record<string, never>, P = Record<string, string>>(
  spec: {
    query?: QuerySchema<Q> | ((vocab: Vocabulary & { dimensions: string[] }) => QuerySchema<Q>);
  },
  handler: (input: { req: NextRequest; query: Q; params: P }) => Promise<Response>,
): RouteHandler {
  return (req, ctx) =>
    handle(async () => {
      const schema =
        typeof spec.query === "function"
          ? spec.query(await getVocabulary())
          : (spec.query ?? NO_PARAMETERS);
      const parsed = (schema as QuerySchema<Q>).safeParse(toQueryRecord(req.nextUrl.searchParams));
      if (!parsed.success) return badRequest(toParamIssues(parsed.error));
      return handler({ req, query: parsed.data, params: (await ctx.params) as P });
    });
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * A route module's handlers: the given ones, a JSON 405 with `Allow` for every
 * other method (instead of Next's empty 405), and OPTIONS answering 204 with
 * the same `Allow`.
 */
export function methods(
  handlers: Partial<Record<Method, RouteHandler>>,
): Record<Method | "OPTIONS", RouteHandler> {
  const allowed = METHODS.filter((m) => handlers[m]);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: RouteHandler = async (req) => {
    const res = jsonError(405, `${req.method} is not allowed on this endpoint; allowed: ${allow}`);
    res.headers.set("Allow", allow);
    return res;
  };
  const out = Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Record<
    Method | "OPTIONS",
    RouteHandler
  >;
  out.OPTIONS = async () =>
    new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } });
  return out;
}
