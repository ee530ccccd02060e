"use client";

import { type FormEvent, useState } from "react";
import { formatWhen } from "./format";
import { RequestRefused, sendJson } from "./send-json";

/** One account as the page hands it to the browser (dates as ISO strings). */
export interface UserItem {
  id: string;
  email: string;
  name: string;
  role: "admin" | "coder";
  coderKey: string | null;
  active: boolean;
  lastSessionAt: string | null;
}

type Patch = { role?: "admin" | "coder"; active?: boolean; coderKey?: string };

function changeSummary(user: UserItem, patch: Patch): string {
  if (patch.coderKey) return `${user.email} now codes as ${patch.coderKey}.`;
  if (patch.role) return `${user.email} is now ${patch.role === "admin" ? "an admin" : "a coder"}.`;
  return patch.active
    ? `${user.email} is active again and can sign in.`
    : `${user.email} is deactivated: signed out everywhere, API tokens revoked.`;
}

/**
 * The accounts, with what an admin may change: the role, active or not (deactivating signs the
 * user out everywhere and revokes their API tokens at once), and a coder key for an account
 * without one. An admin cannot demote or deactivate themselves.
 */
export function UserTable({ users: initial, me }: { users: UserItem[]; me: string }) {
  const [users, setUsers] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const change = async (user: UserItem, patch: Patch) => {
    setBusy(user.id);
    setMessage(null);
    try {
      const reply = await sendJson<{ user: UserItem & { lastSessionAt: string | null } }>(
        "PATCH",
        `/api/v1/users/${encodeURIComponent(user.id)}`,
        patch,
      );
      setUsers((list) => list.map((u) => (u.id === user.id ? reply.user : u)));
      setMessage({ text: changeSummary(user, patch), error: false });
      return true;
    } catch (err) {
      const text = err instanceof RequestRefused ? err.message : String(err);
      setMessage({ text: `Not changed (${user.email}): ${text}`, error: true });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const setKey = async (user: UserItem, event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const key = String(new FormData(form).get("coderKey") ?? "").trim();
    if (!key) {
      setMessage({ text: `Type a coder key for ${user.email} first.`, error: true });
      return;
    }
    if (await change(user, { coderKey: key })) form.reset();
  };

  return (
    <>
      <p
        className={message?.error ? "field-error" : "muted"}
        role={message?.error ? "alert" : "status"}
        data-testid="user-message"
      >
        {message?.text ?? ""}
      </p>
      <div className="table-scroll">
        <table className="admin-table" data-testid="user-table">
          <caption className="sr-only">Accounts, with their role, coder key and status</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Coder key</th>
              <th scope="col">Status</th>
              <th scope="col">Last session</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const self = u.id === me;
              const disabled = busy === u.id;
              return (
                <tr key={u.id} data-email={u.email}>
                  <th scope="row">
                    {u.email}
                    {self && <span className="muted"> (you)</span>}
                  </th>
                  <td>{u.name}</td>
                  <td>{u.role}</td>
                  <td>
                    {u.coderKey ? (
                      <code>{u.coderKey}</code>
                    ) : (
                      <form className="coder-key-form" onSubmit={(e) => setKey(u, e)}>
                        <input
                          name="coderKey"
                          maxLength={32}
                          aria-label={`Coder key for ${u.email}`}
                          placeholder="none"
                          autoComplete="off"
                        />
                        <button type="submit" disabled={disabled}>
                          Set
                        </button>
                      </form>
                    )}
                  </td>
                  <td>{u.active ? "active" : <strong>deactivated</strong>}</td>
                  <td>{formatWhen(u.lastSessionAt)}</td>
                  <td>
                    <div className="admin-actions">
                      {!self && (
                        <>
                          <button
                            type="button"
                            disabled={disabled}
                            onClick={() =>
                              change(u, { role: u.role === "admin" ? "coder" : "admin" })
                            }
                            aria-label={`${u.role === "admin" ? "Make coder" : "Make admin"}: ${u.email}`}
                          >
                            {u.role === "admin" ? "Make coder" : "Make admin"}
                          </button>
                          <button
                            type="button"
                            disabled={disabled}
                            onClick={() => change(u, { active: !u.active })}
                            aria-label={`${u.active ? "Deactivate" : "Reactivate"}: ${u.email}`}
                          >
                            {u.active ? "Deactivate" : "Reactivate"}
                          </button>
                        </>
                      )}
                      {self && (
                        <span className="muted">Another admin can change your account.</span>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
