import type { Metadata } from "next";
import { listUsers } from "@/app/lib/admin/users";
import { listInvitations } from "@/app/lib/auth/invitations";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { InvitationList } from "@/app/ui/admin/invitation-list";
import { InviteForm } from "@/app/ui/admin/invite-form";
import { UserTable } from "@/app/ui/admin/user-table";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

/** Accounts and invitations: invite, change a role, deactivate, give a coder key. */
export default async function AdminUsersPage() {
  const actor = await requirePageActor("/admin/users");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  return withDatabase(async () => {
    const [users, invitations] = await Promise.all([listUsers(), listInvitations()]);
    return (
      <main id="main" className="admin-page">
        <h1>Users</h1>
        <p className="muted">
          Accounts sign in to code or to administer; reading Framescope needs none. Deactivating an
          account signs it out everywhere and revokes its API tokens at once; its codings stay.
        </p>
        <InviteForm />
        <InvitationList invitations={invitations} />
        <section aria-labelledby="accounts-title">
          <h2 id="accounts-title">Accounts ({users.length})</h2>
          <UserTable
            me={actor.userId}
            users={users.map((u) => ({
              id: u.id,
              email: u.email,
              name: u.name,
              role: u.role,
              coderKey: u.coderKey,
              active: u.active,
              lastSessionAt: u.lastSessionAt?.toISOString() ?? null,
            }))}
          />
        </section>
      </main>
    );
  });
}
