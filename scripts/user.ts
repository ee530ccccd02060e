/**
 * Accounts from the command line, for the first admin and for scripts:
 *
 *   npm run user -- add <email> --role admin|coder [--coder-key K] [--name N]
 *   npm run user -- token <email> [--name N]
 *
 * `add` reads the password from standard input (one line, piped or typed; typed without echo),
 * never from the command line, where other users and the shell history would see it. `token`
 * prints a personal API token once, alone on the last line of standard output; only its hash is
 * stored. Both work while `npm start` runs: they join its database. A problem is one line on
 * standard error: exit 2 for a bad command line or input, 1 for anything else.
 */
import { isDatabaseUnavailable } from "../app/lib/db-errors";
import { parseArgsOrExit } from "./lib/args";
import { ensureAuthSecret } from "./lib/auth/secret";
import { resolveDatabase, switchAppDatabase } from "./lib/db/local";

const USAGE = `usage: npm run user -- add <email> --role admin|coder [--coder-key K] [--name N]
       npm run user -- token <email> [--name N]
The password of a new account is read from standard input (one line), never from the command line.`;

/**
 * The app's account code (Prisma, better-auth): loaded only once the command line holds together,
 * so a mistyped command is answered at once.
 */
async function loadApp() {
  const [users, tokens, db, api] = await Promise.all([
    import("../app/lib/auth/users"),
    import("../app/lib/auth/tokens"),
    import("../app/lib/db"),
    import("../app/lib/api"),
  ]);
  return { ...users, ...tokens, ...db, ApiError: api.ApiError };
}
type App = Awaited<ReturnType<typeof loadApp>>;
let loaded: App | null = null;

/** A problem the person at the terminal can fix; exit 2 (command line, input) or 1. */
class UserError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
  }
}

type Command =
  | { kind: "add"; email: string; role: "admin" | "coder"; coderKey?: string; name?: string }
  | { kind: "token"; email: string; name?: string };

function parseCommand(): Command {
  if (process.argv.slice(2).some((a) => /^--?(password|pass|pw)(=|$)/i.test(a)))
    throw new UserError("a password is read from standard input, never from the command line", 2);
  const { values, positionals, given } = parseArgsOrExit(
    "user",
    USAGE,
    { role: { type: "string" }, "coder-key": { type: "string" }, name: { type: "string" } },
    { positionals: true },
  );
  const [kind, rawEmail, ...extra] = positionals;
  if (kind !== "add" && kind !== "token")
    throw new UserError(
      kind ? `unknown command ${JSON.stringify(kind)}; use add or token` : "name a command",
      2,
    );
  if (!rawEmail) throw new UserError(`${kind} needs an email address`, 2);
  // Not echoed: a stray argument may well be a password.
  if (extra.length)
    throw new UserError(
      "unexpected argument after the email (a password is read from standard input, never from the command line)",
      2,
    );
  if (kind === "token") {
    const wrong = (["role", "coder-key"] as const).find((o) => given.has(o));
    if (wrong) throw new UserError(`--${wrong} belongs to add, not token`, 2);
    return { kind, email: rawEmail, name: values.name };
  }
  if (values.role !== "admin" && values.role !== "coder")
    throw new UserError(
      values.role === undefined
        ? "--role is required: admin or coder"
        : "--role must be admin or coder",
      2,
    );
  return {
    kind,
    email: rawEmail,
    role: values.role,
    coderKey: values["coder-key"],
    name: values.name,
  };
}

/** The command with its email normalised; a malformed email or coder key is refused here. */
function checkCommand(cmd: Command, app: App): Command {
  const email = app.emailSchema.safeParse(cmd.email);
  if (!email.success)
    throw new UserError(`${JSON.stringify(cmd.email)} is not an email address`, 2);
  if (cmd.kind === "add" && cmd.coderKey !== undefined) {
    const key = app.coderKey.safeParse(cmd.coderKey);
    if (!key.success) throw new UserError(`--coder-key ${key.error.issues[0].message}`, 2);
  }
  return { ...cmd, email: email.data };
}

/** All of a piped standard input; its first line is the password. */
async function readPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
}

/** One line typed at the terminal, not echoed. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let line = "";
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(line);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003" || ch === "\u0004") return done(new UserError("cancelled", 1));
        if (ch === "\u007f" || ch === "\b") line = line.slice(0, -1);
        else line += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(app: App): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden("Password: ");
    if ((await promptHidden("Repeat the password: ")) !== password)
      throw new UserError("the two passwords differ; nothing was changed", 2);
  } else password = await readPipedLine();
  if (!password) throw new UserError("no password on standard input (one line expected)", 2);
  const checked = app.passwordSchema.safeParse(password);
  if (!checked.success) throw new UserError(`the password ${checked.error.issues[0].message}`, 2);
  return password;
}

async function addUser(
  app: App,
  cmd: Extract<Command, { kind: "add" }>,
  password: string,
): Promise<string> {
  const user = await app.createUser({
    email: cmd.email,
    password,
    role: cmd.role,
    coderKey: cmd.coderKey,
    name: cmd.name,
  });
  const codes = user.coderKey ? `, coding as ${user.coderKey}` : "";
  return `created ${cmd.role} ${user.email}${codes}`;
}

async function makeToken(app: App, cmd: Extract<Command, { kind: "token" }>): Promise<string> {
  const user = await app.getDb().user.findUnique({ where: { email: cmd.email } });
  if (!user) throw new UserError(`no account for ${cmd.email}; create it with \`add\` first`);
  if (user.banned) throw new UserError(`the account ${cmd.email} is deactivated`);
  return app.createApiToken(user.id, cmd.name ?? "command line");
}

async function main(): Promise<void> {
  const parsed = parseCommand();
  const app = await loadApp();
  loaded = app;
  const cmd = checkCommand(parsed, app);
  // Asked before the database starts, so the prompt is not mixed with its messages.
  const password = cmd.kind === "add" ? await readPassword(app) : "";
  ensureAuthSecret((m) => console.error(m));
  const { url, embedded } = await resolveDatabase({
    attach: true,
    log: (m) => console.error(`[postgres] ${m}`),
  });
  switchAppDatabase(url);
  let out: string;
  try {
    out = cmd.kind === "add" ? await addUser(app, cmd, password) : await makeToken(app, cmd);
  } finally {
    await app.getDb().$disconnect();
    await embedded?.stop();
  }
  if (cmd.kind === "token") {
    console.log(
      `API token for ${cmd.email} (shown once; send it as Authorization: Bearer <token>):`,
    );
    // Alone on the last line, so scripts can take it with `tail -n 1`.
    console.log(out);
  } else console.log(out);
}

main().catch((err: unknown) => {
  if (err instanceof UserError) {
    console.error(`user: ${err.message}`);
    process.exit(err.code);
  }
  if (loaded && err instanceof loaded.ApiError) {
    const detail = err.issues?.map((i) => `${i.param} ${i.message}`).join("; ");
    console.error(`user: ${err.message}${detail && err.status === 400 ? ` (${detail})` : ""}`);
    process.exit(err.status === 400 ? 2 : 1);
  }
  if (isDatabaseUnavailable(err)) {
    console.error("user: the database is unavailable; is PostgreSQL running?");
    process.exit(1);
  }
  console.error(`user: ${(err as Error).message?.split("\n")[0] ?? String(err)}`);
  process.exit(1);
});
