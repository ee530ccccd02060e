import type { Metadata } from "next";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { getImportChoices } from "@/app/lib/import/choices";
import { MAX_INGEST_BYTES } from "@/app/lib/ingest/ingest";
import { ImportForm } from "@/app/ui/admin/import-form";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a page", robots: { index: false } };

/**
 * Import a saved page (admins): upload or paste, preview, choose the metadata, import. The admin
 * layout draws the site header; this page checks the role itself.
 */
export default async function ImportPage() {
  const actor = await requirePageActor("/admin/import");
  if (actor.role !== "admin")
    return (
      <main id="main" data-testid="admins-only">
        <h1>Admins only</h1>
        <p className="notice" role="alert">
          Importing pages is for admins. You are signed in as {actor.email}, a coder; your articles
          are under <a href="/code">Code</a>.
        </p>
      </main>
    );
  return withDatabase(async () => {
    const choices = await getImportChoices();
    return (
      <main id="main">
        <h1>Import a page</h1>
        <p className="muted">
          Upload a saved news page or paste its text. The ingest (the same as{" "}
          <code>npm run ingest</code>) strips site chrome, keeps photo captions apart and repairs
          Korean text that was read as Latin-1. Check its result beside the raw page, then choose
          the outlet, genre, language and date.
        </p>
        <ImportForm choices={choices} maxBytes={MAX_INGEST_BYTES} />
      </main>
    );
  });
}
