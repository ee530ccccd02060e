/**
 * A moment as admins read it in tables, "2026-11-29 14:05 UTC": the same on the server and in
 * the browser (no locale or time-zone differences between the two renders).
 */
export function formatWhen(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
