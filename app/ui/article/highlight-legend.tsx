import { highlightStyle } from "./highlight";
import type { ReaderDimension } from "./types";
import { VOICE_TEXT } from "./voice";

/** Per dimension, a checkbox that shows or hides its highlights, with the passage count of each code. */
export function HighlightLegend({
  dimensions,
  hidden,
  onToggle,
  onAll,
}: {
  dimensions: ReaderDimension[];
  hidden: ReadonlySet<string>;
  onToggle: (dimension: string, show: boolean) => void;
  onAll: (show: boolean) => void;
}) {
  return (
    <aside className="article-legend" aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title">Highlights</h2>
      <p className="legend-help">
        Each dimension’s passages can be shown or hidden; the text stays. Counts are passages in
        this article.
      </p>
      <div className="legend-actions">
        <button type="button" onClick={() => onAll(true)} data-testid="legend-show-all">
          Show all
        </button>
        <button type="button" onClick={() => onAll(false)} data-testid="legend-hide-all">
          Hide all
        </button>
      </div>
      <div className="legend-voices" data-testid="legend-voices">
        <p className="legend-voices-title">Whose view: the underline</p>
        <ul>
          {(Object.keys(VOICE_TEXT) as (keyof typeof VOICE_TEXT)[]).map((v) => (
            <li key={v} data-legend-voice={v}>
              <span className="voice-line" data-voice={v} aria-hidden="true" />
              <span>
                <strong>{VOICE_TEXT[v].label}</strong>: {VOICE_TEXT[v].meaning}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {dimensions.map((d) => (
        <div key={d.key} className="legend-dim" data-legend-dimension={d.key} data-count={d.count}>
          <label className="legend-toggle">
            <input
              type="checkbox"
              checked={!hidden.has(d.key)}
              onChange={(e) => onToggle(d.key, e.target.checked)}
              data-testid={`toggle-${d.key}`}
            />
            <span>
              <span className="legend-dim-label">{d.label}</span>{" "}
              <span className="legend-count">
                {d.count} passage{d.count === 1 ? "" : "s"}
              </span>
            </span>
          </label>
          <ul className="legend-codes">
            {d.codes.map((c) => (
              <li
                key={c.key}
                data-legend-code={c.key}
                data-count={c.count}
                className={c.count ? undefined : "legend-unused"}
              >
                <span
                  className="legend-swatch"
                  style={highlightStyle(c.colour, c.tint)}
                  aria-hidden="true"
                />
                <span className="legend-code-label">{c.label}</span>
                <span className="legend-count">
                  {c.count}
                  <span className="sr-only"> passage{c.count === 1 ? "" : "s"}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </aside>
  );
}
