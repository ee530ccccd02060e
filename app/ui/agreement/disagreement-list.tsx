import Link from "next/link";
import type {
  ArticleDisagreements,
  DisagreementItem,
  SideCode,
} from "@/app/lib/agreement/disagreements";
import { plural } from "@/app/lib/shares";

const VOICE_TEXT: Record<string, string> = {
  own: "the article's own voice",
  reported: "reported view",
  unclear: "voice unclear",
};

function Side({ codes, coder }: { codes: SideCode[]; coder: string }) {
  if (codes.length === 0)
    return <p className="muted disagreement-nothing">{coder} coded nothing here.</p>;
  return (
    <ul className="disagreement-codes">
      {codes.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one side's codes in a fixed order
        <li key={i} data-code={c.code}>
          <span className="code-chip">
            <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
            {c.label}
          </span>
          {c.quote && <blockquote className="disagreement-quote">{c.quote}</blockquote>}
          {c.voice && <p className="voice-label">{VOICE_TEXT[c.voice] ?? c.voice}</p>}
          {c.note && <p className="note">Note: {c.note}</p>}
        </li>
      ))}
    </ul>
  );
}

function where(item: DisagreementItem, labels: Record<string, string>): string {
  const label = labels[item.dimension] ?? item.dimension;
  return item.start !== undefined && item.end !== undefined
    ? `${label}, characters ${item.start}–${item.end}`
    : label;
}

/** One article's disagreements between two coders, side by side, linked to the article. */
function ArticleBlock({
  article,
  labels,
}: {
  article: ArticleDisagreements;
  labels: Record<string, string>;
}) {
  const titleId = `disagreements-${article.article.slug}`;
  return (
    <article
      className="disagreement-article"
      aria-labelledby={titleId}
      data-testid="disagreement-article"
      data-slug={article.article.slug}
    >
      <h3 id={titleId}>
        <Link href={`/articles/${article.article.slug}`}>{article.article.headline}</Link>
      </h3>
      <p className="chart-meta">
        {article.article.outlet} · {plural(article.items.length, "disagreement")} ·{" "}
        {plural(article.agreed, "agreement")}
      </p>
      <div className="table-scroll">
        <table className="disagreement-table">
          <caption className="sr-only">
            What {article.a} and {article.b} coded where they disagree in “
            {article.article.headline}”
          </caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Coder A: {article.a}</th>
              <th scope="col">Coder B: {article.b}</th>
            </tr>
          </thead>
          <tbody>
            {article.items.map((item) => (
              <tr key={item.key} data-testid="disagreement" data-key={item.key}>
                <th scope="row">{where(item, labels)}</th>
                <td>
                  <Side codes={item.a} coder={article.a} />
                </td>
                <td>
                  <Side codes={item.b} coder={article.b} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** The disagreements of one pair of coders, grouped by article, capped with a count. */
export function DisagreementList({
  a,
  b,
  total,
  articles,
  labels,
}: {
  a: string;
  b: string;
  total: number;
  articles: ArticleDisagreements[];
  labels: Record<string, string>;
}) {
  return (
    <section
      className="agreement-disagreements"
      id="disagreements"
      aria-labelledby="disagreements-title"
      data-testid="disagreements"
      data-total={total}
    >
      <h2 id="disagreements-title">
        Disagreements: {a} and {b}
      </h2>
      <p className="summary" data-testid="disagreements-count">
        {total === 0
          ? `${a} and ${b} agree on every code of the articles both completed under these filters.`
          : articles.length < total
            ? `${plural(total, "article")} with disagreements; the first ${articles.length} are listed.`
            : `${plural(total, "article")} with disagreements.`}{" "}
        Each article links to its page, where both codings can be read in the text.
      </p>
      {articles.map((x) => (
        <ArticleBlock key={x.article.slug} article={x} labels={labels} />
      ))}
    </section>
  );
}
