import "server-only";
import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "./db-errors";
import type { FilterIssue } from "./filters";

/** JSON error body shared by every endpoint: `{ error, issues? }`. */
export function jsonError(status: number, error: string, issues?: FilterIssue[]): NextResponse {
  return NextResponse.json(issues ? { error, issues } : { error }, { status, headers: { "Cache-Control": "no-store" } });
}

export function badRequest(issues: FilterIssue[]): NextResponse {
  const names = [...new Set(issues.map((i) => i.param))].join(", ");
  return jsonError(400, `invalid parameter${issues.length > 1 ? "s" : ""}: ${names}`, issues);
}

/** Runs a handler; a database outage becomes 503, anything unexpected a 500 that still says what happened. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return jsonError(503, "the database is unavailable; try again shortly");
    console.error(err);
    return jsonError(500, "an unexpected error occurred while answering this request");
  }
}

export function ok(body: unknown): NextResponse {
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
}

type RouteHandler = (req: Request) => Response;
const OTHER_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;
type OtherMethod = (typeof OTHER_METHODS)[number];

/**
 * Handlers for every method a route does not take: 405 with a JSON message and
 * an `Allow` header, instead of Next's empty 405. OPTIONS answers 204 with the
 * same `Allow` (Next's automatic OPTIONS would also list these handlers).
 * Usage: `export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");`
 */
export function otherMethods(...allowed: OtherMethod[]): Record<OtherMethod | "OPTIONS", RouteHandler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: RouteHandler = (req) => {
    const res = jsonError(405, `${req.method} is not allowed on this endpoint; allowed: ${allow}`);
    res.headers.set("Allow", allow);
    return res;
  };
  const handlers = Object.fromEntries(OTHER_METHODS.map((m) => [m, notAllowed])) as Record<OtherMethod | "OPTIONS", RouteHandler>;
  handlers.OPTIONS = () => new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } });
  return handlers;
}
