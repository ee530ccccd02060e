import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, test } from "vitest";
import { fullProject } from "./fixtures/full-project";
import { emptyProject, type RefiProject } from "./model";
import { validateProjectXml } from "./validate";
import { parseProjectXml } from "./xml-read";
import { decimalString, escapeAttribute, escapeText, writeProjectXml, xmlSafe } from "./xml-write";

/** What a conforming parser makes of <e a="…">…</e>: the attribute's value and the text. */
function parseBack(attribute: string, text: string): { attribute: string; text: string } {
  const xml = `<e a="${escapeAttribute(attribute)}">${escapeText(text)}</e>`;
  const parser = new SaxesParser();
  let a = "";
  let t = "";
  parser.on("opentag", (tag) => {
    a = tag.attributes.a as string;
  });
  parser.on("text", (chunk) => {
    t += chunk;
  });
  parser.write(xml).close();
  return { attribute: a, text: t };
}

function isForbidden(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== 0x9 && unit !== 0xa && unit !== 0xd) ||
    unit === 0xfffe ||
    unit === 0xffff ||
    (unit >= 0xd800 && unit <= 0xdfff)
  );
}

/** Every string in a value replaced by what XML can carry. */
function xmlSafeDeep<T>(value: T): T {
  if (typeof value === "string") return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeDeep(v)])) as T;
  return value;
}

describe("escaping", () => {
  const allUnits = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i));

  test("xmlSafe replaces exactly the characters XML 1.0 forbids, one U+FFFD each", () => {
    const wrong: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const expected = isForbidden(unit) ? "\uFFFD" : String.fromCharCode(unit);
      if (xmlSafe(`|${String.fromCharCode(unit)}|`) !== `|${expected}|`) wrong.push(unit);
    }
    expect(wrong).toEqual([]);
    // Characters outside the BMP are allowed: a well-formed pair stays.
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 0x1111) {
      const ch = String.fromCodePoint(cp);
      expect(xmlSafe(ch)).toBe(ch);
    }
    expect(xmlSafe("\u{10FFFF}😀")).toBe("\u{10FFFF}😀");
    // A high surrogate without its low half, and the reverse, are lone.
    expect(xmlSafe("\uD83D")).toBe("\uFFFD");
    expect(xmlSafe("\uDE00\uD83D")).toBe("\uFFFD\uFFFD");
    expect(xmlSafe("\uD83D\uD83D\uDE00")).toBe("\uFFFD😀");
  });

  test("every BMP character survives a parse exactly, in an attribute and in text", () => {
    const input = allUnits.join("|");
    const back = parseBack(input, input);
    expect(back.attribute).toBe(xmlSafe(input));
    expect(back.text).toBe(xmlSafe(input));
  });

  test("tab, LF, CR and CR LF survive in attributes and text (not normalised)", () => {
    for (const s of ["\t", "\n", "\r", "\r\n", " \t\r\n ", "a\r\rb", "\n\n"]) {
      expect(parseBack(s, s)).toEqual({ attribute: s, text: s });
    }
    expect(escapeAttribute("a\tb\nc\rd")).toBe("a&#x9;b&#xA;c&#xD;d");
    expect(escapeText("a\tb\nc\rd")).toBe("a\tb\nc&#xD;d");
  });

  test("markup is escaped", () => {
    const s = `<script>alert("x") & 'y'</script> ]]>`;
    expect(escapeText(s)).toBe(`&lt;script&gt;alert("x") &amp; 'y'&lt;/script&gt; ]]&gt;`);
    expect(escapeAttribute(s)).toBe(
      `&lt;script&gt;alert(&quot;x&quot;) &amp; 'y'&lt;/script&gt; ]]&gt;`,
    );
    expect(parseBack(s, s)).toEqual({ attribute: s, text: s });
  });

  test("characters outside the BMP pass unchanged", () => {
    const s = "😀 𠀀 🇰🇷 \u{10FFFF}";
    expect(escapeText(s)).toBe(s);
    expect(parseBack(s, s)).toEqual({ attribute: s, text: s });
  });

  test("property: any string, code units or code points, parses back as xmlSafe made it", () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const special = fc.constantFrom("\r", "\n", "\t", "\r\n", "&", "<", ">", '"', "'", "]]>", "😀");
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.oneof(unit, special) }),
    );
    fc.assert(
      fc.property(text, text, (a, t) => {
        expect(parseBack(a, t)).toEqual({ attribute: xmlSafe(a), text: xmlSafe(t) });
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  test("decimals never use an exponent (xsd:decimal has none)", () => {
    expect(decimalString(12.5)).toBe("12.5");
    expect(decimalString(-3)).toBe("-3");
    expect(decimalString(1e-7)).toBe("0.0000001");
    expect(decimalString(1.5e21)).toBe("1500000000000000000000");
    expect(() => decimalString(Number.NaN)).toThrow(/not a decimal/);
  });
});

describe("writeProjectXml", () => {
  test("writes UTF-8 XML in the QDA-XML namespace with the declaration first", () => {
    const xml = writeProjectXml(fullProject());
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"',
      ),
    ).toBe(true);
    // The source with a file carries its path and no inline text.
    expect(xml).toMatch(/plainTextPath="internal:\/\/[0-9A-F-]+\.txt"/);
    expect(xml.match(/<PlainTextContent>/g)?.length).toBe(4); // one source, three notes
  });

  test("a project with every feature validates and reads back equal, bar U+FFFD for forbidden characters", async () => {
    const project = fullProject();
    const xml = writeProjectXml(project);
    const validation = await validateProjectXml(xml);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(parseProjectXml(xml)).toEqual(xmlSafeDeep(project));
  });

  test("empty containers are left out, so a bare project is valid", async () => {
    const empty: RefiProject = emptyProject("Empty");
    const xml = writeProjectXml(empty);
    expect(xml).not.toMatch(/<Users|<CodeBook|<Variables|<Sources|<Notes/);
    expect(await validateProjectXml(xml)).toEqual({ valid: true, errors: [] });
    expect(parseProjectXml(xml)).toEqual(empty);
  });

  test("a colour the schema refuses is left out rather than breaking the file", async () => {
    const project = fullProject();
    project.codes[0].color = "blue";
    const xml = writeProjectXml(project);
    expect((await validateProjectXml(xml)).valid).toBe(true);
    expect(parseProjectXml(xml).codes[0].color).toBeNull();
  });

  test("a variable value that does not fit its type is an error, not an invalid file", () => {
    const project = fullProject();
    project.sources[0].variableValues[4].value = "19 June 2024";
    expect(() => writeProjectXml(project)).toThrow(/is not a date \(YYYY-MM-DD\)/);
  });
});
