import type { CodingSession } from "./use-coding-session";

/**
 * The save line: "Saving…", "All changes saved", or the action that failed with the server's
 * message and Retry / Discard. A conflict says the current state was loaded and offers to apply
 * the action again on top of it.
 */
export function SaveStatus({
  session,
  signInHref,
}: {
  session: CodingSession;
  signInHref: string;
}) {
  const { queue, status, notice } = session;
  const failed = queue.failure && queue.items.find((i) => i.id === queue.failure?.id);
  const waiting = queue.items.length - (failed ? 1 : 0);
  return (
    <div className="cw-status" data-status={status} data-testid="save-status">
      <p role="status" aria-live="polite" className="cw-status-line">
        {status === "idle" && "Every change you make saves at once."}
        {status === "saved" && "All changes saved."}
        {status === "saving" && `Saving… (${queue.items.length} to go)`}
        {(status === "failed" || status === "conflict") && failed && (
          <>
            <strong>Not saved:</strong> {failed.label} — {queue.failure?.message}.
            {waiting > 0 && ` ${waiting} more change${waiting === 1 ? "" : "s"} wait behind it.`}
          </>
        )}
      </p>
      {notice && (
        <p role="alert" className="cw-notice">
          {notice}{" "}
          <button type="button" className="link-button" onClick={session.dismissNotice}>
            Dismiss
          </button>
        </p>
      )}
      {failed && (
        <div className="cw-actions">
          <button type="button" onClick={session.retry}>
            {status === "conflict" ? "Apply again" : "Retry"}
          </button>
          <button type="button" onClick={() => session.discard(failed.id)}>
            Discard this change
          </button>
          {/session has ended|sign in/i.test(queue.failure?.message ?? "") && (
            <a href={signInHref}>Sign in again</a>
          )}
        </div>
      )}
    </div>
  );
}
