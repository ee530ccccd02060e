import { expect, test, type APIResponse } from "@playwright/test";

/**
 * Security headers as the running server sends them, on pages, the JSON API and the preview image.
 */

/** The CSP as directive → sources. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  expect(header, "Content-Security-Policy header").toBeTruthy();
  const out = new Map<string, string[]>();
  for (const part of header!.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

function nonceOf(scriptSrc: string[]): string {
  const nonces = scriptSrc.filter((s) => /^'nonce-[A-Za-z0-9+/=_-]+'$/.test(s));
  expect(nonces, "exactly one nonce in script-src").toHaveLength(1);
  return nonces[0].slice("'nonce-".length, -1);
}

function expectCommonHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toMatch(/camera=\(\)/);
  expect(h["permissions-policy"], what).toMatch(/microphone=\(\)/);
  expect(h["permissions-policy"], what).toMatch(/geolocation=\(\)/);
  expect(h["x-frame-options"], what).toBe("DENY");
}

const PAGES = [
  "/",
  "/compare",
  "/codebook",
  "/articles/hankyoreh-dangerous-game",
  "/?unit=1",
  "/articles/no-such-article",
];

test.describe("security headers", () => {
  test("pages allow scripts only from this origin with a per-request nonce, and may not be framed", async ({
    request,
  }) => {
    for (const url of PAGES) {
      const res = await request.get(url);
      expect([200, 404], url).toContain(res.status());
      expectCommonHeaders(res, url);
      const csp = parseCsp(res.headers()["content-security-policy"]);
      const scriptSrc = csp.get("script-src") ?? [];
      expect(scriptSrc, url).toContain("'self'");
      nonceOf(scriptSrc);
      expect(scriptSrc, url).not.toContain("'unsafe-eval'");
      expect(scriptSrc, url).not.toContain("'unsafe-inline'");
      // Nothing else may load scripts: only 'self', the nonce and 'strict-dynamic' (which trusts
      // only nonce'd scripts).
      for (const s of scriptSrc)
        expect(
          ["'self'", "'strict-dynamic'"].includes(s) || s.startsWith("'nonce-"),
          `${url}: ${s}`,
        ).toBe(true);
      expect(csp.get("frame-ancestors"), url).toEqual(["'none'"]);
      expect(csp.get("object-src"), url).toEqual(["'none'"]);
      expect(csp.get("base-uri"), url).toEqual(["'self'"]);
    }
  });

  test("the nonce differs between two requests and is the one on every <script> tag of the page", async ({
    request,
  }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await request.get("/");
      expect(res.status()).toBe(200);
      const nonce = nonceOf(
        parseCsp(res.headers()["content-security-policy"]).get("script-src") ?? [],
      );
      expect(Buffer.from(nonce, "base64").length, "at least 128 bits").toBeGreaterThanOrEqual(16);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(3);
      for (const tag of scripts) expect(tag.match(/\snonce="([^"]*)"/)?.[1], tag).toBe(nonce);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("the nonce is the one the browser sees on the page's scripts, and the page runs under the CSP without violations", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto("/");
    const nonce = nonceOf(
      parseCsp(res?.headers()["content-security-policy"]).get("script-src") ?? [],
    );
    // Browsers hide the nonce attribute from the DOM; the `nonce` property keeps it.
    // Scripts in the server's HTML carry the nonce; chart chunks the app's own loader adds later
    // are same-origin build files, trusted through 'strict-dynamic'.
    const html = await (await page.request.get("/")).text();
    expect([...html.matchAll(/<script\b[^>]*>/g)].length).toBeGreaterThan(3);
    const scripts = await page.locator("script").evaluateAll((els) =>
      els.map((e) => {
        const s = e as HTMLScriptElement;
        return {
          nonce: s.nonce,
          src: s.src ? new URL(s.src).pathname : "",
          origin: s.src ? new URL(s.src).origin : location.origin,
          inline: !!s.textContent,
        };
      }),
    );
    expect(scripts.length).toBeGreaterThan(3);
    for (const s of scripts) {
      if (s.nonce !== nonce) {
        expect(s.inline, "an inline script without the nonce").toBe(false);
        expect(s.origin).toBe(new URL(page.url()).origin);
        expect(s.src).toMatch(/^\/_next\/static\/chunks\//);
      }
    }
    expect(scripts.filter((s) => s.nonce === nonce).length).toBeGreaterThan(3);
    await expect(page.locator("form.filter-bar")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("API responses carry the same headers and a CSP that allows nothing", async ({
    request,
  }) => {
    const cases: [string, string, number][] = [
      ["GET", "/api/v1/outlets", 200],
      ["GET", "/api/v1/articles", 200],
      ["GET", "/api/v1/articles?from=2024-02-30", 400],
      ["GET", "/api/v1/articles/no-such-article", 404],
      ["GET", "/api/v1/frames?dimension=ties", 200],
      ["GET", "/api/health", 200],
      ["DELETE", "/api/v1/outlets", 405],
      ["GET", "/api/v1/views", 405],
    ];
    for (const [method, url, status] of cases) {
      const res = await request.fetch(url, { method });
      const what = `${method} ${url}`;
      expect(res.status(), what).toBe(status);
      expectCommonHeaders(res, what);
      const csp = parseCsp(res.headers()["content-security-policy"]);
      expect(csp.get("default-src"), what).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
      expect(csp.has("script-src"), what).toBe(false);
      expect(res.headers()["cache-control"], what).toContain("no-store");
      expect(res.headers()["content-type"], what).toContain("application/json");
    }
  });

  test("the link-preview image carries the same headers and a CSP that allows nothing", async ({
    request,
  }) => {
    for (const url of ["/og", "/og?outlets=hankyoreh&unit=articles"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()["content-type"], url).toBe("image/png");
      expectCommonHeaders(res, url);
      const csp = parseCsp(res.headers()["content-security-policy"]);
      expect(csp.get("default-src"), url).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors"), url).toEqual(["'none'"]);
    }
  });
});
