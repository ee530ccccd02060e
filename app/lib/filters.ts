/*
 * The one place where a URL query becomes a typed Filters object (the way
 * back is toQueryString in filter-query.ts). The API answers 400 with the
 * issues; pages drop the offending parameters, use defaults and show the
 * issues as a notice.
 */
import { z } from "zod";
import { isValidIsoDate } from "./dates";
import { GENRES, UNITS, toEntries, type Filters, type Params, type Unit } from "./filter-query";

export { describeFilters, GENRES, UNITS, toEntries, toQueryString, type Filters, type Genre, type Unit } from "./filter-query";

export interface FilterIssue {
  param: string;
  message: string;
}

/** What the parser checks names against: the outlets, coders and dimensions that exist. */
export interface Vocabulary {
  outlets: readonly string[];
  coders: readonly string[];
  defaultCoder: string;
  dimensions?: readonly string[];
}

export const FILTER_PARAMS = ["outlets", "genres", "from", "to", "coder", "unit"] as const;
export const MAX_PARAM_LENGTH = 1000;

const listValue = z
  .string()
  .max(MAX_PARAM_LENGTH, `is longer than ${MAX_PARAM_LENGTH} characters`)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

function describe(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown.replace(/[\u0000-\u001F\u007F]/g, "?"));
}

/** A parameter name as it may be shown back: short, with control characters replaced. */
export function safeName(name: string): string {
  return name.slice(0, 60).replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
}

export function defaultFilters(vocab: Pick<Vocabulary, "defaultCoder">): Filters {
  return { outlets: [], genres: [], from: null, to: null, coder: vocab.defaultCoder, unit: "passages" };
}

/**
 * Parses a query into Filters. Never throws: every problem becomes an issue
 * naming the parameter, and the affected field keeps its default. `allowed`
 * lists the other parameters the caller accepts; any parameter outside both
 * lists is reported as unknown.
 */
export function parseFilters(
  params: Params,
  vocab: Vocabulary,
  allowed: readonly string[] = [],
): { filters: Filters; issues: FilterIssue[] } {
  const entries = toEntries(params);
  const filters = defaultFilters(vocab);
  const issues: FilterIssue[] = [];
  const issue = (param: string, message: string) => issues.push({ param, message });

  for (const name of entries.keys()) {
    if (!(FILTER_PARAMS as readonly string[]).includes(name) && !allowed.includes(name)) {
      issue(safeName(name), "is not a known parameter");
    }
  }

  const single = (name: string): string | undefined => {
    const values = entries.get(name);
    if (!values || values.length === 0) return undefined;
    if (values.length > 1) {
      issue(name, "was given more than once");
      return undefined;
    }
    if (values[0].length > MAX_PARAM_LENGTH) {
      issue(name, `is longer than ${MAX_PARAM_LENGTH} characters`);
      return undefined;
    }
    return values[0];
  };
  const list = (name: string): string[] | undefined => {
    const values = entries.get(name);
    if (!values) return undefined;
    const parsed = listValue.safeParse(values.join(","));
    if (!parsed.success) {
      issue(name, parsed.error.issues[0].message);
      return undefined;
    }
    return [...new Set(parsed.data)];
  };

  const outlets = list("outlets");
  if (outlets) {
    const unknown = outlets.filter((o) => !vocab.outlets.includes(o));
    if (unknown.length) issue("outlets", `unknown outlet ${unknown.map(describe).join(", ")}; known: ${vocab.outlets.join(", ")}`);
    else filters.outlets = [...outlets].sort();
  }

  const genres = list("genres");
  if (genres) {
    const unknown = genres.filter((g) => !(GENRES as readonly string[]).includes(g));
    if (unknown.length) issue("genres", `unknown genre ${unknown.map(describe).join(", ")}; known: ${GENRES.join(", ")}`);
    else filters.genres = GENRES.filter((g) => genres.includes(g));
  }

  for (const name of ["from", "to"] as const) {
    const value = single(name);
    if (value === undefined || value === "") continue;
    if (!isValidIsoDate(value)) issue(name, `${describe(value)} is not a real date in the form YYYY-MM-DD`);
    else filters[name] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    issue("to", `the range is reversed: ${filters.to} is before ${filters.from}`);
    filters.from = null;
    filters.to = null;
  }

  const coder = single("coder");
  if (coder !== undefined && coder !== "") {
    if (!vocab.coders.includes(coder)) issue("coder", `unknown coder ${describe(coder)}; known: ${vocab.coders.join(", ")}`);
    else filters.coder = coder;
  }

  const unit = single("unit");
  if (unit !== undefined && unit !== "") {
    if (!(UNITS as readonly string[]).includes(unit)) issue("unit", `${describe(unit)} is not one of ${UNITS.join(", ")}`);
    else filters.unit = unit as Unit;
  }

  return { filters, issues };
}
