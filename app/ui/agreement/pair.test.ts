import { describe, expect, it } from "vitest";
import type { AgreementReport } from "@/app/lib/agreement/types";
import { parsePair } from "./pair";

const report = (coders: string[]): AgreementReport => ({ coders, dimensions: [] });
const pairs = [
  { a: "FS-1", b: "FS-2", report: report(["FS-1", "FS-2"]) },
  { a: "FS-1", b: "FS-3", report: report(["FS-1", "FS-3"]) },
];

describe("the pair parameter of /agreement", () => {
  it("is absent: all coders, no notice", () => {
    expect(parsePair(undefined, pairs)).toEqual({ pair: null, issue: null });
  });

  it("names a pair in either order; the first key is coder A", () => {
    expect(parsePair("FS-1,FS-3", pairs).pair).toMatchObject({ a: "FS-1", b: "FS-3" });
    const swapped = parsePair("FS-3,FS-1", pairs);
    expect(swapped.pair).toMatchObject({ a: "FS-3", b: "FS-1" });
    expect(swapped.pair?.report).toBe(pairs[1].report);
    expect(swapped.issue).toBeNull();
  });

  it("is ignored with a notice when it is not two coders who coded the same articles", () => {
    for (const value of ["FS-2,FS-3", "FS-1", "FS-1,FS-1", "FS-1,FS-2,FS-3", "", "NOBODY,FS-1"]) {
      const { pair, issue } = parsePair(value, pairs);
      expect(pair, value).toBeNull();
      expect(issue?.param, value).toBe("pair");
    }
    expect(parsePair(["FS-1,FS-2", "FS-1,FS-3"], pairs).issue?.message).toContain("more than once");
  });
});
