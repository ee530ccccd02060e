/** Prints what the ingester makes of a raw scraped page: `npm run ingest -- <file>`. */
import { readFileSync } from "node:fs";
import { ingestPage } from "../app/lib/ingest/ingest";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run ingest -- <file>");
  process.exit(2);
}
let raw: Buffer;
try {
  raw = readFileSync(file);
} catch (err) {
  console.error(`${file}: cannot read: ${(err as Error).message}`);
  process.exit(1);
}
const page = ingestPage(raw);
console.log(JSON.stringify(page, null, 2));
