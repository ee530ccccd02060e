import type { Metadata } from "next";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { onPrimary } from "@/app/lib/db";
import { getImportChoices } from "@/app/lib/import/choices";
import { getCodebook } from "@/app/lib/queries/codebook";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { withDatabase } from "@/app/ui/database-unavailable";
import { type CodebookTarget, ImportProjectForm } from "./import-project-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a REFI-QDA project", robots: { index: false } };

/** The upload limit of `POST /api/v1/import/project` (QDPX_LIMITS.maxBytes). */
const MAX_PROJECT_BYTES = 100 * 1024 * 1024;

/**
 * Import a REFI-QDA project (.qdpx) from Framescope or another tool (admins): preview what would
 * be matched, created and skipped, map unknown codes by hand, then import in one transaction.
 */
export default async function ImportProjectPage() {
  const actor = await requirePageActor("/admin/import-project");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  return withDatabase(async () => {
    // An admin page reads the primary: the codebook it maps to must be the one the import writes to.
    const [choices, codebook] = await onPrimary(() =>
      Promise.all([getImportChoices(), getCodebook()]),
    );
    const targets: CodebookTarget[] = codebook.flatMap((d) =>
      d.codes.map((c) => ({
        value: `${d.key}/${c.key}`,
        dimension: d.label,
        label: c.label,
        scope: d.scope,
      })),
    );
    return (
      <main id="main" className="admin-page">
        <h1>Import a REFI-QDA project</h1>
        <p className="muted">
          A <code>.qdpx</code> file from Framescope, ATLAS.ti, MAXQDA, NVivo, QualCoder or another
          tool that speaks REFI-QDA. Its texts are matched to the corpus by content, its users
          become coders and its codes are matched to the codebook by name and parent. Preview first:
          nothing is written until you import, and then everything is written at once or nothing. A
          single page is imported under <a href="/admin/import">Import</a>.
        </p>
        <ImportProjectForm choices={choices} targets={targets} maxBytes={MAX_PROJECT_BYTES} />
      </main>
    );
  });
}
