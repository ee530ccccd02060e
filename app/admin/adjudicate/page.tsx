import type { Metadata } from "next";
import Link from "next/link";
import { listAdjudicable } from "@/app/lib/agreement/adjudication";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { statusText } from "@/app/ui/admin/adjudicate/status";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Adjudicate" };

/** Articles two or more coders completed, their disagreements and how far adjudication is. */
export default async function AdminAdjudicatePage() {
  const actor = await requirePageActor("/admin/adjudicate");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  return withDatabase(async () => {
    const { total, articles } = await listAdjudicable();
    return (
      <main id="main" className="admin-page">
        <h1>Adjudicate</h1>
        <p className="muted">
          Where two coders completed the same article, decide each of their disagreements: choose A,
          choose B, or code it yourself, always with a reason. When every item is decided, the
          reference coding <code>REF</code> is rebuilt for the article from the codes both coders
          agreed on and your decisions; the coders' own codings never change.
        </p>
        {articles.length === 0 ? (
          <p className="notice" data-testid="adjudicate-empty">
            No article has been completed by two coders yet. Assign an article to two coders in{" "}
            <Link href="/admin/assignments">Assignments</Link>; it appears here once both are done.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table" data-testid="adjudicate-table">
              <caption>
                {articles.length < total
                  ? `The newest ${articles.length} of ${total} articles`
                  : `${total} article${total === 1 ? "" : "s"}`}{" "}
                completed by two or more coders, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col">Published</th>
                  <th scope="col">Coders</th>
                  <th scope="col">Disagreements (A × B)</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => (
                  <tr key={a.slug} data-article={a.slug}>
                    <th scope="row">
                      <Link
                        href={`/admin/adjudicate/${encodeURIComponent(a.slug)}?a=${encodeURIComponent(a.a)}&b=${encodeURIComponent(a.b)}`}
                      >
                        {a.headline}
                      </Link>
                      <br />
                      <span className="muted">{a.outlet}</span>
                    </th>
                    <td className="nowrap">{a.publishedAt}</td>
                    <td>
                      {a.coders.map((c, i) => (
                        <span key={c}>
                          {i > 0 && ", "}
                          <code>{c}</code>
                        </span>
                      ))}
                    </td>
                    <td>
                      {a.disagreements}{" "}
                      <span className="muted">
                        ({a.a} × {a.b})
                      </span>
                    </td>
                    <td data-testid="adjudication-status">{statusText(a.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
    );
  });
}
