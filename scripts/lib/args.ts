/**
 * The scripts' one command-line parser, on `node:util` parseArgs: typed
 * options with defaults, and one-line errors that name the option and what it
 * expects (`--runs must be a number, not "abc"`).
 */
import { parseArgs } from "node:util";

/** A command line that cannot be used; its message is meant for the person who typed it. */
export class ArgsError extends Error {}

interface NumberRule {
  /** Whole numbers only. */
  integer?: boolean;
  min?: number;
  max?: number;
}

export type OptionSpec =
  | { type: "boolean"; short?: string }
  | { type: "string"; short?: string; default?: string; required?: boolean }
  | ({ type: "number"; short?: string; default?: number; required?: boolean } & NumberRule)
  /** A comma-separated list of numbers, e.g. `--sizes 5,100000`. */
  | ({
      type: "numbers";
      short?: string;
      default?: readonly number[];
      required?: boolean;
    } & NumberRule);

type Known<O, T> = O extends { default: unknown } | { required: true } ? T : T | undefined;

export type OptionValue<O extends OptionSpec> = O extends { type: "boolean" }
  ? boolean
  : O extends { type: "string" }
    ? Known<O, string>
    : O extends { type: "number" }
      ? Known<O, number>
      : Known<O, number[]>;

export interface ParsedArgs<S extends Record<string, OptionSpec>> {
  values: { [K in keyof S]: OptionValue<S[K]> };
  positionals: string[];
  /** The options given on the command line (not defaulted). */
  given: Set<keyof S & string>;
}

export interface ParseSettings {
  /** Accept arguments that are not options (files, filters); without it they are an error. */
  positionals?: boolean;
}

/** What a number option accepts, for its error message: "a whole number from 1 to 10". */
function expected(rule: NumberRule): string {
  const what = rule.integer ? "a whole number" : "a number";
  if (rule.min !== undefined && rule.max !== undefined)
    return `${what} from ${rule.min} to ${rule.max}`;
  if (rule.min !== undefined) return `${what} of at least ${rule.min}`;
  if (rule.max !== undefined) return `${what} of at most ${rule.max}`;
  return what;
}

function toNumber(raw: string, rule: NumberRule): number | null {
  const n = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(n)) return null;
  if (rule.integer && !Number.isInteger(n)) return null;
  if (rule.min !== undefined && n < rule.min) return null;
  if (rule.max !== undefined && n > rule.max) return null;
  return n;
}

function convert(flag: string, spec: OptionSpec, raw: string): string | number | number[] {
  if (spec.type === "number") {
    const n = toNumber(raw, spec);
    if (n === null)
      throw new ArgsError(`${flag} must be ${expected(spec)}, not ${JSON.stringify(raw)}`);
    return n;
  }
  if (spec.type === "numbers") {
    const ns = raw.split(",").map((part) => toNumber(part, spec));
    if (ns.some((n) => n === null)) {
      const each =
        spec.integer || spec.min !== undefined || spec.max !== undefined
          ? `, each ${expected(spec)}`
          : "";
      throw new ArgsError(
        `${flag} must be a comma-separated list of numbers${each}, not ${JSON.stringify(raw)}`,
      );
    }
    return ns as number[];
  }
  return raw;
}

/** parseArgs' own errors, reworded to name the option the way the rest of these messages do. */
function reword(err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' <]+)/.exec(e.message ?? "")?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new ArgsError(`unknown option ${JSON.stringify(flag ?? e.message)}`);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new ArgsError(
        `unexpected argument ${JSON.stringify(/'([^']*)'/.exec(e.message ?? "")?.[1] ?? "")}`,
      );
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new ArgsError(
        /does not take an argument/.test(e.message ?? "")
          ? `${flag} takes no value`
          : `${flag} needs a value`,
      );
    default:
      return err as Error;
  }
}

/**
 * Parses `argv` (without node and the script: `process.argv.slice(2)`) against
 * `options`. Numbers are checked and converted, defaults filled in; an unknown
 * option, a missing or malformed value, a required option left out or an
 * option given twice throws an ArgsError naming it.
 */
export function parseScriptArgs<const S extends Record<string, OptionSpec>>(
  argv: readonly string[],
  options: S,
  settings: ParseSettings = {},
): ParsedArgs<S> {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type === "boolean" ? ("boolean" as const) : ("string" as const),
        ...(spec.short ? { short: spec.short } : {}),
      },
    ]),
  );
  const parsed = (() => {
    try {
      return parseArgs({
        args: [...argv],
        options: config,
        tokens: true,
        allowPositionals: settings.positionals ?? false,
        strict: true,
      });
    } catch (err) {
      throw reword(err);
    }
  })();
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name)) throw new ArgsError(`--${token.name} was given more than once`);
    seen.add(token.name);
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options)) {
    const raw = (parsed.values as Record<string, string | boolean | undefined>)[name];
    const flag = `--${name}`;
    if (spec.type === "boolean") values[name] = raw === true;
    else if (typeof raw === "string") values[name] = convert(flag, spec, raw);
    else if (spec.required) throw new ArgsError(`${flag} is required`);
    else values[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return {
    values: values as ParsedArgs<S>["values"],
    positionals: parsed.positionals,
    given: seen as Set<keyof S & string>,
  };
}

/**
 * parseScriptArgs for a script's entry point: `--help` (or `-h`) prints the
 * usage and exits 0; a bad command line prints `<script>: <what is wrong>`
 * and the usage, and exits 2.
 */
export function parseArgsOrExit<const S extends Record<string, OptionSpec>>(
  script: string,
  usage: string,
  options: S,
  settings: ParseSettings & { argv?: readonly string[] } = {},
): ParsedArgs<S> {
  const argv = settings.argv ?? process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseScriptArgs(argv, options, settings);
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    console.error(`${script}: ${err.message}`);
    console.error(usage);
    process.exit(2);
  }
}
