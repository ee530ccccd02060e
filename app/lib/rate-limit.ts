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
