"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { formatWhen } from "./format";
import { RequestRefused, sendJson } from "./send-json";

interface Made {
  email: string;
  url: string;
  expiresAt: string;
}

/**
 * Invites a user: email, role and an optional coder key give a one-time link, shown once here for
 * copying (there is no mail server). Only the link's hash is stored, so it cannot be shown again.
 */
export function InviteForm() {
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestRefused | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email") ?? "");
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const reply = await sendJson<{ url: string; expiresAt: string }>(
        "POST",
        "/api/v1/invitations",
        { email, role: data.get("role"), coderKey: String(data.get("coderKey") ?? "").trim() },
      );
      setMade({ email: email.trim().toLowerCase(), ...reply });
      form.reset();
      router.refresh();
    } catch (err) {
      setError(err instanceof RequestRefused ? err : new RequestRefused(0, String(err)));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied(true);
    } catch {
      // Without clipboard access the link stays selected in its field for copying by hand.
      (document.getElementById(`${id}-link`) as HTMLInputElement | null)?.select();
    }
  };

  const fieldError = (name: string) => error?.fields[name];
  const described = (name: string) => (fieldError(name) ? `${id}-${name}-error` : undefined);

  return (
    <section aria-labelledby={`${id}-title`} className="admin-card">
      <h2 id={`${id}-title`}>Invite someone</h2>
      <form className="invite-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            autoComplete="off"
            aria-invalid={fieldError("email") ? true : undefined}
            aria-describedby={described("email")}
          />
          {fieldError("email") && (
            <span id={`${id}-email-error`} className="field-error">
              Email {fieldError("email")}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} name="role" defaultValue="coder">
            <option value="coder">coder</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-coderKey`}>
            Coder key <span className="muted">(optional; admins code too)</span>
          </label>
          <input
            id={`${id}-coderKey`}
            name="coderKey"
            maxLength={32}
            placeholder="e.g. KJ-2"
            autoComplete="off"
            aria-invalid={fieldError("coderKey") ? true : undefined}
            aria-describedby={described("coderKey") ?? `${id}-key-hint`}
          />
          {fieldError("coderKey") ? (
            <span id={`${id}-coderKey-error`} className="field-error">
              Coder key {fieldError("coderKey")}
            </span>
          ) : (
            <span id={`${id}-key-hint`} className="muted field-hint">
              Up to 32 letters, digits, dots, hyphens or underscores; shown instead of a name.
            </span>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create invitation link"}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          Not invited: {error.message}
        </p>
      )}
      {made && (
        <div className="invite-link" data-testid="invite-link">
          <label htmlFor={`${id}-link`}>
            One-time link for {made.email} (valid until {formatWhen(made.expiresAt)}; shown only
            now)
          </label>
          <div className="invite-link-row">
            <input
              id={`${id}-link`}
              readOnly
              value={made.url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" onClick={copy}>
              Copy link
            </button>
          </div>
          <p role="status" className="muted">
            {copied ? "Copied. " : ""}Send it to them yourself; it works once.
          </p>
        </div>
      )}
    </section>
  );
}
