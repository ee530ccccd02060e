import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { badRequest, jsonError, methods, route } from "@/app/lib/api";
import { createRateLimiter } from "@/app/lib/rate-limit";
import {
  MAX_VIEW_BODY_BYTES,
  readBodyText,
  saveView,
  viewInput,
  viewInputIssues,
} from "@/app/lib/views";

const limiter = createRateLimiter(Number(process.env.VIEWS_RATE_LIMIT ?? 30), 60_000);

// Behind a reverse proxy (TRUST_PROXY=1) the client is the address that proxy appended: the last
// X-Forwarded-For entry (earlier entries are whatever the client claimed and could be forged to
// dodge the limit). Without a trusted proxy the header is the client's own claim and is not used.
function clientKey(req: NextRequest): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
}

/**
 * `application/json`, with or without parameters such as `charset=utf-8`; not `application/jsonx`
 * or `text/plain`.
 */
function isJson(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === "application/json";
}

const tooLarge = () => jsonError(413, `the body is larger than ${MAX_VIEW_BODY_BYTES} bytes`);

/** Saves the current dashboard view under a title: 201 { id, url }. The app's only public write. */
async function saveViewHandler({ req }: { req: NextRequest }): Promise<Response> {
  const limited = limiter(clientKey(req));
  if (!limited.ok) {
    const res = jsonError(
      429,
      `too many saved views from this client; try again in ${limited.retryAfter} s`,
    );
    res.headers.set("Retry-After", String(limited.retryAfter));
    return res;
  }
  if (!isJson(req.headers.get("content-type"))) {
    return jsonError(415, "send the view as JSON (Content-Type: application/json)");
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_VIEW_BODY_BYTES) return tooLarge();
  // Read at most the limit, whatever Content-Length says (a chunked body declares none).
  const text = await readBodyText(req, MAX_VIEW_BODY_BYTES);
  if (text === null) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return jsonError(400, "the body is not valid JSON", [
      { param: "body", message: "is not valid JSON" },
    ]);
  }
  const parsed = viewInput.safeParse(json);
  if (!parsed.success) return badRequest(viewInputIssues(parsed.error));
  const saved = await saveView(parsed.data);
  if ("issues" in saved) return badRequest(saved.issues);
  const url = `/v/${saved.id}`;
  return NextResponse.json(
    { id: saved.id, url, query: saved.query },
    { status: 201, headers: { Location: url, "Cache-Control": "no-store" } },
  );
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, saveViewHandler),
});
