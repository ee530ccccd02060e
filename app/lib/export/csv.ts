import "server-only";
import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";

/*
 * CSV for statistics packages and spreadsheets: UTF-8 with a byte order mark (so Excel reads
 * Korean text as UTF-8), RFC 4180 quoting, CRLF between records, a header row. Text cells that a
 * spreadsheet would run as a formula get a leading apostrophe; numbers are written as numbers, so
 * R and pandas read them as such (a tone of -2 stays -2). Rows arrive in batches and go out as
 * they come: a million articles never sit in memory at once.
 */

/** A cell: text (neutralised), a number (written as is) or nothing (an empty cell). */
export type CsvValue = string | number | null;
export type CsvRow = Record<string, CsvValue>;

/** Characters a spreadsheet treats as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet: a leading `'` before a formula character. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The stringifier's options: one place, so the tests check what the routes write. */
export function csvOptions(columns: readonly string[]) {
  return {
    bom: true,
    header: true,
    columns: columns.map((key) => ({ key })),
    record_delimiter: "windows" as const,
    // Records end with CRLF, and the stringifier quotes only what holds that pair; spreadsheets
    // and pandas end a record at any line break, so a cell holding a lone LF or CR is quoted too.
    quoted_match: /[\r\n]/,
    cast: { string: neutralise },
  };
}

/**
 * The CSV of `batches` (each an array of rows keyed by column) as a byte stream. The source is
 * read only as fast as the reader takes the bytes; cancelling the download stops the source.
 */
export function csvStream(
  columns: readonly string[],
  batches: AsyncIterable<CsvRow[]>,
): ReadableStream<Uint8Array> {
  const rows = Readable.from(flatten(batches));
  const stringifier = stringify(csvOptions(columns));
  pipeline(rows, stringifier, (err) => {
    // The response is already under way: all that can be done is to end it early, which the
    // client sees as a failed download rather than a silently short file.
    if (err && !isCancelled(err)) console.error("CSV export stopped:", err);
  });
  return Readable.toWeb(Readable.from(inChunks(stringifier))) as ReadableStream<Uint8Array>;
}

/** Bytes per chunk handed to the response: one per record would mean a million small writes. */
const CHUNK_BYTES = 64 * 1024;

async function* inChunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const part of source) {
    parts.push(part);
    length += part.length;
    if (length >= CHUNK_BYTES) {
      yield Buffer.concat(parts, length);
      parts = [];
      length = 0;
    }
  }
  if (length) yield Buffer.concat(parts, length);
}

/** The reader went away (a cancelled download): not a failure of the export. */
function isCancelled(err: NodeJS.ErrnoException): boolean {
  return err.name === "AbortError" || err.code === "ERR_STREAM_PREMATURE_CLOSE";
}

async function* flatten(batches: AsyncIterable<CsvRow[]>): AsyncGenerator<CsvRow> {
  for await (const batch of batches) yield* batch;
}

/**
 * A streamed CSV download. The first batch is read before answering, so a database that is down
 * answers 503 JSON (through the route wrapper) instead of a truncated file.
 */
export async function csvResponse(
  filename: string,
  columns: readonly string[],
  batches: AsyncIterable<CsvRow[]>,
): Promise<Response> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all(): AsyncGenerator<CsvRow[]> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return new Response(csvStream(columns, all()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Reads a table in batches keyed by article id: `fetch(after)` gives the rows of the next
 * articles after id `after` and the last article id it covered (null when there are no more).
 */
export async function* keysetBatches(
  fetch: (after: number) => Promise<{ rows: CsvRow[]; last: number | null }>,
): AsyncGenerator<CsvRow[]> {
  let after = 0;
  for (;;) {
    const { rows, last } = await fetch(after);
    if (last === null) return;
    if (rows.length) yield rows;
    after = last;
  }
}
