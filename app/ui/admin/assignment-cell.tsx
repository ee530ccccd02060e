"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RequestRefused, sendJson } from "./send-json";

/**
 * One article × coder cell: its status, or a button that assigns the article to that coder
 * (POST /api/v1/articles/{slug}/assignments). An assignment still in progress can be withdrawn
 * (the server refuses once that coder has coded the article).
 */
export function AssignmentCell({
  slug,
  headline,
  coder,
  status,
  since,
  assignable,
}: {
  slug: string;
  headline: string;
  coder: string;
  status: "none" | "assigned" | "done";
  /** When it was assigned or done, already formatted. */
  since: string | null;
  assignable: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/articles/${encodeURIComponent(slug)}/assignments`;

  const act = async (method: "POST" | "DELETE") => {
    setBusy(true);
    setError(null);
    try {
      if (method === "POST") await sendJson("POST", base, { coder });
      else await sendJson("DELETE", `${base}/${encodeURIComponent(coder)}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof RequestRefused ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (status === "done")
    return (
      <span className="assign-status assign-done" title={since ?? undefined}>
        done
      </span>
    );
  return (
    <div className="assign-cell">
      {status === "assigned" && (
        <span className="assign-status" title={since ?? undefined}>
          assigned
        </span>
      )}
      {status === "none" && !assignable && <span className="muted">—</span>}
      {(status === "assigned" || assignable) && (
        <button
          type="button"
          disabled={busy}
          onClick={() => act(status === "none" ? "POST" : "DELETE")}
          aria-label={`${status === "none" ? "Assign" : "Unassign"} ${coder}: ${headline}`}
          className={status === "none" ? undefined : "quiet"}
        >
          {busy ? "…" : status === "none" ? "Assign" : "Unassign"}
        </button>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
