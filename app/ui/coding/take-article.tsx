"use client";

import { useState } from "react";
import { takeArticle } from "./coding-api";

/**
 * "Take" an article nobody is coding: assigns it to the signed-in coder
 * (POST …/assignments { coder }), then calls `onTaken` or opens its workspace.
 */
export function TakeButton({
  slug,
  coder,
  headline,
  onTaken,
}: {
  slug: string;
  coder: string;
  headline?: string;
  onTaken?: () => void;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const take = async () => {
    setState({ busy: true, error: null });
    try {
      await takeArticle(slug, coder);
      if (onTaken) onTaken();
      else window.location.assign(`/code/${encodeURIComponent(slug)}`);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={take}
        disabled={state.busy}
        aria-label={headline ? `Take “${headline}”` : undefined}
      >
        {state.busy ? "Taking…" : "Take"}
      </button>
      {state.error && (
        <span role="alert" className="cw-error">
          {" "}
          Not taken: {state.error}
        </span>
      )}
    </>
  );
}

/** Shown in the workspace of an article the coder is not assigned to. */
export function TakeArticle({
  slug,
  coder,
  onTaken,
}: {
  slug: string;
  coder: string;
  onTaken: () => void;
}) {
  return (
    <div className="notice" data-testid="not-assigned">
      <p>
        You are not assigned to this article. Take it to code it as <strong>{coder}</strong>.
      </p>
      <TakeButton slug={slug} coder={coder} onTaken={onTaken} />
    </div>
  );
}
