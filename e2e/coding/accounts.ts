import { spawn } from "node:child_process";
import path from "node:path";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { Client } from "pg";

/*
 * Accounts for the specs that sign in, import and code. They run against the server on the
 * coding database (E2E_CODING_DATABASE_URL, port E2E_CODING_PORT), never the corpus the reading
 * specs check. Accounts are made the way an operator makes them: with `npm run user`.
 */

export const CODING_BASE_URL = `http://localhost:${Number(process.env.E2E_CODING_PORT ?? 3212)}`;
export const PASSWORD = "a long enough test password";
const root = path.resolve(__dirname, "../..");

function codingDatabaseUrl(): string {
  const url = process.env.E2E_CODING_DATABASE_URL;
  if (!url) throw new Error("E2E_CODING_DATABASE_URL is not set: run the specs with `npm test`");
  return url;
}

/** Runs `npm run user -- <args>` on the coding database, with `stdin` as its standard input. */
export function userCommand(
  args: string[],
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/user.ts", ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: codingDatabaseUrl() } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A unique email for this run, so specs and retries never collide. */
export function uniqueEmail(who: string): string {
  return `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** Makes an account with `npm run user -- add`; returns its email. */
export async function createAccount(opts: {
  who: string;
  role: "admin" | "coder";
  coderKey?: string;
}): Promise<string> {
  const email = uniqueEmail(opts.who);
  const args = ["add", email, "--role", opts.role];
  if (opts.coderKey) args.push("--coder-key", opts.coderKey);
  const res = await userCommand(args, `${PASSWORD}\n`);
  if (res.code !== 0) throw new Error(`npm run user -- add failed: ${res.stderr || res.stdout}`);
  return email;
}

/** A personal API token from `npm run user -- token` (its last line of output). */
export async function createToken(email: string): Promise<string> {
  const res = await userCommand(["token", email, "--name", "e2e"]);
  if (res.code !== 0) throw new Error(`npm run user -- token failed: ${res.stderr || res.stdout}`);
  return res.stdout.trim().split("\n").at(-1) ?? "";
}

/** A request context calling the coding server with a new personal API token of `email`. */
export async function tokenContext(email: string): Promise<APIRequestContext> {
  const token = await createToken(email);
  return playwrightRequest.newContext({
    baseURL: CODING_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
}

/** A coder key unique to this run (≤ 32 characters of [A-Za-z0-9._-]). */
export function uniqueCoderKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
}

/** Signs in through the sign-in endpoint; the request context keeps the session cookie. */
export async function signInRequest(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.post(`${CODING_BASE_URL}/api/auth/sign-in/email`, {
    data: { email, password: PASSWORD },
    headers: { Origin: CODING_BASE_URL },
  });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

/** Signs in through the sign-in page, as a person does. */
export async function signInPage(page: Page, email: string, next = "/code"): Promise<void> {
  await page.goto(`${CODING_BASE_URL}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** Runs SQL on the coding database (checks that a refused write changed nothing, ages a session). */
export async function codingSql<T = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: codingDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const CHECKED_TABLES = [
  "article",
  "outlet",
  "coder",
  "passage_code",
  "article_code",
  "assignment",
  "coding_history",
  "auth_user",
  "api_token",
  "invitation",
  "frame_rollup_day",
  "article_rollup_day",
  "coder_article_rollup_day",
  "adjudication",
  "adjudication_decision",
  "app_setting",
  "data_version",
];

/** A checksum of every row of the tables a write could change: equal means nothing changed. */
export async function codingChecksum(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of CHECKED_TABLES) {
    const [row] = await codingSql<{ sum: string }>(
      `SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM "${t}" t`,
    );
    out[t] = row.sum;
  }
  return out;
}
