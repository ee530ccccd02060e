import "server-only";
import { NextResponse } from "next/server";
import type { FilterIssue } from "./filters";

/** JSON error body shared by every endpoint: `{ error, issues? }`. */
export function jsonError(status: number, error: string, issues?: FilterIssue[]): NextResponse {
  return NextResponse.json(issues ? { error, issues } : { error }, { status, headers: { "Cache-Control": "no-store" } });
}

export function badRequest(issues: FilterIssue[]): NextResponse {
  const names = [...new Set(issues.map((i) => i.param))].join(", ");
  return jsonError(400, `invalid parameter${issues.length > 1 ? "s" : ""}: ${names}`, issues);
}

/** True when an error means PostgreSQL cannot be reached (down, restarting, refusing connections). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message } = e as { code?: string; message?: string };
    if (code && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "P1001", "P1002", "P1017", "P2024"].includes(code)) return true;
    if (message && /ECONNREFUSED|Connection terminated|terminating connection|the database system is (starting up|shutting down)|Can't reach database|Connection refused|connect ECONN/i.test(message)) return true;
  }
  return false;
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
