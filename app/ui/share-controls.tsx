"use client";
import { useState } from "react";
import { toQueryString, type Filters } from "@/app/lib/filter-query";

/** Copy the canonical link to this view, or save it under a title as a short /v/… link. */
export function ShareControls({
  filters,
  defaultCoder,
  panel,
}: {
  filters: Filters;
  defaultCoder: string;
  panel?: string;
}) {
  const query = toQueryString(filters, { defaultCoder }, { panel });
  const [status, setStatus] = useState("");
  const [title, setTitle] = useState("");
  const [saved, setSaved] = useState<string | null>(null);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Link copied.");
    } catch {
      setStatus(`Copy this link: ${text}`);
    }
  };

  return (
    <div className="share">
      <button
        type="button"
        onClick={() => copy(`${window.location.origin}/${query}`)}
        data-testid="copy-link"
      >
        Copy link
      </button>
      <form
        className="save-view"
        onSubmit={async (e) => {
          e.preventDefault();
          setStatus("Saving…");
          const res = await fetch("/api/v1/views", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ title, query }),
          });
          const body = await res.json().catch(() => ({}));
          if (res.status === 201) {
            setSaved(`${window.location.origin}${body.url}`);
            setStatus("View saved.");
          } else {
            const issues: { param: string; message: string }[] | undefined = body.issues;
            const detail = issues
              ? ` (${issues.map((i) => `${i.param} ${i.message}`).join("; ")})`
              : "";
            setStatus(`Could not save: ${body.error ?? res.statusText}${detail}`);
          }
        }}
      >
        <label>
          <span className="sr-only">Title of the saved view</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Title for this view"
            maxLength={120}
            required
            name="title"
          />
        </label>
        <button type="submit">Save view</button>
      </form>
      {saved && (
        <p className="saved-link">
          Saved:{" "}
          <a href={saved} data-testid="saved-link">
            {saved}
          </a>{" "}
          <button type="button" onClick={() => copy(saved)}>
            Copy
          </button>
        </p>
      )}
      <p className="share-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
