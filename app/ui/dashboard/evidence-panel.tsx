import Link from "next/link";
import { toQueryString } from "@/app/lib/filters";
import { panelKey } from "@/app/lib/panel-key";
import type { EvidencePassage } from "@/app/lib/queries/passages";
import { VOICE_TEXT } from "../article/voice";
import type { ViewContext } from "../charts/types";
import { EvidenceHeading } from "./evidence-heading";

export interface EvidenceSpec {
  dimension: { key: string; label: string; scope: "passage" | "article" };
  code: { key: string; label: string; colour: string };
  outlet: { slug: string; name: string };
}

/** The passages behind one number, each linking to its place in the article. Part of the URL (?panel=). */
export function EvidencePanel({
  spec,
  passages,
  articles,
  view,
}: {
  spec: EvidenceSpec;
  passages: { total: number; passages: EvidencePassage[] };
  articles: {
    total: number;
    articles: { slug: string; headline: string; publishedAt: string; note: string | null }[];
  } | null;
  view: ViewContext;
}) {
  const closeHref = `/${toQueryString(view.filters, view)}`;
  return (
    <section
      className="evidence"
      id="evidence"
      aria-labelledby="evidence-title"
      data-testid="evidence-panel"
    >
      <header>
        <EvidenceHeading panel={panelKey(spec.dimension.key, spec.code.key, spec.outlet.slug)}>
          <span className="swatch" style={{ background: spec.code.colour }} aria-hidden="true" />
          {spec.dimension.label}: {spec.code.label} — {spec.outlet.name}
        </EvidenceHeading>
        <Link href={closeHref} scroll={false} className="close">
          Close evidence
        </Link>
      </header>
      {articles && (
        <>
          <h3>
            {articles.total} article{articles.total === 1 ? "" : "s"} coded “{spec.code.label}”
            {articles.total > articles.articles.length &&
              ` (the first ${articles.articles.length} listed)`}
          </h3>
          <ul className="evidence-articles">
            {articles.articles.map((a) => (
              <li key={a.slug}>
                <Link href={`/articles/${a.slug}`}>{a.headline}</Link>{" "}
                <span className="muted">({a.publishedAt})</span>
                {a.note && <p className="note">Coder’s note: {a.note}</p>}
              </li>
            ))}
          </ul>
          <h3>Supporting passages</h3>
        </>
      )}
      <p className="muted" data-testid="evidence-count">
        {passages.total} passage{passages.total === 1 ? "" : "s"} coded {spec.dimension.key}.
        {spec.code.key} by {view.filters.coder}
        {passages.total > passages.passages.length &&
          ` (the first ${passages.passages.length} listed)`}
      </p>
      <ol className="evidence-list">
        {passages.passages.map((p) => (
          <li key={p.id} data-passage-id={p.id} data-voice={p.voice}>
            <blockquote>
              <p>{p.quote}</p>
            </blockquote>
            <p className="evidence-voice">
              <span className="voice-line" data-voice={p.voice} aria-hidden="true" />{" "}
              <strong>{VOICE_TEXT[p.voice].label}</strong>: {VOICE_TEXT[p.voice].meaning}
            </p>
            <p className="evidence-source">
              <Link href={`/articles/${p.article.slug}#p-${p.id}`}>{p.article.headline}</Link>
              {" · "}
              {p.outlet.name} · {p.article.publishedAt}
              {p.article.datePrecision === "inferred" ? " (date inferred)" : ""}
            </p>
            {p.note && <p className="note">Coder’s note: {p.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
