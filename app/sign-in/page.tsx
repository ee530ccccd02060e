import type { Metadata } from "next";
import { getPageActor } from "@/app/lib/auth/page-actor";
import { singleParam, type SearchParams } from "@/app/lib/page-params";
import { safeNextPath } from "@/app/ui/coding/next-path";
import { SignInForm } from "@/app/ui/coding/sign-in-form";
import { withDatabase } from "@/app/ui/database-unavailable";
import { SiteHeader } from "@/app/ui/site-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

/** Sign in with email and password, then go back to `?next=` (a path on this site). */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const next = safeNextPath(singleParam(await searchParams, "next"));
  return withDatabase(async () => {
    const actor = await getPageActor();
    const account = actor && { email: actor.email, role: actor.role };
    return (
      <>
        <SiteHeader current="sign-in" account={account} />
        <main id="main" className="sign-in-page">
          <h1>Sign in</h1>
          {actor && (
            <p className="notice" role="status">
              You are signed in as {actor.email}. <a href={next}>Continue</a>, or sign in as someone
              else below.
            </p>
          )}
          <p className="muted">
            Reading Framescope needs no account. Coders and admins sign in here; accounts come from
            an admin's invitation.
          </p>
          <SignInForm next={next} />
        </main>
      </>
    );
  });
}
