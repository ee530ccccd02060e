import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Builds the production app unless the last build was made from the same sources. */
const root = path.resolve(__dirname, "..");
const BUILD_INPUTS = [
  "app",
  "public",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const BUILD_STAMP = path.join(distDir, "framescope-build-hash");

function hashBuildInputs(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort())
        if (!/\.test\.tsx?$/.test(name)) visit(path.join(p, name));
    } else hash.update(path.relative(root, p)).update(readFileSync(p));
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

/** True when the production build was made from the current sources. */
export function isBuildCurrent(): boolean {
  return (
    existsSync(path.join(distDir, "BUILD_ID")) &&
    existsSync(BUILD_STAMP) &&
    readFileSync(BUILD_STAMP, "utf8") === hashBuildInputs()
  );
}

export async function buildIfNeeded(
  log: (m: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const inputs = hashBuildInputs();
  if (
    existsSync(path.join(distDir, "BUILD_ID")) &&
    existsSync(BUILD_STAMP) &&
    readFileSync(BUILD_STAMP, "utf8") === inputs
  ) {
    log("build: up to date");
    return;
  }
  log("building the app (first start or sources changed)");
  const code = await new Promise<number>((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/next"), ["build"], {
      cwd: root,
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error("the build failed; see the output above");
  writeFileSync(BUILD_STAMP, inputs);
}
