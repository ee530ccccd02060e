import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdjudication } from "@/app/lib/agreement/adjudication";
import { ApiError } from "@/app/lib/api";
import { requirePageActor } from "@/app/lib/auth/page-actor";
import { singleParam, type SearchParams } from "@/app/lib/page-params";
import { AdjudicationBoard } from "@/app/ui/admin/adjudicate/board";
import { AdminsOnly } from "@/app/ui/admin/admins-only";
import { withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Adjudicate an article" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

const KEY = /^[A-Za-z0-9._-]{1,32}$/;

/** One article's disagreements between coders A and B, side by side, each decided with a reason. */
export default async function AdjudicateArticlePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(`/admin/adjudicate/${encodeURIComponent(slug)}`);
  if (actor.role !== "admin") return <AdminsOnly email={actor.email} />;
  const query = await searchParams;
  const a = singleParam(query, "a");
  const b = singleParam(query, "b");
  return withDatabase(async () => {
    let view: Awaited<ReturnType<typeof getAdjudication>>;
    try {
      view = await getAdjudication(
        slug,
        a && KEY.test(a) ? a : undefined,
        b && KEY.test(b) ? b : undefined,
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) notFound();
      if (err instanceof ApiError)
        return (
          <main id="main" className="admin-page">
            <h1>Adjudicate</h1>
            <p className="notice" role="alert" data-testid="adjudicate-refused">
              {err.message}
              {err.issues?.map((i) => ` (${i.param}: ${i.message})`).join("")}
            </p>
            <p>
              <Link href="/admin/adjudicate">Back to the articles to adjudicate</Link>
            </p>
          </main>
        );
      throw err;
    }
    return (
      <main id="main" className="admin-page">
        <p>
          <Link href="/admin/adjudicate">← Articles to adjudicate</Link>
        </p>
        <h1>{view.article.headline}</h1>
        <p className="muted">
          {view.article.outlet} ·{" "}
          <Link href={`/articles/${encodeURIComponent(view.article.slug)}?coder=REF`}>
            the article with the reference coding
          </Link>
        </p>
        <form method="get" className="adjudicate-pair" aria-label="Coders to compare">
          <label>
            Coder A{" "}
            <select name="a" defaultValue={view.a}>
              {view.coders.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            Coder B{" "}
            <select name="b" defaultValue={view.b}>
              {view.coders.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">Compare</button>
        </form>
        {view.recordedPair && (
          <p className="notice" role="status">
            This article's adjudication is recorded between {view.recordedPair.a} and{" "}
            {view.recordedPair.b}.{" "}
            <Link
              href={`/admin/adjudicate/${encodeURIComponent(view.article.slug)}?a=${encodeURIComponent(view.recordedPair.a)}&b=${encodeURIComponent(view.recordedPair.b)}`}
            >
              Open that pair
            </Link>
            ; decisions for {view.a} and {view.b} replace it only while it has none.
          </p>
        )}
        <AdjudicationBoard
          slug={view.article.slug}
          a={view.a}
          b={view.b}
          agreed={view.agreed}
          items={JSON.parse(JSON.stringify(view.items))}
          initialStatus={JSON.parse(JSON.stringify(view.status))}
        />
      </main>
    );
  });
}
