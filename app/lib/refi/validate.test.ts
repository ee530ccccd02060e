import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { validateProjectXml } from "./validate";
import { readQdpx } from "./zip";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name));

describe("validateProjectXml (libxml2 with Project-mrt2019.xsd)", () => {
  test.each(["atlas-ti-23-blank.qdpx", "atlas-ti-23-codebook-only.qdpx"])(
    "the ATLAS.ti 23 sample %s is valid",
    async (name) => {
      const { projectXml } = await readQdpx(fixture(name));
      expect(await validateProjectXml(projectXml)).toEqual({ valid: true, errors: [] });
    },
  );

  test("a document that breaks the schema is invalid, with libxml2's message and line", async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Project xmlns="urn:QDA-XML:project:1.0" name="broken">',
      "  <Sources>",
      '    <TextSource guid="not-a-guid">',
      '      <PlainTextSelection guid="6F1C2D3E-8A4B-5C6D-9E0F-1A2B3C4D5E6F" startPosition="x" endPosition="3"/>',
      "    </TextSource>",
      "  </Sources>",
      "  <Users/>",
      "</Project>",
    ].join("\n");
    const result = await validateProjectXml(xml);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 4: .*'guid': \[facet 'pattern'\] The value 'not-a-guid'/),
        expect.stringMatching(
          /^line 5: .*'startPosition': 'x' is not a valid value of the atomic type 'xs:integer'/,
        ),
        expect.stringMatching(
          /^line 8: .*Element '\{urn:QDA-XML:project:1.0\}Users': This element is not expected/,
        ),
      ]),
    );
  });

  test("a document that is not well-formed is invalid, not an exception", async () => {
    const result = await validateProjectXml('<Project xmlns="urn:QDA-XML:project:1.0" name="x">');
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/Premature end of data|EndTag|expected/i);
  });
});
