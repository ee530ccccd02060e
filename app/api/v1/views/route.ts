import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { badRequest, handle, jsonError } from "@/app/lib/api";
import { createRateLimiter } from "@/app/lib/rate-limit";
import { MAX_VIEW_BODY_BYTES, saveView, viewInput } from "@/app/lib/views";

const limiter = createRateLimiter(Number(process.env.VIEWS_RATE_LIMIT ?? 30), 60_000);

// Behind a reverse proxy (TRUST_PROXY=1) the client is the first X-Forwarded-For address;
// otherwise that header is the client's own claim and is not trusted.
function clientKey(req: NextRequest): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0].trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
}

/** Saves the current dashboard view under a title: 201 { id, url }. The app's only public write. */
export async function POST(req: NextRequest) {
  return handle(async () => {
    const limited = limiter(clientKey(req));
    if (!limited.ok) {
      const res = jsonError(429, `too many saved views from this client; try again in ${limited.retryAfter} s`);
      res.headers.set("Retry-After", String(limited.retryAfter));
      return res;
    }
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return jsonError(415, "send the view as JSON (Content-Type: application/json)");
    }
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > MAX_VIEW_BODY_BYTES) return jsonError(413, `the body is larger than ${MAX_VIEW_BODY_BYTES} bytes`);
    const text = await req.text();
    if (Buffer.byteLength(text) > MAX_VIEW_BODY_BYTES) return jsonError(413, `the body is larger than ${MAX_VIEW_BODY_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return jsonError(400, "the body is not valid JSON", [{ param: "body", message: "is not valid JSON" }]);
    }
    const parsed = viewInput.safeParse(json);
    if (!parsed.success) {
      return badRequest(parsed.error.issues.map((i) => ({ param: i.path.join(".") || "body", message: i.message })));
    }
    const saved = await saveView(parsed.data);
    if ("issues" in saved) return badRequest(saved.issues);
    const url = `/v/${saved.id}`;
    return NextResponse.json({ id: saved.id, url, query: saved.query }, { status: 201, headers: { Location: url, "Cache-Control": "no-store" } });
  });
}
