"use client";

import { type FormEvent, useState } from "react";
import { errorMessage } from "./coding-api";

/**
 * Email and password, sent to better-auth's sign-in endpoint as JSON. The server's message is
 * shown as it is (a wrong email or password reads the same; too many failures answer 429); on
 * success the browser goes to `next`, a path on this site checked by the page.
 */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      const body = await res.json().catch(() => null);
      const message = errorMessage(res.status, body);
      setError(
        res.status === 429
          ? `${message}${res.headers.get("retry-after") ? ` (about ${res.headers.get("retry-after")} s)` : ""}`
          : message,
      );
    } catch {
      setError("could not reach the server (are you offline?)");
    }
    setBusy(false);
  };

  return (
    <form
      className="sign-in-form"
      onSubmit={submit}
      aria-describedby={error ? "sign-in-error" : undefined}
    >
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required maxLength={254} />
      </label>
      <label>
        Password
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={256}
        />
      </label>
      {error && (
        <p id="sign-in-error" role="alert" className="cw-error">
          Not signed in: {error}.
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
