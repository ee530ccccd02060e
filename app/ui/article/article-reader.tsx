"use client";

import { useEffect, useMemo, useState, type CSSProperties } from "react";
import { codeKey, MAX_LANE, type CodeIndex } from "./highlight";
import { HighlightLegend } from "./highlight-legend";
import { HighlightedBody } from "./highlighted-body";
import { PassagePopover } from "./passage-popover";
import type { ReaderData } from "./types";
import { usePassagePopover } from "./use-passage-popover";

/**
 * The article text with every coded passage highlighted, a legend that turns
 * each dimension's highlights on and off, and a popover that shows a
 * passage's code, voice, coder and note on hover and on keyboard focus.
 */
export function ArticleReader({ data }: { data: ReaderData }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const popover = usePassagePopover();
  const byId = useMemo(() => new Map(data.passages.map((p) => [p.id, p])), [data.passages]);
  const codes: CodeIndex = useMemo(() => {
    const m: CodeIndex = new Map();
    for (const dimension of data.dimensions)
      for (const code of dimension.codes)
        m.set(codeKey(dimension.key, code.key), { dimension, code });
    return m;
  }, [data.dimensions]);
  // Marks the reader as interactive once hydrated (tests and styles can wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const toggle = (dimension: string, show: boolean) => {
    popover.close();
    setHidden((prev) => {
      const next = new Set(prev);
      if (show) next.delete(dimension);
      else next.add(dimension);
      return next;
    });
  };
  const toggleAll = (show: boolean) => {
    popover.close();
    setHidden(show ? new Set() : new Set(data.dimensions.map((d) => d.key)));
  };

  const total = data.passages.length;
  return (
    <div
      className="article-reader"
      data-testid="article-reader"
      data-ready={ready ? "true" : undefined}
      style={{ "--lanes": Math.min(data.lanes, MAX_LANE + 1) } as CSSProperties}
    >
      <HighlightLegend
        dimensions={data.dimensions}
        hidden={hidden}
        onToggle={toggle}
        onAll={toggleAll}
      />
      <section className="article-text" aria-labelledby="article-text-title">
        <h2 id="article-text-title">Article text</h2>
        <p className="muted article-text-help">
          {total} coded passage{total === 1 ? "" : "s"} highlighted. Hover over a highlight, or
          press Tab to move from passage to passage, to see its code, voice, coder and note; Escape
          closes the note.{" "}
          <a href="#after-article-text" className="skip-highlights">
            Skip past the article text
          </a>
        </p>
        <div
          className="article-body"
          data-testid="article-body"
          data-hidden-dimensions={[...hidden].sort().join(" ")}
          {...popover.bodyProps}
        >
          <HighlightedBody paragraphs={data.paragraphs} byId={byId} codes={codes} hidden={hidden} />
          {popover.active && (
            <PassagePopover
              id={popover.popoverId}
              active={popover.active}
              byId={byId}
              codes={codes}
              popoverRef={popover.popoverRef}
              onMouseEnter={popover.cancelLeave}
            />
          )}
        </div>
      </section>
    </div>
  );
}
