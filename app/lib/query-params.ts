/*
 * Query parameters as zod schemas. A query is read as name → every value
 * given (`outlets=a&outlets=b` is ["a", "b"]); each parameter's schema turns
 * its values into one typed value, with a message naming what was expected.
 * Routes compose these into one strict object (unknown parameters are
 * errors, answered with 400); pages read them one by one (parseQuery), so a
 * bad parameter is dropped with a notice and the rest still apply.
 */
import { z } from "zod";
import { isValidIsoDate } from "./dates";
import { toEntries, type Params } from "./filter-query";

export interface ParamIssue {
  param: string;
  message: string;
}

/** Every value of one parameter, or undefined when it is absent. */
export type ParamValues = string[] | undefined;
export type ParamSchema<T> = z.ZodType<T, ParamValues>;
export type ParamShape = Record<string, ParamSchema<unknown>>;
export type QueryRecord = Record<string, string[]>;

export const MAX_PARAM_LENGTH = 1000;

/** A value as it may be shown back in a message: short, quoted, control characters replaced. */
export function describeValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown.replace(/[\u0000-\u001F\u007F]/g, "?"));
}

/** A parameter name as it may be shown back: short, with control characters replaced. */
export function safeName(name: string): string {
  return name.slice(0, 60).replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
}

/**
 * A value checked against a fixed list: `unknown <noun> "x"; known: …`, or
 * `"x" is not one of …` without a noun.
 */
export function oneOf<const T extends string>(
  allowed: readonly T[],
  noun?: string,
): z.ZodType<T, string> {
  return z.string().refine((v): v is T => (allowed as readonly string[]).includes(v), {
    error: (issue) => {
      const v = describeValue(String(issue.input));
      return noun
        ? `unknown ${noun} ${v}; known: ${allowed.join(", ")}`
        : `${v} is not one of ${allowed.join(", ")}`;
    },
  }) as unknown as z.ZodType<T, string>;
}

export const isoDate: z.ZodType<string, string> = z.string().refine(isValidIsoDate, {
  error: (issue) =>
    `${describeValue(String(issue.input))} is not a real date in the form YYYY-MM-DD`,
});

/** A whole number from min to max, written in digits. */
export function wholeNumber(min: number, max: number): z.ZodType<number, string> {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

/**
 * A single-valued parameter: absent or empty is undefined; given twice or
 * longer than MAX_PARAM_LENGTH is an issue; otherwise `value` checks it.
 */
export function one<T>(value: z.ZodType<T, string>): ParamSchema<T | undefined> {
  return z
    .array(z.string())
    .optional()
    .transform((values, ctx): T | undefined => {
      if (!values || values.length === 0) return undefined;
      if (values.length > 1) {
        ctx.addIssue({ code: "custom", message: "was given more than once" });
        return z.NEVER;
      }
      const [raw] = values;
      if (raw === "") return undefined;
      if (raw.length > MAX_PARAM_LENGTH) {
        ctx.addIssue({ code: "custom", message: `is longer than ${MAX_PARAM_LENGTH} characters` });
        return z.NEVER;
      }
      const parsed = value.safeParse(raw);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: parsed.error.issues[0].message });
        return z.NEVER;
      }
      return parsed.data;
    });
}

/**
 * A list from comma-separated and repeated values, blanks dropped, each
 * item one of `allowed`; the result follows the order of `allowed`.
 */
export function listOf(
  allowed: readonly string[],
  noun: string,
): ParamSchema<string[] | undefined> {
  return z
    .array(z.string())
    .optional()
    .transform((values, ctx): string[] | undefined => {
      if (!values) return undefined;
      const joined = values.join(",");
      if (joined.length > MAX_PARAM_LENGTH) {
        ctx.addIssue({ code: "custom", message: `is longer than ${MAX_PARAM_LENGTH} characters` });
        return z.NEVER;
      }
      const items = new Set(
        joined
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      );
      const unknown = [...items].filter((x) => !allowed.includes(x));
      if (unknown.length) {
        const listed = unknown.map(describeValue).join(", ");
        ctx.addIssue({
          code: "custom",
          message: `unknown ${noun} ${listed}; known: ${allowed.join(", ")}`,
        });
        return z.NEVER;
      }
      return allowed.filter((x) => items.has(x));
    });
}

/** A parameter that must be given: `is required; <hint>` when absent or empty. */
export function required<T>(schema: ParamSchema<T | undefined>, hint: string): ParamSchema<T> {
  return schema.transform((v, ctx): T => {
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: `is required; ${hint}` });
      return z.NEVER;
    }
    return v;
  });
}

/** A query as name → values, the input every query schema reads. */
export function toQueryRecord(params: Params): QueryRecord {
  return Object.fromEntries(toEntries(params));
}

/**
 * Zod's issues as `{ param, message }`: an unknown key is named by itself
 * (with `unknown` as its message), other issues by their path (or `root`).
 */
export function toParamIssues(
  error: z.ZodError,
  unknown = "is not a known parameter",
  root = "query",
): ParamIssue[] {
  return error.issues.flatMap((i) => {
    const at = i.path.map(String).join(".");
    if (i.code === "unrecognized_keys")
      return i.keys.map((k) => ({ param: safeName(at ? `${at}.${k}` : k), message: unknown }));
    return [{ param: safeName(at || root), message: i.message }];
  });
}

export type ParsedShape<S extends ParamShape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Reads each parameter of `shape` on its own, for pages: a bad one is left
 * out of `values` and reported, the others still apply. Parameters outside
 * the shape and `allowed` are reported as unknown.
 */
export function parseQuery<S extends ParamShape>(
  shape: S,
  params: Params,
  allowed: readonly string[] = [],
): { values: Partial<ParsedShape<S>>; issues: ParamIssue[] } {
  const record = toQueryRecord(params);
  const issues: ParamIssue[] = Object.keys(record)
    .filter((name) => !Object.hasOwn(shape, name) && !allowed.includes(name))
    .map((name) => ({ param: safeName(name), message: "is not a known parameter" }));
  const values: Partial<ParsedShape<S>> = {};
  for (const name of Object.keys(shape) as (keyof S & string)[]) {
    const parsed = shape[name].safeParse(record[name]);
    if (!parsed.success) issues.push({ param: name, message: parsed.error.issues[0].message });
    else if (parsed.data !== undefined) values[name] = parsed.data as ParsedShape<S>[typeof name];
  }
  return { values, issues };
}
