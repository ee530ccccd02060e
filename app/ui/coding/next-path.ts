/**
 * Where to go after signing in: a path on this site taken from `?next=`, or "/code". Anything that
 * could leave the site ("//evil.example", "https://…", "/\evil", control characters) gives "/code".
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2000) return "/code";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/code";
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/code";
  try {
    const url = new URL(next, "http://framescope.invalid");
    if (url.origin !== "http://framescope.invalid") return "/code";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/code";
  }
}
