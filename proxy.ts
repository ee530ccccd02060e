import { NextResponse, type NextRequest } from "next/server";
import { newNonce } from "./app/lib/csp-nonce";

/**
 * A fresh nonce and Content-Security-Policy for every page request: scripts
 * run only from this origin with the nonce (Next.js adds it to its own
 * scripts), so text stored in the corpus can never execute, even if it
 * contained markup. Inline style attributes stay allowed for chart sizing
 * and colour swatches; they cannot run code.
 */
export function proxy(request: NextRequest) {
  // A path that is not valid percent-encoding (`/articles/%E0%A4%A`) would fail inside Next.js's
  // router with a bare 500; it is the client's mistake, so it gets a 400 that says so.
  if (!decodable(request.nextUrl.pathname)) return badPath(request);
  if (!wantsPagePolicy(request)) return NextResponse.next();
  const nonce = newNonce();
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badPath(request: NextRequest): NextResponse {
  const message = "the address is not valid: a % in it does not start a valid escape";
  if (request.nextUrl.pathname.startsWith("/api/"))
    return NextResponse.json(
      { error: message, issues: [{ param: "path", message: "is not valid percent-encoding" }] },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  return new NextResponse(`400 Bad Request: ${message}.`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Pages get the nonce policy; the API, images, static files and prefetches do not need it. */
function wantsPagePolicy(request: NextRequest): boolean {
  const path = request.nextUrl.pathname;
  if (/^\/(api\/|og(\/|$))/.test(path)) return false;
  const headers = request.headers;
  return !headers.has("next-router-prefetch") && headers.get("purpose") !== "prefetch";
}

// Pages (for the policy and the path check), and API paths holding a % (for the path check
// only). Other API requests never pass through here: the proxy would buffer their bodies (and cut
// them at 10 MB), where the routes stream and refuse oversized uploads early.
export const config = {
  matcher: [
    {
      source: "/((?!api/|og|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    "/api/:path(.*%.*)",
  ],
};
