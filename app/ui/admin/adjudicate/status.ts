/** An adjudication's status in words: "not started", "2 of 5 decided", "complete". */
export function statusText(s: { state: string; decided: number; total: number }): string {
  if (s.state === "complete") return s.total === 0 ? "complete (nothing to decide)" : "complete";
  if (s.total === 0) return "nothing to decide";
  if (s.decided === 0) return "not started";
  return `${s.decided} of ${s.total} decided`;
}
