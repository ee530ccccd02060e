import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The command that serves the production build on `port` (scripts/serve.ts: Next.js behind the
 * page cache). `npm start`, the benchmarks and the tests all start the server this way.
 */
export function webServerCommand(port: number): { command: string; args: string[] } {
  return {
    command: path.join(root, "node_modules/.bin/tsx"),
    args: [path.join(root, "scripts/serve.ts"), "--port", String(port)],
  };
}
