import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "@/app/lib/auth/server";
import { findApiToken } from "@/app/lib/auth/tokens";
import { getDb } from "@/app/lib/db";
import { recreateDatabase, useDatabase } from "./lib/testing/database";

/*
 * `npm run user` as a person runs it: the real command in a child process, against a database of
 * this suite's own, the password on standard input.
 */

const root = path.resolve(__dirname, "..");
const PASSWORD = "a long enough password";
let url: string;

function runUser(
  args: string[],
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/user.ts", ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: url,
          BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Whether better-auth accepts this password for the account (what signing in checks). */
async function passwordHolds(email: string, password: string): Promise<boolean> {
  const account = await getDb().account.findFirstOrThrow({
    where: { user: { email }, providerId: "credential" },
  });
  const ctx = await getAuth().$context;
  return ctx.password.verify({ hash: account.password ?? "", password });
}

beforeAll(async () => {
  url = await recreateDatabase("h5_user_command");
  useDatabase(url);
});

describe("npm run user -- add", { timeout: 90_000 }, () => {
  it("makes an account whose password, read from standard input, signs in", async () => {
    const run = await runUser(
      ["add", "First.Admin@Example.org", "--role", "admin", "--coder-key", "AD-1", "--name", "Ada"],
      `${PASSWORD}\n`,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("created admin first.admin@example.org, coding as AD-1");
    const user = await getDb().user.findUniqueOrThrow({
      where: { email: "first.admin@example.org" },
      include: { coder: true, accounts: true },
    });
    expect(user).toMatchObject({ name: "Ada", role: "admin", coder: { key: "AD-1" } });
    // Stored as the library's hash, never as typed.
    expect(user.accounts[0].password).not.toContain(PASSWORD);
    expect(await passwordHolds("first.admin@example.org", PASSWORD)).toBe(true);
  });

  it("takes the first line of a piped input, whatever follows", async () => {
    const run = await runUser(
      ["add", "coder@example.org", "--role", "coder"],
      `${PASSWORD}\r\nx\n`,
    );
    expect(run.code).toBe(0);
    expect(await passwordHolds("coder@example.org", PASSWORD)).toBe(true);
    expect(await passwordHolds("coder@example.org", `${PASSWORD}\r`)).toBe(false);
  });

  it.each([
    {
      args: ["add", "x@example.org", "--role", "coder", "--password", PASSWORD],
      stdin: "",
      code: 2,
      error: "a password is read from standard input, never from the command line",
    },
    {
      args: ["add", "x@example.org", "--role", "coder", PASSWORD],
      stdin: "",
      code: 2,
      error: "unexpected argument after the email",
    },
    {
      args: ["add", "x@example.org", "--role", "coder"],
      stdin: "",
      code: 2,
      error: "no password on standard input",
    },
    {
      args: ["add", "x@example.org", "--role", "coder"],
      stdin: "short\n",
      code: 2,
      error: "the password must be at least 10 characters",
    },
    { args: ["add", "x@example.org"], stdin: "", code: 2, error: "--role is required" },
    {
      args: ["add", "x@example.org", "--role", "owner"],
      stdin: "",
      code: 2,
      error: "--role must be admin or coder",
    },
    {
      args: ["add", "not-an-email", "--role", "coder"],
      stdin: "",
      code: 2,
      error: "is not an email address",
    },
    {
      args: ["add", "x@example.org", "--role", "coder", "--coder-key", "two words"],
      stdin: "",
      code: 2,
      error: "--coder-key must be letters, digits",
    },
    {
      args: ["add", "FIRST.admin@example.org", "--role", "coder"],
      stdin: `${PASSWORD}\n`,
      code: 1,
      error: "an account for first.admin@example.org already exists",
    },
    {
      args: ["add", "x@example.org", "--role", "coder", "--coder-key", "AD-1"],
      stdin: `${PASSWORD}\n`,
      code: 1,
      error: "coder key AD-1 is already in use",
    },
    { args: ["remove", "x@example.org"], stdin: "", code: 2, error: 'unknown command "remove"' },
  ])("refuses $args.0 $args.1 … ($error) with one line and exit $code", async (c) => {
    const before = await getDb().user.count();
    const run = await runUser(c.args, c.stdin);
    expect(run.code).toBe(c.code);
    expect(run.stderr.split("\n")[0]).toContain(c.error);
    expect(run.stderr.startsWith("user: ")).toBe(true);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain(PASSWORD);
    expect(await getDb().user.count()).toBe(before);
  });
});

describe("npm run user -- token", { timeout: 90_000 }, () => {
  it("prints a working token alone on the last line and stores only its hash", async () => {
    const run = await runUser(["token", "first.admin@example.org", "--name", "ci"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    const token = lines.at(-1) ?? "";
    expect(token).toMatch(/^fst_[A-Za-z0-9_-]{40,}$/);
    const row = await findApiToken(token);
    expect(row?.user.email).toBe("first.admin@example.org");
    expect(row?.name).toBe("ci");
    const stored = await getDb().apiToken.findMany();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("refuses an unknown account and a deactivated one", async () => {
    const unknown = await runUser(["token", "nobody@example.org"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      "user: no account for nobody@example.org; create it with `add` first\n",
    );
    await getDb().user.update({ where: { email: "coder@example.org" }, data: { banned: true } });
    const banned = await runUser(["token", "coder@example.org"]);
    expect(banned.code).toBe(1);
    expect(banned.stderr).toBe("user: the account coder@example.org is deactivated\n");
    expect(banned.stdout).toBe("");
  });

  it("says so when the database cannot be reached", async () => {
    const saved = url;
    url = "postgresql://postgres:wrong@127.0.0.1:9/nowhere";
    try {
      const run = await runUser(["token", "first.admin@example.org"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe("user: the database is unavailable; is PostgreSQL running?\n");
    } finally {
      url = saved;
    }
  });
});
