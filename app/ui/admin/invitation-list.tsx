import type { InvitationView } from "@/app/lib/auth/invitations";
import { formatWhen } from "./format";

/** Invitations nobody has accepted yet, and those that lapsed this past week. */
export function InvitationList({ invitations }: { invitations: InvitationView[] }) {
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Open invitations ({invitations.length})</h2>
      {invitations.length === 0 ? (
        <p className="muted">None. A link disappears from here once it is used.</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="invitation-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Coder key</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>{i.role}</td>
                  <td>{i.coderKey ? <code>{i.coderKey}</code> : "—"}</td>
                  <td>{formatWhen(i.createdAt)}</td>
                  <td>{formatWhen(i.expiresAt)}</td>
                  <td>{i.status === "expired" ? <strong>expired</strong> : "waiting"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
