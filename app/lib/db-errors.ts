/** Error messages that mean PostgreSQL is down, restarting or refusing connections. */
const UNREACHABLE = new RegExp(
  [
    "ECONNREFUSED",
    "Connection terminated",
    "terminating connection",
    "the database system is (starting up|shutting down)",
    "Can't reach database",
    "Connection refused",
    "connect ECONN",
    "DatabaseNotReachable",
  ].join("|"),
  "i",
);

/**
 * True when an error means PostgreSQL cannot be reached (down, restarting, refusing connections).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let e: unknown = err;
    e && typeof e === "object" && !seen.has(e);
    e = (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    const { code, message } = e as { code?: string; message?: string };
    if (
      code &&
      [
        "ECONNREFUSED",
        "ECONNRESET",
        "ETIMEDOUT",
        "EPIPE",
        "57P01",
        "57P02",
        "57P03",
        "P1001",
        "P1002",
        "P1017",
        "P2024",
      ].includes(code)
    )
      return true;
    if (message && UNREACHABLE.test(message)) return true;
  }
  return false;
}
