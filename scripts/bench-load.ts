/**
 * Load benchmark: `npm run bench:load [-- --duration 30 --connections 50]`.
 * Drives the dashboard page and the frames API against a production server on
 * the real corpus with autocannon, and prints requests/s, p50/p95/p99
 * latency, non-2xx responses and the server's memory before and after. The
 * dashboard is driven twice: as one shared link (served from the page cache
 * after its first render) and as a new address on every request (each one
 * rendered), so both paths are measured.
 */
import autocannon from "autocannon";
import { groupRssMiB, percentile, startBenchServer } from "./bench-support";
import { parseArgsOrExit } from "./lib/args";

const {
  values: { duration, connections, port },
} = parseArgsOrExit(
  "bench:load",
  "usage: npm run bench:load [-- --duration 30 --connections 50 --port 3260]",
  {
    duration: { type: "number", min: 1, default: 30 },
    connections: { type: "number", integer: true, min: 1, default: 50 },
    port: { type: "number", integer: true, min: 1, max: 65535, default: 3260 },
  },
);

/**
 * A target is a path, or a path with "{n}" for a number that is new on every request: each such
 * request is a first reader of its address, so it is rendered, never served from the page cache.
 */
let distinctRun = 0;

async function drive(baseUrl: string, target: string) {
  const latencies: number[] = [];
  const prefix = `${Date.now().toString(36)}-${distinctRun++}`;
  let n = 0;
  const requests: autocannon.Request[] | undefined = target.includes("{n}")
    ? [
        {
          setupRequest: (req) => {
            req.path = target.replace("{n}", `${prefix}-${n++}`);
            return req;
          },
        },
      ]
    : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: baseUrl + target.replace("{n}", "0"), connections, duration, requests },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main() {
  const server = await startBenchServer(port, (m) => console.log(`[bench] ${m}`));
  try {
    // Warm up: the first requests compile routes and fill connection pools.
    for (let i = 0; i < 20; i++) await fetch(`${server.baseUrl}/`).then((r) => r.text());
    const before = groupRssMiB(server.group);
    console.log(
      `\nload: ${connections} connections, ${duration} s per target, server ${server.baseUrl}`,
    );
    console.log(`memory before: ${before.toFixed(0)} MiB (web server processes)\n`);
    console.log(
      "round  target                                     req/s   p50 ms  p95 ms  p99 ms  " +
        "non-2xx  errors  memory after",
    );
    const targets = [
      "/",
      // Every request a different address (a tracking parameter the page ignores): each renders.
      "/?ref={n}",
      "/api/v1/frames?dimension=ties&unit=passages",
      "/api/v1/frames?dimension=weapons&unit=articles&outlets=hankyoreh,joongang-daily&from=2024-06-01",
    ];
    // Two identical rounds: growth in the first is warm-up (JIT, pools, caches); a leak would keep
    // growing in the second.
    const afterRound: number[] = [];
    for (const round of [1, 2]) {
      for (const target of targets) {
        const r = await drive(server.baseUrl, target);
        const after = groupRssMiB(server.group);
        const cells = [
          String(round).padEnd(6),
          target.padEnd(42).slice(0, 42),
          r.rps.toFixed(0).padStart(6),
          r.p50.toFixed(1).padStart(8),
          r.p95.toFixed(1).padStart(7),
          r.p99.toFixed(1).padStart(7),
          String(r.non2xx).padStart(8),
          String(r.errors).padStart(7),
        ];
        console.log(`${cells.join(" ")}  ${after.toFixed(0)} MiB`);
      }
      afterRound.push(groupRssMiB(server.group));
    }
    const [round1, round2] = afterRound;
    console.log(
      `\nmemory: before ${before.toFixed(0)} MiB, after round 1 ${round1.toFixed(0)} MiB, ` +
        `after round 2 ${round2.toFixed(0)} MiB ` +
        `(round 2 growth ${(round2 - round1).toFixed(0)} MiB)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
