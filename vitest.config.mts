import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.dirname(fileURLToPath(import.meta.url)),
      // Outside Next.js the "server-only" guard has nothing to guard.
      "server-only": fileURLToPath(
        new URL("./scripts/lib/testing/server-only-stub.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
