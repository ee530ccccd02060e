import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The command that serves the production build on `port` (scripts/serve.ts: Next.js behind the
 * page cache). `npm start`, the benchmarks and the tests all start the server this way.
 */
export function webServerCommand(port: number): { command: string; args: string[] } {
  // tsx loaded into node itself: one process, where the tsx command would add a parent process.
  return {
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, "scripts/serve.ts"), "--port", String(port)],
  };
}
