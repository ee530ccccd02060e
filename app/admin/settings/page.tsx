import type { Metadata } from "next";
import { getSettings } from "@/app/lib/agreement/settings";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { getVocabulary } from "@/app/lib/queries/vocabulary";
import { SettingsForm } from "@/app/ui/admin/adjudicate/settings-form";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { formatWhen } from "@/app/ui/admin/format";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

/** Site settings: the coder the dashboard charts when a link names none. */
export default async function AdminSettingsPage() {
  const actor = await requirePageActor("/admin/settings");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  return withDatabase(async () => {
    const [settings, vocab] = await Promise.all([getSettings(), getVocabulary()]);
    return (
      <main id="main" className="admin-page">
        <h1>Settings</h1>
        <section aria-labelledby="default-coder">
          <h2 id="default-coder">Default coder</h2>
          <p className="muted">
            The coder whose codes the dashboard, compare and article pages show when a link has no{" "}
            <code>coder=</code>. Links that name a coder keep their meaning whatever is chosen here;
            links without one follow this setting. Any coder with public codings can be chosen, the
            reference coding <code>REF</code> included once an article has been adjudicated.
          </p>
          <p data-testid="default-coder-now">
            Now: <code>{vocab.defaultCoder}</code>
            {settings.defaultCoder
              ? ` (chosen by ${settings.updatedBy ?? "a former admin"}, ${formatWhen(settings.updatedAt)})`
              : " (the built-in rule: the first person coder from the seeds)"}
          </p>
          <SettingsForm
            current={settings.defaultCoder}
            choices={settings.choices.map((c) => ({
              key: c.key,
              label: `${c.key} — ${c.name} (${c.articles} article${c.articles === 1 ? "" : "s"})`,
            }))}
          />
        </section>
      </main>
    );
  });
}
