import type { CodebookDimension } from "@/app/lib/queries/codebook";
import { codeAnchor, dimensionAnchor } from "./format";

/** Table of contents: method, each dimension with its codes, coders. */
export function CodebookToc({ dimensions }: { dimensions: CodebookDimension[] }) {
  return (
    <nav className="codebook-toc" aria-labelledby="toc-title" data-testid="codebook-toc">
      <h2 id="toc-title">Contents</h2>
      <ol>
        <li>
          <a href="#method">Method</a>
        </li>
        {dimensions.map((d) => (
          <li key={d.key}>
            <a href={`#${dimensionAnchor(d.key)}`}>{d.label}</a>
            <ul className="toc-codes">
              {d.codes.map((c) => (
                <li key={c.key}>
                  <a href={`#${codeAnchor(d.key, c.key)}`}>
                    <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {c.label}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
        <li>
          <a href="#coders">Coders</a>
        </li>
      </ol>
    </nav>
  );
}
