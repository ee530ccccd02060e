import { formatN } from "@/app/lib/compare";
import type { N } from "@/app/lib/queries/compare";
import { isSmallSample } from "@/app/lib/shares";
import { OutletOrientation } from "./outlet-orientation";

/** Below this many articles for either outlet, the page warns that n is small. */
const SMALL_N_ARTICLES = 10;

export interface SideInfo {
  slug: string;
  name: string;
  shortName: string;
  orientation: string | null;
  orientationSource: string | null;
  n: N;
}

/** "small sample" after an outlet's n when it has fewer articles than a share can rest on. */
export function SmallSampleMark({ articles }: { articles: number }) {
  if (!isSmallSample(articles)) return null;
  return (
    <span className="small-sample" data-testid="small-sample">
      {" "}
      small sample
    </span>
  );
}

/** The n behind every number on the page, per outlet, and a warning when it is small. */
export function CompareSummary({ a, b, coder }: { a: SideInfo; b: SideInfo; coder: string }) {
  const small = Math.min(a.n.articles, b.n.articles) < SMALL_N_ARTICLES;
  const empty = [a, b].filter((s) => s.n.articles === 0);
  return (
    <section className="compare-summary" aria-label="Sample size">
      <div className="compare-n">
        {(
          [
            ["a", a],
            ["b", b],
          ] as const
        ).map(([side, s]) => (
          <div
            key={side}
            className="compare-n-card"
            data-testid={`n-${side}`}
            data-outlet={s.slug}
            data-articles={s.n.articles}
            data-passages={s.n.passages}
          >
            <span className="side-label">Outlet {side.toUpperCase()}</span>
            <span className="outlet-name">{s.name}</span>
            <span className="n-figures">
              {s.shortName} · {formatN(s.n)}
              <SmallSampleMark articles={s.n.articles} />
            </span>
            <OutletOrientation
              slug={s.slug}
              orientation={s.orientation}
              source={s.orientationSource}
            />
          </div>
        ))}
      </div>
      <p className="muted compare-coder">
        Coded by {coder}. Passages are not independent observations: an article contributes many, so
        each n leads with articles. Passage frames are shares of coded passages; generic frames and
        tone are shares of articles; stance is a share of the articles that take a stance.
      </p>
      {empty.length > 0 && (
        <p className="notice" role="status" data-testid="empty-outlet">
          {empty.map((s) => s.name).join(" and ")} {empty.length === 1 ? "has" : "have"} no articles
          under these filters, so {empty.length === 1 ? "its" : "their"} shares are shown as “–”.
        </p>
      )}
      {small && (
        <p className="small-n" data-testid="small-n">
          <strong>
            n is small: differences describe these articles, not the outlets in general.
          </strong>
        </p>
      )}
    </section>
  );
}
