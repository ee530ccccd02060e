import Link from "next/link";
import type { ArticleSummary } from "@/app/lib/queries/articles";
import type { CodebookDimension } from "@/app/lib/queries/codebook";

import { GENRE_LABEL } from "@/app/lib/filter-query";

/** The articles behind every chart on the page, with their article-level codes. */
export function ArticleTable({
  articles,
  total,
  codebook,
}: {
  articles: ArticleSummary[];
  total: number;
  codebook: CodebookDimension[];
}) {
  // One column per dimension judged once per article (stance, tone), from the codebook.
  const judged = codebook.filter((d) => d.scope === "article");
  const label = (dim: CodebookDimension, code: unknown) =>
    dim.codes.find((c) => c.key === code)?.label ?? String(code ?? "–");
  return (
    <section className="article-list" aria-labelledby="articles-title">
      <h2 id="articles-title">The articles ({total})</h2>
      {articles.length < total && (
        <p className="muted">
          The {articles.length} most recent are listed; every chart counts all {total}.
        </p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Outlet</th>
              <th scope="col">Headline</th>
              <th scope="col">Genre</th>
              {judged.map((d) => (
                <th key={d.key} scope="col">
                  {d.label}
                </th>
              ))}
              <th scope="col">Coded passages</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.slug} data-article={a.slug}>
                <td>
                  {a.publishedAt}
                  {a.datePrecision === "inferred" && (
                    <>
                      {" "}
                      <abbr title={a.dateReason ?? "inferred from the text"}>(inferred)</abbr>
                    </>
                  )}
                </td>
                <td>{a.outlet.name}</td>
                <td>
                  <Link href={`/articles/${a.slug}`}>{a.headline}</Link>
                </td>
                <td>{GENRE_LABEL[a.genre] ?? a.genre}</td>
                {judged.map((d) => (
                  <td key={d.key}>{label(d, a.codes[d.key])}</td>
                ))}
                <td>{a.passageCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
