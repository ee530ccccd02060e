import type { Metadata } from "next";
import Link from "next/link";
import { getRecentActivity } from "@/app/lib/admin/activity";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { singleParam, type SearchParams } from "@/app/lib/page-params";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { formatWhen } from "@/app/ui/admin/format";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Activity" };

type Props = { searchParams: Promise<SearchParams> };

/** The most recent coding writes, newest first: who, when, what, on which article, before and after. */
export default async function AdminActivityPage({ searchParams }: Props) {
  const actor = await requirePageActor("/admin/activity");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  const raw = singleParam(await searchParams, "before");
  const before = raw && /^[1-9]\d{0,18}$/.test(raw) ? BigInt(raw) : undefined;
  return withDatabase(async () => {
    const { entries, next } = await getRecentActivity(before);
    return (
      <main id="main" className="admin-page">
        <h1>Activity</h1>
        <p className="muted">
          Every coding write is kept in an append-only history; a deleted passage can be restored
          from it in the coding workspace.
        </p>
        {raw !== undefined && before === undefined && (
          <p className="notice" role="status">
            The <code>before</code> parameter must be an entry number; showing the newest entries.
          </p>
        )}
        {entries.length === 0 ? (
          <p className="muted" data-testid="activity-empty">
            No coding writes {before ? "before this point" : "yet"}.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table activity-table" data-testid="activity-table">
              <caption className="sr-only">Recent coding writes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Article</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-entry={e.id}>
                    <td className="nowrap">{formatWhen(e.at)}</td>
                    <td>
                      {e.by ?? <span className="muted">no account</span>}
                      <br />
                      <span className="muted">
                        as <code>{e.coder}</code>
                      </span>
                    </td>
                    <td className="nowrap">
                      <code>{e.action}</code>
                      {e.passageId !== null && (
                        <span className="muted"> passage {e.passageId}</span>
                      )}
                      <br />
                      <span className="muted">version {e.version}</span>
                    </td>
                    <td>
                      <Link href={`/articles/${encodeURIComponent(e.article.slug)}`}>
                        {e.article.headline}
                      </Link>
                    </td>
                    <td className="history-value">{e.before}</td>
                    <td className="history-value">{e.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Pages of activity" className="admin-pager">
          {before !== undefined && <Link href="/admin/activity">← Newest</Link>}
          {next && <Link href={`/admin/activity?before=${next}`}>Older →</Link>}
        </nav>
      </main>
    );
  });
}
