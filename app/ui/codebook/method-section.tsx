import type { MethodResult } from "@/app/lib/method";

/**
 * The method block of the codebook: how coding works, the sources, agreement and the coding rules.
 */
export function MethodSection({ result }: { result: MethodResult }) {
  return (
    <section
      className="codebook-method"
      id="method"
      aria-labelledby="method-title"
      data-testid="method"
    >
      <h2 id="method-title">Method</h2>
      {!result.ok ? (
        <p className="notice" role="status" data-testid="method-missing">
          The method description could not be loaded ({result.error}). The dimensions and codes
          below come from the database and are complete.
        </p>
      ) : (
        <>
          <p data-testid="method-summary">{result.method.summary}</p>
          <h3>Sources</h3>
          <ul className="method-sources" data-testid="method-sources">
            {result.method.sources.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the method's sources are a fixed list
              <li key={i}>{s}</li>
            ))}
          </ul>
          <h3>Agreement between coders</h3>
          <p data-testid="method-agreement">{result.method.agreement}</p>
          <h3>Coding rules</h3>
          <ol className="method-rules" data-testid="method-rules">
            {result.method.codingRules.map((r, i) => (
              /* biome-ignore lint/suspicious/noArrayIndexKey: the coding rules are a fixed,
                 numbered list */
              <li key={i}>{r}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
