/**
 * A fixed-window rate limit per client, in memory: enough for one server
 * process guarding its only public write. Returns the seconds to wait when
 * the client is over its limit.
 */
export function createRateLimiter(limit: number, windowMs: number) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return (client: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } => {
    if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
    const entry = hits.get(client);
    if (!entry || entry.resetAt <= now) {
      hits.set(client, { count: 1, resetAt: now + windowMs });
      return { ok: true };
    }
    entry.count++;
    if (entry.count > limit)
      return { ok: false, retryAfter: Math.ceil((entry.resetAt - now) / 1000) };
    return { ok: true };
  };
}

/**
 * The client a per-address limit counts. Behind a reverse proxy (TRUST_PROXY=1) it is the address
 * that proxy appended, the last X-Forwarded-For entry (earlier ones are the client's own claim);
 * without a trusted proxy every request counts as one client.
 */
export function clientAddress(headers: Headers): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
}
