import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { contrastRatio } from "./colour-contrast";

interface Code {
  key: string;
  colour: string;
}
interface Dimension {
  key: string;
  codes: Code[];
}

const codebook = parse(readFileSync(join(process.cwd(), "seeds/codebook.yaml"), "utf8")) as {
  dimensions: Dimension[];
};
const colours = codebook.dimensions.flatMap((d) =>
  d.codes.map((c) => ({ code: `${d.key}.${c.key}`, colour: c.colour })),
);

describe("contrastRatio", () => {
  it("gives WCAG's figures for black, white and a mid grey", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});

describe("codebook colours", () => {
  it("covers every code of every dimension", () => {
    expect(colours.length).toBeGreaterThanOrEqual(20);
    for (const { code, colour } of colours) expect(colour, code).toMatch(/^#[0-9a-f]{6}$/i);
  });

  // WCAG 1.4.11: a mark must stand out from the white chart background at 3:1.
  it.each(colours)("$code ($colour) reaches 3:1 against white", ({ colour }) => {
    expect(contrastRatio(colour, "#ffffff")).toBeGreaterThanOrEqual(3);
  });
});
