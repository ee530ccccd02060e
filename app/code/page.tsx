import type { Metadata } from "next";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { listArticlesToTake } from "@/app/lib/coding/assignments";
import { listMyAssignments } from "@/app/lib/coding/reads";
import { longDate } from "@/app/ui/article/format";
import { TakeButton } from "@/app/ui/coding/take-article";
import { withDatabase } from "@/app/ui/database-unavailable";
import { SiteHeader } from "@/app/ui/site-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your articles", robots: { index: false } };

/** The signed-in coder's assignments with progress, and the articles nobody is coding yet. */
export default async function CodePage() {
  const actor = await requirePageActor("/code");
  return withDatabase(async () => {
    const [{ assignments }, toTake] = await Promise.all([
      listMyAssignments(actor),
      actor.coderKey ? listArticlesToTake() : Promise.resolve([]),
    ]);
    return (
      <>
        <SiteHeader current="code" account={{ email: actor.email, role: actor.role }} />
        <main id="main" className="code-page">
          <h1>Your articles</h1>
          {actor.coderKey ? (
            <p className="muted">
              You code as <strong>{actor.coderKey}</strong>. Your coding of an article stays private
              until every coder assigned to it marks it done.
            </p>
          ) : (
            <p className="notice" role="status">
              Your account has no coder key, so it cannot code. An admin can give it one.
            </p>
          )}
          <section aria-labelledby="assigned-title" className="code-section">
            <h2 id="assigned-title">Assigned to you ({assignments.length})</h2>
            {assignments.length === 0 ? (
              <p className="muted">Nothing is assigned to you yet. Take an article below.</p>
            ) : (
              <div className="table-scroll">
                <table className="code-assignments">
                  <thead>
                    <tr>
                      <th scope="col">Article</th>
                      <th scope="col">Passages</th>
                      <th scope="col">Weapons stance</th>
                      <th scope="col">Tone</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {assignments.map((a) => (
                      <tr key={a.article.slug} data-slug={a.article.slug}>
                        <td>
                          <a href={`/code/${encodeURIComponent(a.article.slug)}`}>
                            {a.article.headline}
                          </a>
                          <br />
                          <span className="muted">
                            {a.article.outlet} · {longDate(a.article.publishedAt)}
                          </span>
                        </td>
                        <td data-count>{a.progress.passages}</td>
                        <td>{a.progress.articleCodes.weapons ? "set" : "not set"}</td>
                        <td>{a.progress.articleCodes.tone_gov ? "set" : "not set"}</td>
                        <td>
                          {a.progress.done && a.doneAt
                            ? `done ${longDate(a.doneAt.toISOString().slice(0, 10))}`
                            : "in progress"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {actor.coderKey && (
            <section aria-labelledby="take-title" className="code-section">
              <h2 id="take-title">Articles nobody is coding ({toTake.length})</h2>
              {toTake.length === 0 ? (
                <p className="muted">Every article is assigned.</p>
              ) : (
                <ul className="code-take">
                  {toTake.map((a) => (
                    <li key={a.slug} data-slug={a.slug}>
                      <span>
                        <strong>{a.headline}</strong>{" "}
                        <span className="muted">
                          {a.outlet} · {longDate(a.publishedAt)}
                        </span>
                      </span>{" "}
                      <TakeButton slug={a.slug} coder={actor.coderKey!} headline={a.headline} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </main>
      </>
    );
  });
}
