/**
 * Page benchmark on the real corpus: `npm run bench:page [-- --runs 15]`.
 * Against a production server, in Chromium (scripts/lib/chromium.ts), it prints the
 * first-load JS of `/` (gzipped), the dashboard HTML's time (one shared address
 * from the page cache, and a new address each time, rendered), time to
 * first chart and to all charts, and a filter change → all charts redrawn,
 * each as median and p95, and the largest cumulative layout shift of a load.
 */
import { chartTimings, firstLoadJs, median, percentile, startBenchServer } from "./bench-support";
import { randomBytes } from "node:crypto";
import { parseArgsOrExit } from "./lib/args";
import { launchChromium } from "./lib/chromium";

const {
  values: { runs },
} = parseArgsOrExit("bench:page", "usage: npm run bench:page [-- --runs 15]", {
  runs: { type: "number", integer: true, min: 1, default: 15 },
});

const fmt = (s: { p50: number; p95: number; n: number }) =>
  `median ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (n=${s.n})`;

/**
 * The coding workspace needs a signed-in coder: a throwaway account (no coder key, so it leaves no
 * coder behind) signs in, the page's scripts are measured, and the account is deleted again.
 */
async function codingPageJs(baseUrl: string) {
  const { createPrismaClient } = await import("../app/lib/db/client");
  const { resolveDatabase } = await import("./lib/db/local");
  const { url } = await resolveDatabase({ attach: true });
  process.env.DATABASE_URL = url;
  const { createUser } = await import("../app/lib/auth/users");
  const email = `bench-page-${Date.now()}@framescope.invalid`;
  const password = randomBytes(18).toString("base64url");
  const db = createPrismaClient(url);
  try {
    await createUser({ email, password, role: "coder" });
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify({ email, password }),
    });
    if (!signIn.ok)
      throw new Error(`bench sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const article = await db.article.findFirstOrThrow({ orderBy: { slug: "asc" } });
    return await firstLoadJs(baseUrl, `/code/${article.slug}`, { Cookie: cookie });
  } finally {
    await db.user.deleteMany({ where: { email } });
    await db.$disconnect();
  }
}

async function main() {
  const server = await startBenchServer(3262, (m) => console.log(`[bench] ${m}`));
  const browser = await launchChromium({ log: (m) => console.log(`[bench] ${m}`) });
  try {
    const js = await firstLoadJs(server.baseUrl);
    console.log(
      `\nfirst-load JS of /: ${js.files} scripts, ${(js.raw / 1024).toFixed(1)} kB raw, ` +
        `${(js.gzip / 1024).toFixed(1)} kB gzipped`,
    );
    const code = await codingPageJs(server.baseUrl);
    console.log(
      `first-load JS of /code/{slug} (the coding workspace): ${code.files} scripts, ` +
        `${(code.raw / 1024).toFixed(1)} kB raw, ${(code.gzip / 1024).toFixed(1)} kB gzipped ` +
        "(budget 200 kB)",
    );
    // The same address again and again (a shared link, from the page cache after its first
    // render), and a new address each time (an ignored parameter: every request is rendered).
    for (const [label, address] of [
      ["shared link, page cache", () => "/"],
      ["new address each time, rendered", (i: number) => `/?ref=bench-page-${Date.now()}-${i}`],
    ] as const) {
      const html: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now();
        await (await fetch(`${server.baseUrl}${address(i)}`)).text();
        if (i >= 3) html.push(performance.now() - t);
      }
      const sorted = [...html].sort((a, b) => a - b);
      console.log(
        `dashboard HTML (${label}, sequential): ` +
          `${fmt({ p50: median(html), p95: percentile(sorted, 95), n: html.length })}`,
      );
    }
    const t = await chartTimings(browser, server.baseUrl, runs);
    console.log(`time to first chart (navigation start → first chart drawn): ${fmt(t.first)}`);
    console.log(`time to all charts drawn: ${fmt(t.all)}`);
    console.log(`filter change → all charts redrawn: ${fmt(t.change)}`);
    console.log(
      `cumulative layout shift while loading: at most ${t.layoutShift.max.toFixed(3)} ` +
        `(n=${t.layoutShift.n})`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
