import { format, parse } from "date-fns";

export { GENRE_LABEL } from "@/app/lib/filter-query";

/** 2023-09-20 → "20 September 2023" (no time zone involved). */
export function longDate(iso: string): string {
  return format(parse(iso, "yyyy-MM-dd", new Date(2000, 0, 1)), "d MMMM yyyy");
}

/** A date `days` after (or before) a YYYY-MM-DD date. */
export function shiftDate(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
