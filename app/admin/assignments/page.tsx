import type { Metadata } from "next";
import Link from "next/link";
import { ASSIGNMENT_PAGE_SIZE, getAssignmentMatrix } from "@/app/lib/admin/assignments";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { singleParam, type SearchParams } from "@/app/lib/page-params";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { AssignmentCell } from "@/app/ui/admin/assignment-cell";
import { formatWhen } from "@/app/ui/admin/format";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignments" };

type Props = { searchParams: Promise<SearchParams> };

/** Articles × coders: who codes what, and how far they are; assign with one click. */
export default async function AdminAssignmentsPage({ searchParams }: Props) {
  const actor = await requirePageActor("/admin/assignments");
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  const requested = Number(singleParam(await searchParams, "page") ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  return withDatabase(async () => {
    const { articles, coders, total } = await getAssignmentMatrix(page);
    const pages = Math.max(1, Math.ceil(total / ASSIGNMENT_PAGE_SIZE));
    return (
      <main id="main" className="admin-page">
        <h1>Assignments</h1>
        <p className="muted">
          Each article's codings stay private until every coder assigned to it marks it done. A
          coder can be assigned only while their account is active; coders can also take unassigned
          articles themselves.
        </p>
        {coders.length === 0 ? (
          <p className="notice">
            No account codes yet. <Link href="/admin/users">Invite a coder</Link> or give an account
            a coder key.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table assignment-matrix" data-testid="assignment-matrix">
              <caption>
                Articles {total === 0 ? 0 : (page - 1) * ASSIGNMENT_PAGE_SIZE + 1}–
                {Math.min(page * ASSIGNMENT_PAGE_SIZE, total)} of {total}, newest import first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col">Public codings</th>
                  {coders.map((c) => (
                    <th scope="col" key={c.key}>
                      <code>{c.key}</code>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => (
                  <tr key={a.slug} data-slug={a.slug}>
                    <th scope="row">
                      <Link href={`/articles/${encodeURIComponent(a.slug)}`}>{a.headline}</Link>
                      <br />
                      <span className="muted">
                        {a.outlet} · {a.publishedAt.toISOString().slice(0, 10)}
                      </span>
                    </th>
                    <td>{a.codingsPublic ? "yes" : "not yet"}</td>
                    {coders.map((c) => {
                      const assignment = a.assignments[c.key];
                      return (
                        <td key={c.key}>
                          <AssignmentCell
                            slug={a.slug}
                            headline={a.headline}
                            coder={c.key}
                            assignable={c.assignable}
                            status={!assignment ? "none" : assignment.doneAt ? "done" : "assigned"}
                            since={
                              assignment
                                ? assignment.doneAt
                                  ? `done ${formatWhen(assignment.doneAt)}`
                                  : `assigned ${formatWhen(assignment.assignedAt)}`
                                : null
                            }
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={page} pages={pages} />
      </main>
    );
  });
}

function Pager({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages of articles" className="admin-pager">
      {page > 1 && <Link href={`/admin/assignments?page=${page - 1}`}>← Newer</Link>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={`/admin/assignments?page=${page + 1}`}>Older →</Link>}
    </nav>
  );
}
