import Link from "next/link";
import type { CodebookCode, CodebookDimension } from "@/app/lib/queries/codebook";
import type { CodeExample } from "@/app/lib/queries/code-examples";
import { codeAnchor, dimensionAnchor, SCOPE_TEXT, signed } from "./format";

/**
 * One dimension of the codebook: its question and definition, then every code with examples from
 * the corpus.
 */
export function DimensionSection({
  dimension,
  examples,
}: {
  dimension: CodebookDimension;
  examples: Map<string, CodeExample[]>;
}) {
  const d = dimension;
  const titleId = `${dimensionAnchor(d.key)}-title`;
  return (
    <section
      className="codebook-dimension"
      id={dimensionAnchor(d.key)}
      aria-labelledby={titleId}
      data-dimension={d.key}
      data-testid="dimension"
    >
      <h2 id={titleId}>
        {d.label}{" "}
        <code className="key" data-testid="dimension-key">
          {d.key}
        </code>
      </h2>
      <dl className="dimension-facts">
        <dt>Question</dt>
        <dd data-testid="dimension-question">{d.question}</dd>
        <dt>Definition</dt>
        <dd>{d.definition}</dd>
        <dt>Unit</dt>
        <dd data-scope={d.scope}>{SCOPE_TEXT[d.scope]}</dd>
        {d.ordinal && (
          <>
            <dt>Scale</dt>
            <dd data-testid="ordinal-scale">
              Ordinal, from {signed(Math.min(...d.codes.map((c) => c.value ?? 0)))} to{" "}
              {signed(Math.max(...d.codes.map((c) => c.value ?? 0)))}:{" "}
              {d.codes
                .filter((c) => c.value !== null)
                .map((c) => `${signed(c.value as number)} ${c.label}`)
                .join(" · ")}
            </dd>
          </>
        )}
      </dl>
      <ul className="code-list">
        {d.codes.map((c) => (
          <li key={c.key}>
            <CodeEntry dimension={d} code={c} examples={examples.get(`${d.key}\0${c.key}`) ?? []} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CodeEntry({
  dimension,
  code,
  examples,
}: {
  dimension: CodebookDimension;
  code: CodebookCode;
  examples: CodeExample[];
}) {
  const id = codeAnchor(dimension.key, code.key);
  return (
    <article
      className="code-entry"
      id={id}
      aria-labelledby={`${id}-title`}
      data-code={code.key}
      data-testid="code"
      style={{ borderLeftColor: code.colour }}
    >
      <h3 id={`${id}-title`}>
        <span className="swatch" style={{ background: code.colour }} aria-hidden="true" />
        {code.label}{" "}
        <code className="key" data-testid="code-key">
          {code.key}
        </code>
        {code.value !== null && (
          <span className="scale-value" data-value={code.value}>
            {" "}
            (scale value {signed(code.value)})
          </span>
        )}
      </h3>
      <p className="code-definition">{code.definition}</p>
      {code.indicators.length > 0 && (
        <>
          <p className="code-subhead">Indicators</p>
          <ul className="code-indicators">
            {code.indicators.map((i, k) => (
              /* biome-ignore lint/suspicious/noArrayIndexKey: the codebook's indicators are a
                 fixed list */
              <li key={k}>{i}</li>
            ))}
          </ul>
        </>
      )}
      <p className="code-subhead">Examples from the corpus</p>
      {examples.length === 0 ? (
        <p className="muted" data-testid="no-example">
          No passage in the corpus yet.
        </p>
      ) : (
        <ul className="code-examples">
          {examples.map((e) => (
            <li key={e.id} data-testid="example" data-passage-id={e.id}>
              <blockquote>
                <p>“{e.quote}”</p>
              </blockquote>
              <p className="example-source">
                <Link href={`/articles/${e.article.slug}#p-${e.id}`} data-testid="example-link">
                  {e.article.headline}
                </Link>{" "}
                · {e.outlet.name} <span className="muted">· coded by {e.coder}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
