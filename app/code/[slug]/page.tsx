import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiError } from "@/app/lib/api";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { getCodings } from "@/app/lib/coding/reads";
import { onPrimary } from "@/app/lib/db";
import { isPossibleSlug } from "@/app/lib/params";
import { getArticle } from "@/app/lib/queries/article";
import { getCodebook } from "@/app/lib/queries/codebook";
import { longDate } from "@/app/ui/article/format";
import { tint } from "@/app/ui/article/segments";
import type { Coding } from "@/app/ui/coding/coding-api";
import { CodingWorkspace } from "@/app/ui/coding/coding-workspace";
import type { WorkspaceDimension } from "@/app/ui/coding/types";
import { withDatabase } from "@/app/ui/database-unavailable";
import { SiteHeader } from "@/app/ui/site-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Coding", robots: { index: false } };

type Props = { params: Promise<{ slug: string }> };

/** The coding workspace of one article, for the signed-in coder (their own coding only). */
export default async function CodeArticlePage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(`/code/${encodeURIComponent(slug)}`);
  return withDatabase(async () => {
    if (!isPossibleSlug(slug)) notFound();
    // The workspace reads the primary: a coder may open an article imported or assigned a moment ago.
    const [article, codebook] = await onPrimary(() =>
      Promise.all([getArticle(slug), getCodebook()]),
    );
    if (!article) notFound();
    const dimensions: WorkspaceDimension[] = codebook.map((d) => ({
      key: d.key,
      label: d.label,
      question: d.question,
      definition: d.definition,
      scope: d.scope,
      codes: d.codes.map((c) => ({
        key: c.key,
        label: c.label,
        definition: c.definition,
        colour: c.colour,
        tint: tint(c.colour),
      })),
    }));
    const initial = actor.coderKey ? await readCoding(actor, slug) : null;
    return (
      <>
        <SiteHeader current="code" account={{ email: actor.email, role: actor.role }} />
        <main id="main" className="code-page">
          <p className="muted cw-crumbs">
            <a href="/code">Your articles</a> ·{" "}
            <a href={`/articles/${encodeURIComponent(article.slug)}`}>Public article page</a>
          </p>
          <h1>{article.headline}</h1>
          <p className="muted">
            {article.outlet.name} · {article.genre} · {longDate(article.publishedAt)}
            {actor.coderKey && (
              <>
                {" "}
                · coding as <strong>{actor.coderKey}</strong>
              </>
            )}
          </p>
          {actor.coderKey ? (
            <CodingWorkspace
              slug={article.slug}
              body={article.body}
              coder={actor.coderKey}
              dimensions={dimensions}
              initial={initial}
            />
          ) : (
            <p className="notice" role="status">
              Your account has no coder key, so it cannot code. An admin can give it one (
              <code>npm run user</code>).
            </p>
          )}
        </main>
      </>
    );
  });
}

/** The coder's own coding as the API would return it (JSON dates). */
async function readCoding(
  actor: Parameters<typeof getCodings>[0],
  slug: string,
): Promise<Coding | null> {
  try {
    const c = await getCodings(actor, slug, "me");
    return {
      ...c,
      assignment: c.assignment && {
        assignedAt: c.assignment.assignedAt.toISOString(),
        doneAt: c.assignment.doneAt?.toISOString() ?? null,
      },
    };
  } catch (err) {
    // The browser asks again and shows the API's message.
    if (err instanceof ApiError) return null;
    throw err;
  }
}
