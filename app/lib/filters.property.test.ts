import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFilters, toQueryString, type Vocabulary } from "./filters";

const vocab: Vocabulary = {
  outlets: ["campus-journal", "hankyoreh", "joongang-daily"],
  coders: ["FS-1", "FS-2"],
  defaultCoder: "FS-1",
};
const NAMES = [
  "outlets",
  "genres",
  "from",
  "to",
  "coder",
  "unit",
  "panel",
  "x",
  "",
  "from[]",
  "__proto__",
  "constructor",
];

// Values a hostile or careless link might carry: real names, dates good and bad, SQL, markup,
// control characters, huge strings.
const value = fc.oneof(
  fc.constantFrom(
    "hankyoreh",
    "joongang-daily,hankyoreh",
    "editorial",
    "news_analysis",
    "FS-1",
    "passages",
    "articles",
    "2024-06-19",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u0000\u001b[31m",
    "🙂",
    ",,,",
    " ",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ minLength: 990, maxLength: 1100 }),
  fc
    .date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const query = fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 8 });

function toParams(pairs: [string, string][]): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p;
}

describe("parseFilters on generated queries", () => {
  it("never throws: any query gives filters or issues, and every issue names a parameter", () => {
    fc.assert(
      fc.property(query, (pairs) => {
        const { filters, issues } = parseFilters(toParams(pairs), vocab, ["panel"]);
        for (const o of filters.outlets) expect(vocab.outlets).toContain(o);
        expect(vocab.coders).toContain(filters.coder);
        expect(["passages", "articles"]).toContain(filters.unit);
        if (filters.from && filters.to) expect(filters.from <= filters.to).toBe(true);
        for (const i of issues) {
          expect(i.param).not.toMatch(/[\u0000-\u001f]/);
          expect(i.message.length).toBeGreaterThan(0);
          expect(i.message).not.toMatch(/[\u0000-\u001f]/);
        }
      }),
      { numRuns: 1500, seed: 20261122 },
    );
  });

  it("the canonical query of any parsed result parses back to the same filters with no issues", () => {
    fc.assert(
      fc.property(query, (pairs) => {
        const { filters } = parseFilters(toParams(pairs), vocab, ["panel"]);
        const canonical = toQueryString(filters, vocab);
        const again = parseFilters(new URLSearchParams(canonical.slice(1)), vocab);
        expect(again.issues).toEqual([]);
        expect(again.filters).toEqual(filters);
        expect(toQueryString(again.filters, vocab)).toBe(canonical);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
