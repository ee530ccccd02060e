import { describe, expect, it } from "vitest";
import {
  type CachedPage,
  PageCache,
  cacheKey,
  capturePage,
  isCacheableRequest,
  renderPage,
} from "./page-cache";
import { newNonce } from "../csp-nonce";

const NONCE = newNonce();
const CSP = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`;
const HTML = [
  "<!DOCTYPE html><html><head>",
  `<script nonce="${NONCE}">self.__next_f=[]</script>`,
  "</head><body><p>Hankyoreh · 2 articles</p>",
  `<script nonce="${NONCE}">self.__next_f.push([1,"{\\"nonce\\":\\"${NONCE}\\"}"])</script>`,
  "</body></html>",
].join("");
const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CSP,
  "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
  vary: "rsc, Accept-Encoding",
  date: "Sun, 29 Nov 2026 22:00:00 GMT",
  "transfer-encoding": "chunked",
  "x-frame-options": "DENY",
};

function kept(): CachedPage {
  const page = capturePage(200, HEADERS, Buffer.from(HTML));
  if (!page) throw new Error("the page was not kept");
  return page;
}

describe("isCacheableRequest", () => {
  it("takes anonymous GETs of the public reading pages, with their query", () => {
    for (const url of [
      "/",
      "/?outlets=hankyoreh&from=2024-06-01",
      "/compare?a=hankyoreh&b=joongang",
      "/codebook",
      "/agreement",
      "/articles/hankyoreh-2024-06-20-x",
    ])
      expect(isCacheableRequest("GET", url, {}), url).toBe(true);
  });

  it("leaves other pages, methods, credentials and the router's own requests to Next.js", () => {
    const refused: [string, string, Record<string, string>][] = [
      ["POST", "/", {}],
      ["HEAD", "/", {}],
      ["GET", "/code", {}],
      ["GET", "/admin/users", {}],
      ["GET", "/sign-in", {}],
      ["GET", "/v/abc", {}],
      ["GET", "/api/v1/frames", {}],
      ["GET", "/articles/a/b", {}],
      ["GET", "/", { authorization: "Bearer x" }],
      ["GET", "/", { cookie: "theme=dark; better-auth.session_token=abc" }],
      ["GET", "/", { cookie: "__Secure-better-auth.session_token=abc" }],
      ["GET", "/", { rsc: "1" }],
      ["GET", "/", { "next-router-state-tree": "%5B%5D" }],
      ["GET", "/", { "next-router-prefetch": "1" }],
      ["GET", "/", { "next-action": "abc" }],
      ["GET", "/", { purpose: "prefetch" }],
    ];
    for (const [method, url, headers] of refused)
      expect(
        isCacheableRequest(method, url, headers),
        `${method} ${url} ${JSON.stringify(headers)}`,
      ).toBe(false);
    // A cookie that is not a session does not make the page personal.
    expect(isCacheableRequest("GET", "/", { cookie: "theme=dark" })).toBe(true);
  });
});

describe("cacheKey", () => {
  it("changes with the data version, the day and the address", () => {
    const day = new Date("2026-11-29T23:59:00Z");
    const keys = new Set([
      cacheKey(7n, "/", day),
      cacheKey(8n, "/", day),
      cacheKey(7n, "/", new Date("2026-11-30T00:00:00Z")),
      cacheKey(7n, "/?outlets=hankyoreh", day),
    ]);
    expect(keys.size).toBe(4);
    expect(cacheKey(7n, "/", day)).toBe(cacheKey(7n, "/", new Date("2026-11-29T00:00:01Z")));
  });
});

describe("capturePage and renderPage", () => {
  it("serves the page with a new nonce everywhere the render's nonce was, and nowhere else", () => {
    const page = kept();
    const fresh = newNonce();
    expect(fresh).not.toBe(NONCE);
    const { headers, body } = renderPage(page, fresh);
    const text = body.toString();
    expect(text).toBe(HTML.split(NONCE).join(fresh));
    expect(text).not.toContain(NONCE);
    const csp = new Map(headers).get("content-security-policy");
    expect(csp).toBe(CSP.replace(NONCE, fresh));
  });

  it("keeps the page's own headers and drops those of one response", () => {
    const names = kept().headers.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining(["content-type", "cache-control", "vary", "x-frame-options"]),
    );
    expect(names).not.toContain("date");
    expect(names).not.toContain("transfer-encoding");
  });

  it("two hits never share a nonce", () => {
    const page = kept();
    const nonces = new Set(
      Array.from({ length: 100 }, () => {
        const csp = new Map(renderPage(page, newNonce()).headers).get("content-security-policy");
        return /'nonce-([^']+)'/.exec(String(csp))?.[1];
      }),
    );
    expect(nonces.size).toBe(100);
  });

  it("keeps nothing but a complete, cookie-free HTML page with a nonce that is not the outage page", () => {
    const body = Buffer.from(HTML);
    expect(capturePage(500, HEADERS, body)).toBeNull();
    expect(capturePage(404, HEADERS, body)).toBeNull();
    expect(capturePage(200, { ...HEADERS, "set-cookie": ["a=b"] }, body)).toBeNull();
    expect(capturePage(200, { ...HEADERS, "content-type": "text/x-component" }, body)).toBeNull();
    expect(
      capturePage(200, { ...HEADERS, "content-security-policy": "default-src 'self'" }, body),
    ).toBeNull();
    const outage = Buffer.from(HTML.replace("<p>", '<main data-testid="db-unavailable"><p>'));
    expect(capturePage(200, HEADERS, outage)).toBeNull();
    const streamed = Buffer.from(
      HTML.replace("<p>", '<!--$?--><template id="B:0"></template><p>computing…</p><!--/$--><p>'),
    );
    expect(capturePage(200, HEADERS, streamed)).toBeNull();
    const completed = Buffer.from(HTML.replace("<p>", "<!--$--><p>α: 0.81</p><!--/$--><p>"));
    expect(capturePage(200, HEADERS, completed)).not.toBeNull();
  });
});

describe("PageCache", () => {
  const page = (bytes: number): CachedPage => ({
    status: 200,
    headers: [],
    parts: [Buffer.alloc(bytes)],
    bytes,
  });

  it("drops the least recently used pages beyond its byte budget", () => {
    const cache = new PageCache(1000);
    cache.set("a", page(200));
    cache.set("b", page(200));
    cache.set("c", page(200));
    cache.get("a");
    cache.set("d", page(200));
    cache.set("e", page(200));
    expect(cache.usedBytes).toBe(1000);
    cache.set("f", page(200));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.usedBytes).toBeLessThanOrEqual(1000);
    // A page larger than a quarter of the budget is never kept.
    cache.set("huge", page(300));
    expect(cache.get("huge")).toBeUndefined();
  });

  it("forgets every page when a newer data version is seen", () => {
    const cache = new PageCache();
    cache.seeVersion(3n);
    cache.set(cacheKey(3n, "/"), page(10));
    cache.seeVersion(3n);
    expect(cache.size).toBe(1);
    cache.seeVersion(4n);
    expect(cache.size).toBe(0);
    expect(cache.usedBytes).toBe(0);
  });

  it("lets readers wait for a render in flight, and keeps its page", async () => {
    const cache = new PageCache();
    let finish!: (p: CachedPage | null) => void;
    cache.track("k", new Promise((resolve) => (finish = resolve)));
    const waiting = cache.pending("k");
    expect(waiting).toBeDefined();
    finish(page(10));
    expect(await waiting).not.toBeNull();
    expect(cache.get("k")).toBeDefined();
    await Promise.resolve();
    expect(cache.pending("k")).toBeUndefined();
  });

  it("a render that is not kept or that fails leaves nothing behind", async () => {
    const cache = new PageCache();
    expect(await cache.track("n", Promise.resolve(null))).toBeNull();
    expect(await cache.track("f", Promise.reject(new Error("broke")))).toBeNull();
    expect(cache.size).toBe(0);
  });
});
