/**
 * The shared-link page cache: a public page that many anonymous readers open at once (a dashboard
 * link pasted into a newsroom's chat) is rendered once per address and data version, then served
 * from memory with a fresh CSP nonce for every response.
 *
 * - **Which requests.** GET of a public reading page (PUBLIC_PAGES) without credentials (no
 *   Authorization header, no session cookie) and without the router's RSC headers.
 * - **Key.** The data version (data_version, bumped by every write to the corpus, codings,
 *   coders, assignments and settings), the UTC day (pages print today's date in their
 *   downloads) and the address as requested. A write is therefore visible at the next request.
 * - **What is kept.** The body with its nonce cut out, and the response's headers with the CSP's
 *   nonce likewise. Every hit gets a new nonce in both places, so the policy is exactly as strict
 *   as a fresh render's: the nonce is unpredictable and never repeats between responses.
 * - **What is not kept.** Anything but a complete 200 text/html response without Set-Cookie, a
 *   page streamed with a boundary still pending (its placeholder would stay for readers without
 *   JavaScript), and the "database unavailable" page.
 */

/** Reading pages that depend on nothing but their address and the data. */
const PUBLIC_PAGES = [
  /^\/$/,
  /^\/compare$/,
  /^\/codebook$/,
  /^\/agreement$/,
  /^\/articles\/[^/]+$/,
];

/** Request headers of the App Router's own fetches (RSC payloads, prefetches, server actions). */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
];

/** Response headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);

export const CACHE_STATUS_HEADER = "x-framescope-page-cache";

type Headers = Record<string, string | string[] | undefined>;

/** Whether a request may be answered from the cache (and its response kept for others). */
export function isCacheableRequest(method: string | undefined, url: string, headers: Headers) {
  if (method !== "GET") return false;
  const path = url.split("?", 1)[0];
  if (!PUBLIC_PAGES.some((page) => page.test(path))) return false;
  if (headers.authorization !== undefined) return false;
  if (ROUTER_HEADERS.some((name) => headers[name] !== undefined)) return false;
  if (headers.purpose === "prefetch") return false;
  const cookie = headers.cookie;
  const cookies = Array.isArray(cookie) ? cookie.join(";") : (cookie ?? "");
  // better-auth's session cookies (with or without the __Secure- prefix).
  return !/better-auth/i.test(cookies);
}

export function cacheKey(version: bigint, url: string, now: Date = new Date()): string {
  return `${version}|${now.toISOString().slice(0, 10)}|${url}`;
}

export interface CachedPage {
  status: number;
  /** Response headers, per-response ones left out; the CSP holds NONCE_SLOT for its nonce. */
  headers: [string, string | string[]][];
  /** The body cut at every occurrence of the render's nonce. */
  parts: Buffer[];
  bytes: number;
}

const NONCE_SLOT = "\u0000nonce\u0000";

/**
 * Keeps a rendered response for others, or null when it must not be kept. The render's nonce is
 * read from its CSP header; a page without one is not kept, since a hit could not renew it.
 */
export function capturePage(status: number, headers: Headers, body: Buffer): CachedPage | null {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  const type = String(headers["content-type"] ?? "");
  if (!type.startsWith("text/html")) return null;
  const csp = headers["content-security-policy"];
  const nonce = typeof csp === "string" ? /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] : undefined;
  if (!nonce) return null;
  if (body.includes('data-testid="db-unavailable"')) return null;
  // A boundary still pending when the page was sent (React's <!--$?-->) is filled in by an inline
  // script: readers without JavaScript would keep its placeholder. The next render, with its data
  // warm, completes it in place and is kept instead.
  if (body.includes("<!--$?-->")) return null;
  const kept: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_RESPONSE.has(name)) continue;
    kept.push([
      name,
      name === "content-security-policy" ? String(value).split(nonce).join(NONCE_SLOT) : value,
    ]);
  }
  const parts: Buffer[] = [];
  const needle = Buffer.from(nonce);
  let from = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return { status, headers: kept, parts, bytes: body.length };
}

/** The kept page with a fresh nonce: its headers and body. */
export function renderPage(page: CachedPage, nonce: string) {
  const headers = page.headers.map(([name, value]): [string, string | string[]] =>
    name === "content-security-policy"
      ? [name, String(value).split(NONCE_SLOT).join(nonce)]
      : [name, value],
  );
  const slot = Buffer.from(nonce);
  const chunks: Buffer[] = [];
  page.parts.forEach((part, i) => {
    if (i > 0) chunks.push(slot);
    chunks.push(part);
  });
  return { headers, body: Buffer.concat(chunks) };
}

/**
 * Least-recently-used pages up to a byte budget, plus the renders in flight, so that readers
 * arriving together for an address wait for one render instead of starting their own.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly inFlight = new Map<string, Promise<CachedPage | null>>();
  private bytes = 0;
  /** Entries from older data versions are dropped as soon as a newer version is seen. */
  private version: bigint | null = null;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get size() {
    return this.pages.size;
  }

  get usedBytes() {
    return this.bytes;
  }

  /** Forgets every page once the data has changed: they can never be asked for again. */
  seeVersion(version: bigint) {
    if (this.version === null || version > this.version) {
      if (this.version !== null) this.clear();
      this.version = version;
    }
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage) {
    if (page.bytes > this.maxBytes / 4) return;
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.bytes -= old.bytes;
    }
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, evicted] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= evicted.bytes;
    }
  }

  pending(key: string): Promise<CachedPage | null> | undefined {
    return this.inFlight.get(key);
  }

  /** Marks a render of `key` in flight until `done` settles; its page is kept if there is one. */
  track(key: string, done: Promise<CachedPage | null>) {
    const tracked = done.then(
      (page) => {
        if (page) this.set(key, page);
        return page;
      },
      () => null,
    );
    this.inFlight.set(key, tracked);
    void tracked.finally(() => {
      if (this.inFlight.get(key) === tracked) this.inFlight.delete(key);
    });
    return tracked;
  }

  clear() {
    this.pages.clear();
    this.bytes = 0;
  }
}
