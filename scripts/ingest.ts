/** Prints what the ingester makes of a raw scraped page: `npm run ingest -- <file>`. */
import { readFileSync } from "node:fs";
import { ingestPage } from "../app/lib/ingest/ingest";
import { parseArgsOrExit } from "./lib/args";

const USAGE = "usage: npm run ingest -- <file>";
const { positionals } = parseArgsOrExit("ingest", USAGE, {}, { positionals: true });
if (positionals.length !== 1) {
  console.error(
    positionals.length
      ? `ingest: one file at a time, not ${positionals.length}`
      : "ingest: which file?",
  );
  console.error(USAGE);
  process.exit(2);
}
const file = positionals[0];
let raw: Buffer;
try {
  raw = readFileSync(file);
} catch (err) {
  console.error(`${file}: cannot read: ${(err as Error).message}`);
  process.exit(1);
}
const page = ingestPage(raw);
console.log(JSON.stringify(page, null, 2));
