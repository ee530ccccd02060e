/** Shared by the benchmark scripts: a production server on the seeded corpus, and small statistics. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { resolveDatabase } from "../app/lib/db/local";
import { prepareDatabase } from "../app/lib/db/prepare";
import { buildIfNeeded } from "./build";

const root = path.resolve(__dirname, "..");

export interface BenchServer {
  baseUrl: string;
  group: number;
  stop: () => Promise<void>;
}

/** Starts `next start` (built if needed) on the real corpus: DATABASE_URL or the embedded database. */
export async function startBenchServer(port: number, log: (m: string) => void = () => {}): Promise<BenchServer> {
  const { url, embedded } = await resolveDatabase({ log });
  await prepareDatabase(url, { log });
  await buildIfNeeded(log);
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    group: child.pid!,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 500));
      await embedded?.stop();
    },
  };
}

/** Resident memory (MiB) of every process in a process group, from /proc. */
export function groupRssMiB(group: number): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue; // field 5 of stat: process group
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) kb += Number(rss[1]);
    } catch {
      /* process ended */
    }
  }
  return kb / 1024;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
