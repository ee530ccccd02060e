import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { safeName, type FilterIssue } from "@/app/lib/filters";
import { singleParam, type SearchParams } from "@/app/lib/page-params";
import { isPossibleSlug } from "@/app/lib/params";
import { PREVIEW_SIZE } from "@/app/og/preview-url";
import { getArticle } from "@/app/lib/queries/article";
import { getCodebook } from "@/app/lib/queries/codebook";
import { getCoders } from "@/app/lib/queries/coders";
import { ArticleEvents, PassageList, PhotoCaptions } from "@/app/ui/article/article-extras";
import { ArticleHeader } from "@/app/ui/article/article-header";
import { ArticleReader } from "@/app/ui/article/article-reader";
import { ArticleSummary } from "@/app/ui/article/article-summary";
import { longDate } from "@/app/ui/article/format";
import { readerData } from "@/app/ui/article/reader-data";
import { ParamNotice } from "@/app/ui/notice";
import { SiteHeader } from "@/app/ui/site-header";
import { metadataWithDatabase, withDatabase } from "@/app/ui/database-unavailable";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

// A slug that cannot exist (too long, or with a NUL that PostgreSQL would reject) is not looked up: 404, not an error page.
const loadArticle = cache((slug: string, coder?: string) =>
  isPossibleSlug(slug) ? getArticle(slug, coder) : Promise.resolve(null),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return metadataWithDatabase(async () => {
    const article = await loadArticle(slug);
    if (!article) return { title: "Article not found" };
    const description = `${article.outlet.name}, ${longDate(article.publishedAt)}${article.datePrecision === "inferred" ? " (date inferred)" : ""}`;
    return {
      title: article.headline,
      description,
      openGraph: {
        title: article.headline,
        description,
        images: [{ url: `/og/articles/${encodeURIComponent(article.slug)}`, ...PREVIEW_SIZE }],
      },
    };
  });
}

/** One article with every coded passage highlighted in its code's colour. */
export default async function ArticlePage(props: Props) {
  return withDatabase(() => renderArticle(props));
}

async function renderArticle({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const [coders, codebook] = await Promise.all([getCoders(), getCodebook()]);

  const issues: FilterIssue[] = [];
  for (const name of Object.keys(query)) {
    if (name !== "coder" && query[name] !== undefined)
      issues.push({ param: safeName(name), message: "is not a known parameter" });
  }
  let coder = singleParam(query, "coder") || undefined;
  if (Array.isArray(query.coder))
    issues.push({
      param: "coder",
      message: "was given more than once; passages of all coders are shown",
    });
  if (coder !== undefined && !coders.some((c) => c.key === coder)) {
    issues.push({
      param: "coder",
      message: `unknown coder ${JSON.stringify(coder.slice(0, 40))}; known: ${coders.map((c) => c.key).join(", ")}. Passages of all coders are shown`,
    });
    coder = undefined;
  }

  const article = await loadArticle(slug, coder);
  if (!article) notFound();

  return (
    <>
      <SiteHeader current="article" />
      <main id="main" className="article-page">
        <ParamNotice issues={issues} />
        {!article.codingsPublic && (
          <p className="notice" role="status" data-testid="coding-in-progress">
            Coding of this article is in progress. Its codes appear here, and in the charts, once
            every coder assigned to it has marked it done.
          </p>
        )}
        <article className="article" data-slug={article.slug}>
          <ArticleHeader article={article} coders={coders} coder={coder} />
          <ArticleSummary article={article} codebook={codebook} />
          <ArticleReader data={readerData(article, codebook, coders)} />
          <div id="after-article-text" tabIndex={-1} className="after-article-text">
            <PhotoCaptions captions={article.captions} />
            <ArticleEvents events={article.events} />
            <PassageList article={article} codebook={codebook} />
          </div>
        </article>
      </main>
    </>
  );
}
