import { describe, expect, it } from "vitest";
import { ArgsError, parseScriptArgs } from "./args";

const BENCH = {
  runs: { type: "number", integer: true, min: 1, default: 15 },
  sizes: { type: "numbers", integer: true, min: 1, default: [5, 100000] },
  label: { type: "string" },
  dev: { type: "boolean" },
} as const;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ArgsError);
    return (err as Error).message;
  }
  throw new Error("expected an ArgsError");
}

describe("parseScriptArgs", () => {
  it("fills in defaults when nothing is given", () => {
    const { values, positionals, given } = parseScriptArgs([], BENCH);
    expect(values).toEqual({ runs: 15, sizes: [5, 100000], label: undefined, dev: false });
    expect(positionals).toEqual([]);
    expect(given.size).toBe(0);
  });

  it("converts numbers, lists and flags in either spelling", () => {
    const { values, given } = parseScriptArgs(
      ["--runs", "3", "--sizes=5,1000000", "--dev", "--label", "x"],
      BENCH,
    );
    expect(values).toEqual({ runs: 3, sizes: [5, 1000000], label: "x", dev: true });
    expect([...given].sort()).toEqual(["dev", "label", "runs", "sizes"]);
  });

  it("says which option wants a number", () => {
    expect(errorOf(() => parseScriptArgs(["--runs", "abc"], BENCH))).toBe(
      '--runs must be a whole number of at least 1, not "abc"',
    );
    expect(errorOf(() => parseScriptArgs(["--runs", "0"], BENCH))).toBe(
      '--runs must be a whole number of at least 1, not "0"',
    );
    expect(errorOf(() => parseScriptArgs(["--sizes", "5,x"], BENCH))).toBe(
      "--sizes must be a comma-separated list of numbers, each a whole number of at least 1, " +
        'not "5,x"',
    );
    expect(errorOf(() => parseScriptArgs(["--n", "abc"], { n: { type: "number" } }))).toBe(
      '--n must be a number, not "abc"',
    );
    expect(errorOf(() => parseScriptArgs(["--n", ""], { n: { type: "number" } }))).toBe(
      '--n must be a number, not ""',
    );
    expect(parseScriptArgs(["--n", "2.5"], { n: { type: "number", min: 0 } }).values.n).toBe(2.5);
    expect(
      errorOf(() =>
        parseScriptArgs(["--p", "70000"], {
          p: { type: "number", integer: true, min: 1, max: 65535 },
        }),
      ),
    ).toBe('--p must be a whole number from 1 to 65535, not "70000"');
  });

  it("rejects a missing value, an unknown option, a repeat and a stray argument", () => {
    expect(errorOf(() => parseScriptArgs(["--runs"], BENCH))).toBe("--runs needs a value");
    expect(errorOf(() => parseScriptArgs(["--runs", "--dev"], BENCH))).toBe("--runs needs a value");
    expect(errorOf(() => parseScriptArgs(["--dev=yes"], BENCH))).toBe("--dev takes no value");
    expect(errorOf(() => parseScriptArgs(["--rnus", "3"], BENCH))).toBe('unknown option "--rnus"');
    expect(errorOf(() => parseScriptArgs(["--runs", "3", "--runs", "4"], BENCH))).toBe(
      "--runs was given more than once",
    );
    expect(errorOf(() => parseScriptArgs(["file.txt"], BENCH))).toBe(
      'unexpected argument "file.txt"',
    );
  });

  it("requires required options", () => {
    expect(
      errorOf(() => parseScriptArgs([], { articles: { type: "number", required: true } })),
    ).toBe("--articles is required");
  });

  it("keeps positionals, in order, when the script takes them", () => {
    const { values, positionals } = parseScriptArgs(
      ["dashboard", "--dev", "filters.test.ts"],
      BENCH,
      { positionals: true },
    );
    expect(positionals).toEqual(["dashboard", "filters.test.ts"]);
    expect(values.dev).toBe(true);
  });

  it("does not share a default list between calls", () => {
    parseScriptArgs([], BENCH).values.sizes.push(7);
    expect(parseScriptArgs([], BENCH).values.sizes).toEqual([5, 100000]);
  });
});
