import Link from "next/link";
import type { ArticleDetail } from "@/app/lib/queries/article";
import type { CodebookDimension } from "@/app/lib/queries/codebook";
import { highlightStyleFor } from "./highlight";
import { longDate, shiftDate } from "./format";
import { VOICE_TEXT } from "./voice";

/** Days either side of an event for its dashboard link. */
const EVENT_WINDOW_DAYS = 30;

/** Photo captions, kept apart from the coded body (they are not coded). */
export function PhotoCaptions({ captions }: { captions: string[] }) {
  return (
    <section className="article-captions" aria-labelledby="captions-title" data-testid="captions">
      <h2 id="captions-title">Photo captions</h2>
      {captions.length === 0 ? (
        <p className="muted">The page has no photo captions.</p>
      ) : (
        <ul>
          {captions.map((c, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the captions are a fixed list, never reordered
            <li key={k}>{c}</li>
          ))}
        </ul>
      )}
      <p className="muted">Captions are shown as published and are not coded.</p>
    </section>
  );
}

/** The events the article itself states, each linking to the dashboard around its date. */
export function ArticleEvents({ events }: { events: ArticleDetail["events"] }) {
  return (
    <section className="article-events" aria-labelledby="events-title" data-testid="events">
      <h2 id="events-title">Events the article states</h2>
      {events.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li key={e.key} data-event={e.key}>
              <time dateTime={e.date}>{longDate(e.date)}</time> — {e.label}{" "}
              <Link
                href={`/?from=${shiftDate(e.date, -EVENT_WINDOW_DAYS)}&to=${shiftDate(e.date, EVENT_WINDOW_DAYS)}`}
              >
                dashboard<span className="sr-only"> for {e.label},</span> ±{EVENT_WINDOW_DAYS} days
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every coded passage as a list: the same evidence as the highlights, readable without pointing. */
export function PassageList({
  article,
  codebook,
}: {
  article: ArticleDetail;
  codebook: CodebookDimension[];
}) {
  const dim = (key: string) => codebook.find((d) => d.key === key);
  return (
    <details className="article-passages" data-testid="passage-list">
      <summary>All {article.passages.length} coded passages, in reading order</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Passage</th>
              <th scope="col">Dimension</th>
              <th scope="col">Code</th>
              <th scope="col">Voice</th>
              <th scope="col">Coder</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {article.passages.map((p) => {
              const d = dim(p.dimension);
              const c = d?.codes.find((x) => x.key === p.code);
              return (
                <tr key={p.id} data-row-passage={p.id} data-voice={p.voice}>
                  <td>
                    <a href={`#p-${p.id}`}>{excerpt(p.quote)}</a>
                  </td>
                  <td>{d?.label ?? p.dimension}</td>
                  <td>
                    <span className="code-chip" style={c ? highlightStyleFor(c.colour) : undefined}>
                      {c?.label ?? p.code}
                    </span>
                  </td>
                  <td>
                    <span className="voice-line" data-voice={p.voice} aria-hidden="true" />{" "}
                    {VOICE_TEXT[p.voice].label}
                  </td>
                  <td>{p.coder}</td>
                  <td>
                    {p.note ?? (p.provenance ? null : <span className="muted">–</span>)}
                    {p.provenance && (
                      <span className="muted" data-testid="passage-provenance">
                        {p.note ? " " : ""}
                        {p.provenance}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The start of a quote, cut at a word boundary (never inside a surrogate pair). */
function excerpt(quote: string, max = 90): string {
  const chars = [...quote.replace(/\s+/g, " ")];
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
