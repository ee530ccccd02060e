import Link from "next/link";
import type { ArticleDetail } from "@/app/lib/queries/article";
import type { CoderInfo } from "@/app/lib/queries/coders";
import { GENRE_LABEL, longDate } from "./format";

/** Headline, standfirst and everything known about where the article comes from. */
export function ArticleHeader({
  article,
  coders,
  coder,
}: {
  article: ArticleDetail;
  coders: CoderInfo[];
  /** The coder whose passages are shown, or undefined for all coders. */
  coder: string | undefined;
}) {
  const a = article;
  return (
    <header className="article-head">
      {a.headlineLabel && (
        <p className="article-kicker" data-testid="headline-label">
          {a.headlineLabel}
        </p>
      )}
      <h1 data-testid="headline">{a.headline}</h1>
      {a.standfirst && (
        <p className="article-standfirst" data-testid="standfirst">
          {a.standfirst}
        </p>
      )}
      <dl className="article-meta">
        <div>
          <dt>Outlet</dt>
          <dd data-testid="outlet">
            {a.outlet.name}{" "}
            <Link href={`/?outlets=${encodeURIComponent(a.outlet.slug)}`}>(on the dashboard)</Link>
          </dd>
        </div>
        <div>
          <dt>Byline</dt>
          <dd data-testid="byline">
            {a.byline ?? <span className="muted">None on the page</span>}
            {a.authorNote && (
              <p className="article-author-note" data-testid="author-note">
                {a.authorNote}
              </p>
            )}
          </dd>
        </div>
        <div>
          <dt>Genre</dt>
          <dd data-testid="genre">{GENRE_LABEL[a.genre] ?? a.genre}</dd>
        </div>
        <PublishedDate article={a} />
        <div>
          <dt>Language</dt>
          <dd>{a.language}</dd>
        </div>
        <div>
          <dt>Source file</dt>
          <dd>
            <code data-testid="source-file">{a.sourceFile}</code>
          </dd>
        </div>
        <CoderSwitch slug={a.slug} coders={coders} coder={coder} />
      </dl>
    </header>
  );
}

/** The publication date, and whether the page states it or it was inferred (and why). */
function PublishedDate({ article: a }: { article: ArticleDetail }) {
  return (
    <div className="article-date">
      <dt>Published</dt>
      <dd data-testid="published" data-precision={a.datePrecision}>
        <time dateTime={a.publishedAt}>{longDate(a.publishedAt)}</time>{" "}
        {a.datePrecision === "exact" ? (
          <span className="date-badge date-exact">stated on the page</span>
        ) : (
          <>
            <span className="date-badge date-inferred">inferred</span>
            <p className="date-reason" data-testid="date-reason">
              <strong>Why this date:</strong>{" "}
              {a.dateReason ?? "The page states no date; it was inferred from the text."}
            </p>
          </>
        )}
      </dd>
    </div>
  );
}

/** Links to this article with each coder's passages, or everyone's. */
function CoderSwitch({
  slug,
  coders,
  coder,
}: {
  slug: string;
  coders: CoderInfo[];
  coder: string | undefined;
}) {
  const base = `/articles/${encodeURIComponent(slug)}`;
  return (
    <div>
      <dt>Coding shown</dt>
      <dd>
        <nav aria-label="Coder" className="coder-switch" data-testid="coder-switch">
          <Link href={base} aria-current={coder === undefined ? "true" : undefined}>
            All coders
          </Link>
          {coders.map((c) => (
            <Link
              key={c.key}
              href={`${base}?coder=${encodeURIComponent(c.key)}`}
              aria-current={coder === c.key ? "true" : undefined}
            >
              {c.key}
              <span className="muted"> ({c.name})</span>
            </Link>
          ))}
        </nav>
      </dd>
    </div>
  );
}
