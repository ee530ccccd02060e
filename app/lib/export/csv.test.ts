import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type CsvRow, csvStream, keysetBatches, neutralise } from "./csv";
import { MAX_VARIABLE_NAME, variableName } from "./csv-names";

/** The formatting both CSV exports share, on cells chosen to break naive writers. */

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function* batches(...chunks: CsvRow[][]): AsyncGenerator<CsvRow[]> {
  for (const chunk of chunks) yield chunk;
}

const KOREAN = '서울은 "신중한" 외교로, 러시아와 북한의 밀착을 견제해야 한다.';

describe("csvStream", () => {
  it("writes a BOM, a header, CRLF records, RFC 4180 quoting and numbers as numbers", async () => {
    const rows: CsvRow[] = [
      { text: "plain", n: 1, maybe: null },
      { text: 'say "hi", then\nleave', n: -2, maybe: "x" },
      { text: KOREAN, n: 0.5, maybe: "" },
    ];
    const bytes = await bytesOf(
      csvStream(["text", "n", "maybe"], batches(rows.slice(0, 2), rows.slice(2))),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text).toBe(
      [
        "text,n,maybe",
        "plain,1,",
        '"say ""hi"", then\nleave",-2,x',
        `"${KOREAN.replaceAll('"', '""')}",0.5,`,
        "",
      ].join("\r\n"),
    );
    // The Korean sentence is the same UTF-8 bytes as the source string.
    expect(bytes.includes(Buffer.from(KOREAN.replaceAll('"', '""'), "utf8"))).toBe(true);
  });

  it("quotes a cell with a lone line break, so readers that end a record at any break keep it whole", async () => {
    const cells = ["first line\nsecond line", "a\rb", "CRLF\r\ninside", "no break"];
    const rows: CsvRow[] = cells.map((text, i) => ({ text, n: i }));
    const bytes = await bytesOf(csvStream(["text", "n"], batches(rows)));
    const text = bytes.subarray(3).toString("utf8");
    expect(text).toContain('"first line\nsecond line",0\r\n');
    expect(text).toContain('"a\rb",1\r\n');
    expect(text).toContain("no break,3\r\n");
    // As LibreOffice, Excel and pandas read it: CR, LF and CRLF all end an unquoted record.
    const records = parse(bytes, {
      bom: true,
      columns: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as { text: string; n: string }[];
    expect(records.map((r) => r.text)).toEqual(cells);
  });

  it("neutralises formula cells in text columns only", async () => {
    const cells = ["=1+1", "+82 2", "-not a number", "@SUM(A1)", "\tTab", "\rCR", "a=b", "'quoted"];
    const rows: CsvRow[] = cells.map((text, i) => ({ text, n: -i }));
    const bytes = await bytesOf(csvStream(["text", "n"], batches(rows)));
    const records = parse(bytes, {
      bom: true,
      columns: true,
      cast: (value, ctx) => (ctx.header ? value : { value, quoted: ctx.quoting }),
    }) as Record<string, { value: string; quoted: boolean }>[];
    expect(records.map((r) => r.text.value)).toEqual([
      "'=1+1",
      "'+82 2",
      "'-not a number",
      "'@SUM(A1)",
      "'\tTab",
      "'\rCR",
      "a=b",
      "'quoted",
    ]);
    expect(records.map((r) => r.n.value)).toEqual(cells.map((_, i) => String(-i)));
    expect(records.every((r) => !r.n.quoted)).toBe(true);
  });

  it("an empty export is the BOM and the header alone", async () => {
    const bytes = await bytesOf(csvStream(["a", "b"], batches()));
    expect(bytes.toString("utf8")).toBe("\ufeffa,b\r\n");
  });

  it("stops reading the source when the reader cancels", async () => {
    let served = 0;
    async function* endless(): AsyncGenerator<CsvRow[]> {
      for (;;) {
        served++;
        yield Array.from({ length: 1000 }, (_, i) => ({ n: i, text: "x".repeat(50) }));
      }
    }
    const reader = csvStream(["n", "text"], endless()).getReader();
    await reader.read();
    await reader.cancel();
    // A batch already in flight may still be read; after that, nothing more.
    await new Promise((r) => setTimeout(r, 50));
    const after = served;
    await new Promise((r) => setTimeout(r, 100));
    expect(served).toBe(after);
    expect(served).toBeLessThan(100);
  });
});

describe("neutralise", () => {
  it("prefixes exactly the formula characters", () => {
    expect(neutralise("=A1")).toBe("'=A1");
    expect(neutralise("-")).toBe("'-");
    expect(neutralise("")).toBe("");
    expect(neutralise(" =A1")).toBe(" =A1");
    expect(neutralise("2024-06-14")).toBe("2024-06-14");
  });
});

describe("keysetBatches", () => {
  it("asks for the next batch after the last id until there is none, skipping empty batches", async () => {
    const asked: number[] = [];
    const pages: Record<number, { rows: CsvRow[]; last: number | null }> = {
      0: { rows: [{ id: 3 }], last: 3 },
      3: { rows: [], last: 9 },
      9: { rows: [{ id: 12 }], last: 12 },
      12: { rows: [], last: null },
    };
    const out: CsvRow[][] = [];
    for await (const batch of keysetBatches(async (after) => {
      asked.push(after);
      return pages[after];
    }))
      out.push(batch);
    expect(asked).toEqual([0, 3, 9, 12]);
    expect(out).toEqual([[{ id: 3 }], [{ id: 12 }]]);
  });
});

describe("variableName", () => {
  it("keeps codebook names, and makes others Stata-safe, unique and at most 32 characters", () => {
    const taken = new Set<string>();
    expect(variableName(["ties", "seoul_policy_consequence"], taken)).toBe(
      "ties_seoul_policy_consequence",
    );
    expect(variableName(["2nd", "code-with.dots"], taken)).toBe("v2nd_code_with_dots");
    const long = ["a_dimension_with_a_long_key", "and_a_code_with_a_long_key_too"];
    const first = variableName(long, taken);
    const second = variableName([...long.slice(0, 1), `${long[1]}_again`], taken);
    expect(first).toBe("a_dimension_with_a_long_key_and_");
    expect(second).toBe("a_dimension_with_a_long_key_an_2");
    for (const name of taken) {
      expect(name.length).toBeLessThanOrEqual(MAX_VARIABLE_NAME);
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });
});
