"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { RequestRefused, sendJson } from "./send-json";

const MIN_PASSWORD = 10;

/**
 * Name, password and its confirmation for an invitation; on success the new user is sent to sign
 * in. The password is checked here for length and match, and again by the server.
 */
export function AcceptInvitationForm({
  token,
  email,
  next,
}: {
  token: string;
  email: string;
  next: string;
}) {
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const found: Record<string, string> = {};
    if (!name) found.name = "Enter your name.";
    if (password.length < MIN_PASSWORD)
      found.password = `The password must be at least ${MIN_PASSWORD} characters.`;
    else if (password !== data.get("confirm")) found.confirm = "The two passwords differ.";
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await sendJson("POST", "/api/v1/invitations/accept", { token, name, password });
      router.push(`/sign-in?next=${encodeURIComponent(next)}&invited=1`);
    } catch (err) {
      if (err instanceof RequestRefused) {
        setErrors(
          Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, `This ${k} ${v}.`])),
        );
        setFailure(err.message);
      } else setFailure(String(err));
      setBusy(false);
    }
  };

  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {errors[name] && (
        <span id={`${id}-${name}-error`} className="field-error">
          {errors[name]}
        </span>
      )}
    </div>
  );
  const aria = (name: string) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });

  return (
    <form className="invite-accept" onSubmit={submit} noValidate data-testid="invite-form">
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      {field("name", "Your name", <input {...aria("name")} autoComplete="name" maxLength={100} />)}
      {field(
        "password",
        `Password (at least ${MIN_PASSWORD} characters)`,
        <input {...aria("password")} type="password" autoComplete="new-password" maxLength={256} />,
      )}
      {field(
        "confirm",
        "Repeat the password",
        <input {...aria("confirm")} type="password" autoComplete="new-password" maxLength={256} />,
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Creating your account…" : "Create my account"}
      </button>
      {failure && (
        <p className="field-error" role="alert">
          Your account was not created: {failure}
        </p>
      )}
    </form>
  );
}
