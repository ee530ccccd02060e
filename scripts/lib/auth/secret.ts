import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, otherwise one made on
 * first start and kept in the git-ignored data folder (.data/auth-secret, or next to
 * FRAMESCOPE_DATA_DIR), so sessions survive restarts and `npm run user` signs the same way.
 * Sets process.env.BETTER_AUTH_SECRET and returns where it came from (never the secret).
 */
export function ensureAuthSecret(log?: (msg: string) => void): string {
  if (process.env.BETTER_AUTH_SECRET) return "BETTER_AUTH_SECRET";
  const dataDir = path.resolve(process.cwd(), process.env.FRAMESCOPE_DATA_DIR ?? ".data/pg");
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.auth-secret`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    log?.(`created the auth secret in ${path.relative(process.cwd(), file) || file}`);
  }
  process.env.BETTER_AUTH_SECRET = readFileSync(file, "utf8").trim();
  return path.relative(process.cwd(), file) || file;
}
