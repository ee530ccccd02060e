/**
 * Splits a date filter into whole calendar months (read from monthly rollups)
 * and at most two runs of single days at its ends (read from daily rollups),
 * so an aggregate over years reads a few thousand rows, not millions.
 * Dates are YYYY-MM-DD strings; null means unbounded.
 */
export interface PeriodPlan {
  /**
   * Whole months to read: month >= from and month < toExclusive (each null = unbounded);
   * null = none.
   */
  months: { from: string | null; toExclusive: string | null } | null;
  /** Day ranges to read, inclusive at both ends. */
  days: { from: string; to: string }[];
}

const pad = (n: number) => String(n).padStart(2, "0");

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

export function firstOfMonth(date: string): string {
  const [y, m] = parts(date);
  return `${y}-${pad(m)}-01`;
}

export function firstOfNextMonth(date: string): string {
  const [y, m] = parts(date);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}

export function lastOfMonth(date: string): string {
  const [y, m] = parts(date);
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

export function dayBefore(date: string): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export function planPeriods(from: string | null, to: string | null): PeriodPlan {
  const monthFrom =
    from === null ? null : from === firstOfMonth(from) ? from : firstOfNextMonth(from);
  const monthTo =
    to === null ? null : to === lastOfMonth(to) ? firstOfNextMonth(to) : firstOfMonth(to);
  if (monthFrom !== null && monthTo !== null && monthFrom >= monthTo) {
    // No whole month inside the range: read it day by day (at most about two months of days).
    return { months: null, days: [{ from: from!, to: to! }] };
  }
  const days: PeriodPlan["days"] = [];
  if (from !== null && monthFrom !== from) days.push({ from, to: dayBefore(monthFrom!) });
  if (to !== null && monthTo !== null && monthTo <= to) days.push({ from: monthTo, to });
  return { months: { from: monthFrom, toExclusive: monthTo }, days };
}
