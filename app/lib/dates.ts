import { isValid, parse, format } from "date-fns";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a calendar date written YYYY-MM-DD that exists (rejects 2024-02-30). */
export function isValidIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = parse(value, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(parsed) && format(parsed, "yyyy-MM-dd") === value;
}

/** A YYYY-MM-DD string as a UTC midnight Date, the form Prisma uses for DATE columns. */
export function isoDateToUtc(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** A DATE column value back to YYYY-MM-DD. */
export function utcToIsoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Today's date in UTC as YYYY-MM-DD; a publication date after it is in the future. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
