import type { KeyboardEvent, Ref } from "react";
import { highlightStyle } from "@/app/ui/article/highlight";
import type { Voice } from "./coding-api";
import { type WorkspaceDimension, VOICES } from "./types";

export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The codes to apply to the selected text: every passage dimension's codes with colour, label
 * and one-key shortcut, a voice, an optional note and sentence snapping. A non-modal dialog:
 * Enter in the text moves focus here, Escape goes back.
 */
export function CodePopover({
  id,
  quote,
  position,
  dimensions,
  keys,
  voice,
  onVoice,
  note,
  onNote,
  sentences,
  onSentences,
  onApply,
  onClose,
  onShortcut,
  panelRef,
}: {
  id: string;
  quote: string;
  position: { top: number; left: number };
  dimensions: WorkspaceDimension[];
  keys: Map<string, string>;
  voice: Voice;
  onVoice: (v: Voice) => void;
  note: string;
  onNote: (n: string) => void;
  sentences: boolean;
  onSentences: (on: boolean) => void;
  onApply: (dimension: string, code: string) => void;
  onClose: () => void;
  /** A code's key pressed outside the note field; true when it applied a code. */
  onShortcut: (e: KeyboardEvent) => boolean;
  panelRef: Ref<HTMLDivElement>;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return;
    }
    const field = e.target instanceof HTMLTextAreaElement;
    if (!field && onShortcut(e)) e.preventDefault();
  };
  return (
    <div
      ref={panelRef}
      id={id}
      role="dialog"
      aria-label="Code the selected text"
      className="cw-panel cw-code-popover"
      data-testid="code-popover"
      style={{ top: position.top, left: position.left }}
      onKeyDown={onKeyDown}
    >
      <p className="cw-quote">
        <span className="muted">Selected:</span> “{excerpt(quote)}”
      </p>
      <label className="cw-check">
        <input
          type="checkbox"
          checked={sentences}
          onChange={(e) => onSentences(e.target.checked)}
        />{" "}
        Whole sentences
      </label>
      {dimensions.map((d) => (
        <fieldset key={d.key} className="cw-codes" data-dimension={d.key}>
          <legend>{d.label}</legend>
          {d.codes.map((c) => {
            const key = keys.get(`${d.key}.${c.key}`);
            return (
              <button
                key={c.key}
                type="button"
                className="cw-code"
                data-code={c.key}
                aria-keyshortcuts={key}
                title={c.definition}
                onClick={() => onApply(d.key, c.key)}
              >
                <span
                  className="legend-swatch"
                  style={highlightStyle(c.colour, c.tint)}
                  aria-hidden="true"
                />
                <span className="cw-code-label">{c.label}</span>
                {key && <kbd>{key}</kbd>}
              </button>
            );
          })}
        </fieldset>
      ))}
      <fieldset className="cw-voice">
        <legend>Voice</legend>
        {VOICES.map((v) => (
          <label key={v.value} title={v.hint}>
            <input
              type="radio"
              name={`${id}-voice`}
              value={v.value}
              checked={voice === v.value}
              onChange={() => onVoice(v.value)}
            />{" "}
            {v.label}
          </label>
        ))}
      </fieldset>
      <label className="cw-note">
        Note (optional)
        <textarea rows={2} value={note} onChange={(e) => onNote(e.target.value)} />
      </label>
      <div className="cw-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
