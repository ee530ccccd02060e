import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { type Actor, getActor, sameOrigin } from "./auth/actor";
import { isDatabaseUnavailable } from "./db-errors";
import type { Vocabulary } from "./filters";
import { cachedVocabulary } from "./queries/dashboard";
import { dataVersion } from "./versioned-cache";
import { toParamIssues, toQueryRecord, type ParamIssue } from "./query-params";
import { readBodyText } from "./views";

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
 *
 * A write route names who may call it and its JSON body:
 *
 *   POST: route({ auth: "user", body: passageInput }, async ({ actor, body, params }) => …)
 *
 * Checks run in this order: no credentials at all → 401; credentials that do not hold → 401;
 * a cookie-authenticated write whose Origin is not this host → 403 (CSRF); a role the route
 * does not admit → 403; then the query and body → 400 naming the field (a body that is not
 * JSON → 415, one over the size limit → 413). Services throw ApiError for 403/404/409.
 */

/** An error a service raises to answer with its status and message (and extra JSON fields). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ParamIssue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

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
    if (err instanceof ApiError) {
      const body: Record<string, unknown> = { error: err.message, ...err.extra };
      if (err.issues) body.issues = err.issues;
      return NextResponse.json(body, {
        status: err.status,
        headers: { "Cache-Control": "no-store" },
      });
    }
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
/** The largest JSON body a write takes unless its route says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type Who = "user" | "admin";
type Handler<Q, P, B, A> = (input: {
  req: NextRequest;
  query: Q;
  params: P;
  body: B;
  actor: A;
}) => Promise<Response>;

/** Who is calling, checked in the order the wrapper promises; a Response when refused. */
async function authorise(req: NextRequest, who: Who): Promise<Actor | Response> {
  const result = await getActor(req.headers);
  if (result.kind === "anonymous")
    return jsonError(401, "sign in, or send an API token (Authorization: Bearer …)");
  if (result.kind === "refused") {
    const res = jsonError(result.status, result.message);
    if (result.retryAfter) res.headers.set("Retry-After", String(result.retryAfter));
    return res;
  }
  const { actor } = result;
  if (
    actor.via === "session" &&
    req.method !== "GET" &&
    req.method !== "HEAD" &&
    !sameOrigin(req.headers)
  )
    return jsonError(
      403,
      "this request did not come from this site (Origin does not match the host)",
    );
  if (who === "admin" && actor.role !== "admin") return jsonError(403, "only an admin may do this");
  return actor;
}

/** The request body as JSON, checked by `schema`; a Response when it is not acceptable. */
async function readJsonBody<B>(
  req: NextRequest,
  schema: z.ZodType<B>,
  maxBytes: number,
): Promise<{ body: B } | Response> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json")
    return jsonError(415, "send the body as JSON (Content-Type: application/json)");
  const tooLarge = () => jsonError(413, `the body is larger than ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) return tooLarge();
  const text = await readBodyText(req, maxBytes);
  if (text === null) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return jsonError(400, "the body is not valid JSON", [
      { param: "body", message: "is not valid JSON" },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return badRequest(bodyIssues(parsed.error));
  return { body: parsed.data };
}

/**
 * zod issues of a body as `{ param, message }`, the param being the field's path (`weapons.code`);
 * an unknown field is named itself (`quote`), not the object that holds it.
 */
export function bodyIssues(error: z.ZodError): ParamIssue[] {
  return toParamIssues(error, "is not a field of this request", "body");
}

/**
 * One API handler: authorise → parse → answer. `query` is a zod schema over the
 * query (name → values), or a function of the vocabulary (outlets, coders,
 * dimensions) that builds one; without it, any query parameter is a 400.
 * `auth` admits signed-in users (any role) or admins only; `body` is the JSON body's schema.
 */
export function route<Q = Record<string, never>, P = Record<string, string>, B = undefined>(
  spec: {
    query?: QuerySchema<Q> | ((vocab: Vocabulary & { dimensions: string[] }) => QuerySchema<Q>);
    body?: z.ZodType<B>;
    maxBodyBytes?: number;
    auth?: undefined;
  },
  handler: Handler<Q, P, B, null>,
): RouteHandler;
export function route<Q = Record<string, never>, P = Record<string, string>, B = undefined>(
  spec: {
    query?: QuerySchema<Q> | ((vocab: Vocabulary & { dimensions: string[] }) => QuerySchema<Q>);
    body?: z.ZodType<B>;
    maxBodyBytes?: number;
    auth: Who;
  },
  handler: Handler<Q, P, B, Actor>,
): RouteHandler;
export function route<Q, P, B>(
  spec: {
    query?: QuerySchema<Q> | ((vocab: Vocabulary & { dimensions: string[] }) => QuerySchema<Q>);
    body?: z.ZodType<B>;
    maxBodyBytes?: number;
    auth?: Who;
  },
  // Each overload's handler takes its own actor type; this one is called with whichever applies.
  handler: Handler<Q, P, B, never>,
): RouteHandler {
  return (req, ctx) =>
    handle(async () => {
      let actor: Actor | null = null;
      if (spec.auth) {
        const who = await authorise(req, spec.auth);
        if (who instanceof Response) return who;
        actor = who;
      }
      const schema =
        typeof spec.query === "function"
          ? spec.query(await cachedVocabulary(await dataVersion()))
          : (spec.query ?? NO_PARAMETERS);
      const parsed = (schema as QuerySchema<Q>).safeParse(toQueryRecord(req.nextUrl.searchParams));
      if (!parsed.success) return badRequest(toParamIssues(parsed.error));
      let body = undefined as B;
      if (spec.body) {
        const read = await readJsonBody(
          req,
          spec.body,
          spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        );
        if (read instanceof Response) return read;
        body = read.body;
      }
      return (handler as Handler<Q, P, B, Actor | null>)({
        req,
        query: parsed.data,
        params: (await ctx.params) as P,
        body,
        actor,
      });
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
