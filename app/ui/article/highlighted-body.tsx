import { Fragment, memo, type ReactNode } from "react";
import { codeKey, highlightStyle, type CodeIndex } from "./highlight";
import type { Paragraph, Segment } from "./segments";
import type { ReaderPassage } from "./types";

/** The article's paragraphs with every passage as a <mark>; memoised so a popover update does not redraw the text. */
export const HighlightedBody = memo(function HighlightedBody({
  paragraphs,
  byId,
  codes,
  hidden,
}: {
  paragraphs: Paragraph[];
  byId: Map<number, ReaderPassage>;
  codes: CodeIndex;
  hidden: ReadonlySet<string>;
}) {
  return (
    <>
      {paragraphs.map((p) =>
        p.segments.length === 0 ? null : (
          <p key={p.index} data-paragraph={p.index}>
            {p.segments.map((s, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are the paragraph in reading order
              <Fragment key={k}>{renderSegment(s, byId, codes, hidden)}</Fragment>
            ))}
          </p>
        ),
      )}
    </>
  );
});

/** A segment wrapped in one mark per covering passage, outermost first. */
function renderSegment(
  s: Segment,
  byId: Map<number, ReaderPassage>,
  codes: CodeIndex,
  hidden: ReadonlySet<string>,
): ReactNode {
  let node: ReactNode = s.text;
  for (let i = s.ids.length - 1; i >= 0; i--) {
    const p = byId.get(s.ids[i]);
    if (!p) continue;
    const c = codes.get(codeKey(p.dimension, p.code));
    const first = s.first.includes(p.id);
    const off = hidden.has(p.dimension);
    node = (
      <mark
        className="hl"
        id={first ? `p-${p.id}` : undefined}
        data-passage-id={p.id}
        data-dimension={p.dimension}
        data-code={p.code}
        data-coder={p.coder}
        data-voice={p.voice}
        data-start={p.start}
        data-end={p.end}
        data-lane={p.lane}
        data-first={first ? "true" : undefined}
        data-hidden={off ? "true" : undefined}
        tabIndex={first && !off ? 0 : -1}
        style={c ? highlightStyle(c.code.colour, c.code.tint, p.lane) : undefined}
      >
        {node}
      </mark>
    );
  }
  return node;
}
