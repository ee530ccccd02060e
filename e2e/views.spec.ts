import { expect, test, type APIRequestContext } from "@playwright/test";

/**
 * POST /api/v1/views, the app's only public write. The e2e server trusts
 * X-Forwarded-For (TRUST_PROXY=1), so each test acts as its own loopback
 * client and the per-client rate limit never leaks between tests.
 */

let clients = 0;
function newClient(): string {
  const { workerIndex, repeatEachIndex } = test.info();
  return `127.${100 + (workerIndex % 100)}.${repeatEachIndex % 250}.${(clients++ % 250) + 1}`;
}

type Issue = { param: string; message: string };

async function save(
  request: APIRequestContext,
  client: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return request.post("/api/v1/views", {
    data: typeof body === "string" ? Buffer.from(body) : Buffer.from(JSON.stringify(body)),
    headers: { "Content-Type": "application/json", "X-Forwarded-For": client, ...headers },
  });
}

async function params(res: Awaited<ReturnType<typeof save>>): Promise<string[]> {
  const body = await res.json();
  expect(typeof body.error).toBe("string");
  return body.issues.map((i: Issue) => i.param);
}

test.describe("saving a view", () => {
  test("a valid view is 201 with a 128-bit id, its URL, a Location header and the query in canonical form", async ({
    request,
  }) => {
    const res = await save(request, newClient(), {
      title: "Two dailies by article",
      query: "?unit=articles&outlets=joongang-daily,hankyoreh",
    });
    expect(res.status()).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(body.id, "base64url")).toHaveLength(16);
    expect(body.url).toBe(`/v/${body.id}`);
    expect(res.headers().location).toBe(body.url);
    expect(body.query).toBe("?outlets=hankyoreh,joongang-daily&unit=articles");
    expect(res.headers()["cache-control"]).toContain("no-store");

    // The saved page shows the title and the stored view, and links to it as an editable dashboard.
    const page = await request.get(body.url);
    expect(page.status()).toBe(200);
    const html = await page.text();
    expect(html).toContain("Two dailies by article");
    expect(html).toContain(`href="/?outlets=hankyoreh,joongang-daily&amp;unit=articles"`);
  });

  test("other non-canonical queries are stored canonically too", async ({ request }) => {
    const client = newClient();
    const cases: [string, string][] = [
      ["", ""],
      ["?", ""],
      ["unit=articles", "?unit=articles"],
      [
        "?genres=column,editorial,editorial&to=2024-06-30&from=2024-06-01",
        "?genres=editorial,column&from=2024-06-01&to=2024-06-30",
      ],
      ["?coder=FS-1&unit=passages", ""],
      [
        "?panel=ties.security_threat.hankyoreh&outlets=hankyoreh",
        "?outlets=hankyoreh&panel=ties.security_threat.hankyoreh",
      ],
    ];
    for (const [query, canonical] of cases) {
      const res = await save(request, client, { title: "canonical", query });
      expect(res.status(), query).toBe(201);
      expect((await res.json()).query, query).toBe(canonical);
    }
  });

  test("100 saved views get 100 distinct ids", async ({ request }) => {
    const ids = new Set<string>();
    // 25 per client keeps each under the limit of 30 a minute.
    for (let c = 0; c < 4; c++) {
      const client = newClient();
      for (let i = 0; i < 25; i++) {
        const res = await save(request, client, { title: `view ${c * 25 + i}`, query: "" });
        expect(res.status()).toBe(201);
        const { id } = await res.json();
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        ids.add(id);
      }
    }
    expect(ids.size).toBe(100);
  });

  test("invalid input is 400 naming the field", async ({ request }) => {
    const client = newClient();
    const cases: [string, unknown, string, RegExp][] = [
      ["missing title", { query: "" }, "title", /expected string/],
      ["empty title", { title: "", query: "" }, "title", /must not be empty/],
      ["blank title", { title: "   \t ", query: "" }, "title", /must not be empty/],
      [
        "121-character title",
        { title: "x".repeat(121), query: "" },
        "title",
        /at most 120 characters/,
      ],
      ["title not a string", { title: 42, query: "" }, "title", /expected string/],
      ["title an array", { title: ["a"], query: "" }, "title", /expected string/],
      ["unknown key", { title: "t", query: "", public: true }, "public", /not a known field/],
      ["missing query", { title: "t" }, "query", /expected string/],
      ["query not a string", { title: "t", query: null }, "query", /expected string/],
      [
        "query over 2,000 characters",
        { title: "t", query: `?outlets=${"x".repeat(2000)}` },
        "query",
        /at most 2000 characters/,
      ],
      [
        "query with an unknown outlet",
        { title: "t", query: "?outlets=hankyoreh,nyt" },
        "query.outlets",
        /unknown outlet "nyt"/,
      ],
      [
        "query with an impossible date",
        { title: "t", query: "?from=2024-02-30" },
        "query.from",
        /not a real date/,
      ],
      [
        "query with an unknown parameter",
        { title: "t", query: "?colour=red" },
        "query.colour",
        /not a known parameter/,
      ],
      [
        "query with a panel that is no chart cell",
        { title: "t", query: "?panel=ties.nothing.hankyoreh" },
        "query.panel",
        /not a chart cell/,
      ],
    ];
    for (const [what, body, param, message] of cases) {
      const res = await save(request, client, body);
      expect(res.status(), what).toBe(400);
      const json = await res.json();
      const issue = json.issues.find((i: Issue) => i.param === param);
      expect(issue, `${what}: ${JSON.stringify(json)}`).toBeTruthy();
      expect(issue.message, what).toMatch(message);
      expect(json.error, what).toContain(param);
    }
    // A 120-character title is fine, and surrounding blanks are trimmed.
    const longest = await save(request, client, { title: ` ${"x".repeat(120)} `, query: "" });
    expect(longest.status()).toBe(201);
  });

  test("a body over 4 kB is 413 and a body that is not JSON is 415 or 400", async ({ request }) => {
    const client = newClient();
    const big = await save(request, client, { title: "big", query: "x".repeat(4100) });
    expect(big.status()).toBe(413);
    expect((await big.json()).error).toBe("the body is larger than 4096 bytes");

    const text = await request.post("/api/v1/views", {
      data: Buffer.from("title=t&query="),
      headers: { "Content-Type": "text/plain", "X-Forwarded-For": client },
    });
    expect(text.status()).toBe(415);
    expect((await text.json()).error).toBe(
      "send the view as JSON (Content-Type: application/json)",
    );

    const form = await request.post("/api/v1/views", {
      form: { title: "t", query: "" },
      headers: { "X-Forwarded-For": client },
    });
    expect(form.status()).toBe(415);

    const broken = await save(request, client, '{"title": "t",');
    expect(broken.status()).toBe(400);
    expect(await params(broken)).toEqual(["body"]);
  });

  test("the 31st view within a minute is 429 with Retry-After, while another client still saves", async ({
    request,
  }) => {
    const client = newClient();
    for (let i = 1; i <= 30; i++) {
      const res = await save(request, client, { title: `burst ${i}`, query: "" });
      expect(res.status(), `request ${i}`).toBe(201);
    }
    const limited = await save(request, client, { title: "burst 31", query: "" });
    expect(limited.status()).toBe(429);
    const retryAfter = limited.headers()["retry-after"];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    const body = await limited.json();
    expect(body.error).toMatch(/too many saved views from this client; try again in \d+ s/);

    // Still limited: a forged leading X-Forwarded-For entry does not make a new client
    // (the address the proxy appends, the last one, is the client).
    const forged = await save(request, `127.250.250.250, ${client}`, {
      title: "forged",
      query: "",
    });
    expect(forged.status()).toBe(429);

    const other = await save(request, newClient(), { title: "someone else", query: "" });
    expect(other.status()).toBe(201);
  });

  test("an unknown or malformed view id is the 404 page", async ({ page }) => {
    for (const id of [
      "AAAAAAAAAAAAAAAAAAAAAA",
      "does-not-exist-at-all",
      "..%2F..%2Fetc%2Fpasswd",
      "x".repeat(5000),
      "%00",
    ]) {
      const res = await page.goto(`/v/${id}`);
      expect(res?.status(), id.slice(0, 40)).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    }
  });
});
