import type { Ref } from "react";
import { codeKey, highlightStyle, type CodeIndex } from "./highlight";
import type { ReaderPassage } from "./types";
import type { ActivePassages } from "./use-passage-popover";
import { VOICE_TEXT } from "./voice";

/** Code, dimension, voice, coder and note of the passages under the pointer or in focus, the focused one first. */
export function PassagePopover({
  id,
  active,
  byId,
  codes,
  popoverRef,
  onMouseEnter,
}: {
  id: string;
  active: ActivePassages;
  byId: Map<number, ReaderPassage>;
  codes: CodeIndex;
  popoverRef: Ref<HTMLDivElement>;
  onMouseEnter: () => void;
}) {
  return (
    <div
      ref={popoverRef}
      id={id}
      role="tooltip"
      className="passage-popover"
      data-testid="passage-popover"
      style={{ top: active.top, left: active.left }}
      onMouseEnter={onMouseEnter}
    >
      {active.ids.map((passageId, k) => {
        const p = byId.get(passageId);
        if (!p) return null;
        const c = codes.get(codeKey(p.dimension, p.code));
        return (
          <div
            key={passageId}
            className="pp-item"
            data-popover-passage={passageId}
            data-code={p.code}
            data-dimension={p.dimension}
            data-voice={p.voice}
          >
            {k === 1 && active.focusId !== null && (
              <p className="pp-also">Also coded on this text:</p>
            )}
            <p className="pp-code">
              <span
                className="legend-swatch"
                style={c ? highlightStyle(c.code.colour, c.code.tint) : undefined}
                aria-hidden="true"
              />
              <strong>{c?.code.label ?? p.code}</strong>{" "}
              <span className="pp-dim">· {c?.dimension.label ?? p.dimension}</span>
            </p>
            <p className="pp-voice" data-testid="passage-voice">
              <span className="voice-line" data-voice={p.voice} aria-hidden="true" />
              <strong>{VOICE_TEXT[p.voice].label}</strong>: {VOICE_TEXT[p.voice].meaning}
            </p>
            <p className="pp-coder">
              Coder: {p.coder}
              {p.coderName && p.coderName !== p.coder ? ` (${p.coderName})` : ""}
            </p>
            {p.provenance && (
              <p className="pp-note" data-testid="passage-provenance">
                {p.provenance}
              </p>
            )}
            {p.note ? (
              <p className="pp-note">Note: {p.note}</p>
            ) : (
              <p className="pp-note pp-none">No note from the coder.</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
