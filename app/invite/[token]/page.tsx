import type { Metadata } from "next";
import { findInvitation } from "@/app/lib/auth/invitations";
import { AcceptInvitationForm } from "@/app/ui/admin/accept-invitation-form";
import { formatWhen } from "@/app/ui/admin/format";
import { withDatabase } from "@/app/ui/database-unavailable";
import { SiteHeader } from "@/app/ui/site-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Accept an invitation",
  robots: { index: false },
  // The link itself is the secret: never send it on to another site.
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

/** The secret in the link; null when it is not even well-formed. */
function decodeToken(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** An invitation link: choose a name and password to make the account, or learn why it is void. */
export default async function InvitePage({ params }: Props) {
  const token = decodeToken((await params).token);
  return withDatabase(async () => {
    const invitation = token ? await findInvitation(token) : null;
    return (
      <>
        <SiteHeader account={null} />
        <main id="main" className="invite-page">
          <h1>Accept an invitation</h1>
          {!invitation ? (
            <p className="notice" role="alert" data-testid="invite-void">
              This invitation link is not valid. Check that you copied all of it, or ask an admin
              for a new one.
            </p>
          ) : invitation.status === "used" ? (
            <p className="notice" role="alert" data-testid="invite-void">
              This invitation has already been used. If it was yours, go to{" "}
              <a href="/sign-in">sign in</a>. Otherwise ask an admin for a new link.
            </p>
          ) : invitation.status === "expired" ? (
            <p className="notice" role="alert" data-testid="invite-void">
              This invitation expired on {formatWhen(invitation.expiresAt)}. Ask an admin for a new
              link.
            </p>
          ) : (
            <>
              <p>
                You are invited to Framescope as {invitation.role === "admin" ? "an" : "a"}{" "}
                <strong>{invitation.role}</strong> with the email{" "}
                <strong>{invitation.email}</strong>
                {invitation.coderKey && (
                  <>
                    , coding as <strong>{invitation.coderKey}</strong>
                  </>
                )}
                . Choose your name and a password; then sign in. The link works once, until{" "}
                {formatWhen(invitation.expiresAt)}.
              </p>
              <AcceptInvitationForm
                token={token ?? ""}
                email={invitation.email}
                next={invitation.role === "admin" ? "/admin/users" : "/code"}
              />
            </>
          )}
        </main>
      </>
    );
  });
}
