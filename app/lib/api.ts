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
