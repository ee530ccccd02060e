/**
 * Fills in `start` and `end` of every passage in a codings file from its quote:
 * `npm run codings:locate -- seeds/codings/<slug>.yaml`. A quote must occur in
 * the article body verbatim; one that occurs more than once needs
 * `occurrence: N` (1-based). Comments and layout of the file are kept.
 * `--seeds <dir>` reads articles and sources from another seeds folder
 * (e.g. e2e/fixtures/xss-seeds) instead of seeds/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument, isMap, isSeq } from "yaml";
import { ingestPage } from "../app/lib/ingest/ingest";
import { parseArgsOrExit } from "./lib/args";

const { values, positionals: files } = parseArgsOrExit(
  "codings:locate",
  "usage: npm run codings:locate -- [--seeds <dir>] <codings file>…",
  { seeds: { type: "string" } },
  { positionals: true },
);
const SEEDS =
  values.seeds === undefined ? path.resolve(__dirname, "../seeds") : path.resolve(values.seeds);

function bodyOf(slug: string): string {
  const meta = parseDocument(
    readFileSync(path.join(SEEDS, "articles", `${slug}.yaml`), "utf8"),
  ).toJS();
  return ingestPage(readFileSync(path.join(SEEDS, "sources", meta.source))).body;
}

function occurrences(body: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = body.indexOf(quote); i !== -1; i = body.indexOf(quote, i + 1)) found.push(i);
  return found;
}

let failed = false;
for (const file of files) {
  const doc = parseDocument(readFileSync(file, "utf8"));
  const slug = doc.get("article") as string;
  const body = bodyOf(slug);
  const passages = doc.get("passages");
  if (!isSeq(passages)) throw new Error(`${file}: passages must be a list`);
  passages.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const quote = String(item.get("quote") ?? "");
    const found = occurrences(body, quote);
    const occurrence = Number(item.get("occurrence") ?? 1);
    const start = quote ? found[occurrence - 1] : undefined;
    if (start === undefined || (found.length > 1 && !item.has("occurrence"))) {
      failed = true;
      const why = !quote
        ? "empty quote"
        : found.length === 0
          ? "quote not found in the body"
          : `quote occurs ${found.length} times; add occurrence: N`;
      console.error(
        `${file}: passages[${i}] (${item.get("dimension")}.${item.get("code")}): ${why}: ` +
          `${JSON.stringify(quote.slice(0, 80))}`,
      );
      return;
    }
    item.set("start", start);
    item.set("end", start + quote.length);
  });
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  console.log(`${file}: ${passages.items.length} passages located`);
}
process.exit(failed ? 1 : 0);
