"use client";

import { useEffect, useState } from "react";

export interface HeaderAccount {
  email: string;
  role: "admin" | "coder";
}

/**
 * The header's account links: "Code" for a signed-in user, "Admin" for an admin, and "Sign out";
 * "Sign in" for a visitor. Pages that already know the user pass it; elsewhere the session is
 * read here (GET /api/auth/get-session), so public pages stay cacheable and cheap.
 */
export function AccountLinks({
  account,
  current,
}: {
  /** The signed-in user, null for a visitor, undefined when the page did not look. */
  account?: HeaderAccount | null;
  current?: string;
}) {
  const [known, setKnown] = useState<HeaderAccount | null | undefined>(account);
  const [here, setHere] = useState("/");
  useEffect(() => {
    setHere(window.location.pathname + window.location.search);
    if (account !== undefined) return;
    let live = true;
    fetch("/api/auth/get-session", { credentials: "same-origin", cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: { email?: string; role?: string } } | null) => {
        if (!live) return;
        setKnown(
          s?.user?.email
            ? { email: s.user.email, role: s.user.role === "admin" ? "admin" : "coder" }
            : null,
        );
      })
      .catch(() => live && setKnown(null));
    return () => {
      live = false;
    };
  }, [account]);

  // Until the session is known the visitor's link is shown (most readers have no account), so the
  // header keeps its size for them and a public page never shifts as it loads.
  if (!known)
    return (
      <span className="account-links">
        <a
          href={current === "sign-in" ? here : `/sign-in?next=${encodeURIComponent(here)}`}
          aria-current={current === "sign-in" ? "page" : undefined}
        >
          Sign in
        </a>
      </span>
    );
  const signOut = async () => {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    window.location.assign("/");
  };
  return (
    <span className="account-links">
      <a href="/code" aria-current={current === "code" ? "page" : undefined}>
        Code
      </a>
      {known.role === "admin" && (
        <a href="/admin/users" aria-current={current === "admin" ? "page" : undefined}>
          Admin
        </a>
      )}
      <span className="account-email muted">{known.email}</span>
      <button type="button" className="link-button" onClick={signOut}>
        Sign out
      </button>
    </span>
  );
}
