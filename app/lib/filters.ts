/*
 * The one place where a URL query becomes a typed Filters object (the way
 * back is toQueryString in filter-query.ts). Each filter parameter is a zod
 * schema (filterShape); the API composes them with its own parameters and
 * answers 400 with the issues (filtersQuery), pages drop the offending
 * parameters, use defaults and show the issues as a notice (parseFilters).
 */
import { z } from "zod";
import { GENRES, UNITS, type Filters, type Params } from "./filter-query";
import {
  isoDate,
  listOf,
  one,
  oneOf,
  parseQuery,
  type ParamIssue,
  type ParamShape,
} from "./query-params";

export {
  describeFilters,
  GENRES,
  UNITS,
  toEntries,
  toQueryString,
  type Filters,
  type Genre,
  type Unit,
} from "./filter-query";
export { MAX_PARAM_LENGTH, safeName } from "./query-params";

export type FilterIssue = ParamIssue;

/** What the parser checks names against: the outlets, coders and dimensions that exist. */
export interface Vocabulary {
  outlets: readonly string[];
  coders: readonly string[];
  defaultCoder: string;
  dimensions?: readonly string[];
}

export const FILTER_PARAMS = ["outlets", "genres", "from", "to", "coder", "unit"] as const;

export function defaultFilters(vocab: Pick<Vocabulary, "defaultCoder">): Filters {
  return {
    outlets: [],
    genres: [],
    from: null,
    to: null,
    coder: vocab.defaultCoder,
    unit: "passages",
  };
}

/** The filter parameters as zod schemas, checked against what exists. */
export function filterShape(vocab: Vocabulary) {
  return {
    outlets: listOf(vocab.outlets, "outlet"),
    genres: listOf(GENRES, "genre"),
    from: one(isoDate),
    to: one(isoDate),
    coder: one(oneOf(vocab.coders, "coder")),
    unit: one(oneOf(UNITS)),
  } satisfies Record<(typeof FILTER_PARAMS)[number], ParamShape[string]>;
}

type FilterValues = Partial<z.output<z.ZodObject<ReturnType<typeof filterShape>>>>;

function reversed(v: FilterValues): ParamIssue | null {
  return v.from && v.to && v.from > v.to
    ? { param: "to", message: `the range is reversed: ${v.to} is before ${v.from}` }
    : null;
}

function toFilters(v: FilterValues, vocab: Vocabulary): Filters {
  return {
    ...defaultFilters(vocab),
    ...(v.outlets ? { outlets: [...v.outlets].sort() } : {}),
    ...(v.genres ? { genres: v.genres as Filters["genres"] } : {}),
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    ...(v.coder ? { coder: v.coder } : {}),
    ...(v.unit ? { unit: v.unit } : {}),
  };
}

/**
 * An API query: the filters plus the route's own parameters, strict (an
 * unknown parameter is an issue). Its output is `{ filters, ...extra }`.
 */
export function filtersQuery<E extends ParamShape = Record<never, never>>(
  vocab: Vocabulary,
  extra?: E,
) {
  return z
    .strictObject({ ...filterShape(vocab), ...(extra ?? ({} as E)) })
    .superRefine((v, ctx) => {
      const issue = reversed(v as FilterValues);
      if (issue) ctx.addIssue({ code: "custom", path: [issue.param], message: issue.message });
    })
    .transform((v) => {
      const { outlets, genres, from, to, coder, unit, ...rest } = v as FilterValues &
        Record<string, unknown>;
      return {
        filters: toFilters({ outlets, genres, from, to, coder, unit }, vocab),
        ...(rest as { [K in keyof E]: z.output<E[K]> }),
      };
    });
}

/**
 * Parses a page's query into Filters. Never throws: every problem becomes an
 * issue naming the parameter, and the affected field keeps its default.
 * `allowed` lists the other parameters the caller accepts; any parameter
 * outside both lists is reported as unknown.
 */
export function parseFilters(
  params: Params,
  vocab: Vocabulary,
  allowed: readonly string[] = [],
): { filters: Filters; issues: FilterIssue[] } {
  const { values, issues } = parseQuery(filterShape(vocab), params, allowed);
  const range = reversed(values);
  if (range) {
    issues.push(range);
    delete values.from;
    delete values.to;
  }
  return { filters: toFilters(values, vocab), issues };
}
