import type { Metadata } from "next";
import { getPageActor } from "@/app/lib/auth/page-actor";
import { AdminNav } from "@/app/ui/admin/admin-nav";
import { SiteHeader } from "@/app/ui/site-header";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin · Framescope" },
  robots: { index: false },
};

/**
 * The admin area: the site header and the admin sections. Each page checks the role itself (a
 * layout is not re-run on every navigation), so this only decides whether to show the sections.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await getPageActor().catch(() => null);
  return (
    <>
      <SiteHeader current="admin" account={actor && { email: actor.email, role: actor.role }} />
      {actor?.role === "admin" && <AdminNav />}
      {children}
    </>
  );
}
