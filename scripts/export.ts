/**
 * Exports the corpus: `npm run export -- <format> …`. Formats:
 *   yaml <dir> [--seeds <folder>] [--replace]
 *     the corpus in the seeds' own format, to version in git or to seed another database with
 *     (`npm run seed -- <dir>`). --seeds: where the codebook's method block and the seed
 *     articles' original pages are read (default seeds/). --replace: <dir> may hold an earlier
 *     export; its corpus files are replaced, other files stay.
 */
import path from "node:path";
import { createPrismaClient } from "../app/lib/db/client";
import { ExportError, writeYamlExport, type YamlExport } from "../app/lib/seed/export";
import { parseArgsOrExit } from "./lib/args";
import { resolveDatabase } from "./lib/db/local";
import { SEEDS_DIR } from "./lib/db/prepare";

const USAGE = "usage: npm run export -- yaml <dir> [--seeds <folder>] [--replace]";

type Command = (argv: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = { yaml: exportYaml };

async function exportYaml(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgsOrExit(
    "export yaml",
    USAGE,
    { seeds: { type: "string" }, replace: { type: "boolean" } },
    { positionals: true, argv },
  );
  if (positionals.length !== 1)
    usageError(positionals.length ? "one folder, please" : "which folder?");
  const dir = path.resolve(positionals[0]);
  const { url, embedded } = await resolveDatabase({ attach: true });
  const db = createPrismaClient(url);
  try {
    const result = await writeYamlExport(db, dir, {
      seedsDir: path.resolve(values.seeds ?? SEEDS_DIR),
      replace: values.replace,
    });
    report(dir, result);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

function report(dir: string, { counts, leftOut }: YamlExport): void {
  console.log(
    `exported to ${dir}: ${counts.outlets} outlets, ${counts.articles} articles ` +
      `(${counts.sourcePages} with their original page, ${counts.articles - counts.sourcePages} ` +
      `as stored text), ${counts.coders} coders, ${counts.codings} codings ` +
      `(${counts.passageCodes} passage codes, ${counts.articleCodes} article codes), ` +
      `${counts.events} events`,
  );
  const s = leftOut.synthetic;
  if (Object.values(s).some((n) => n > 0))
    console.log(
      `left out synthetic rows: ${s.outlets} outlets, ${s.articles} articles, ${s.coders} coders, ` +
        `${s.passageCodes} passage codes, ${s.articleCodes} article codes, ${s.events} events`,
    );
  const r = leftOut.reference;
  if (r.coders.length)
    console.log(
      `left out the adjudicated reference coding (${r.coders.join(", ")}): ` +
        `${r.passageCodes} passage codes, ${r.articleCodes} article codes; ` +
        "the seed format holds coders' codings only: adjudicate again after loading",
    );
  if (leftOut.events.length)
    console.log(`left out events whose articles are all synthetic: ${leftOut.events.join(", ")}`);
  console.log("not exported (not corpus): accounts, assignments, coding history, adjudications");
}

function usageError(message: string): never {
  console.error(`export: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

async function main() {
  const [format, ...rest] = process.argv.slice(2);
  if (format === "--help" || format === "-h") {
    console.log(USAGE);
    return;
  }
  const command = format ? COMMANDS[format] : undefined;
  if (!command)
    usageError(
      format
        ? `unknown format ${JSON.stringify(format)}; one of ${Object.keys(COMMANDS).join(", ")}`
        : "which format?",
    );
  await command(rest);
}

main().catch((err) => {
  console.error(
    err instanceof ExportError
      ? `export stopped; nothing was written:\n${err.message}`
      : `export failed: ${(err as Error).message}`,
  );
  process.exit(1);
});
