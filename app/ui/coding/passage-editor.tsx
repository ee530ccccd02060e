import { type Ref, useEffect, useRef } from "react";
import { highlightStyle } from "@/app/ui/article/highlight";
import type { CodingPassage, Voice } from "./coding-api";
import { excerpt } from "./code-popover";
import { useNoteDraft } from "./note-drafts";
import { type WorkspaceCode, type WorkspaceDimension, VOICES } from "./types";

/**
 * Edits one coded passage: its code (any passage dimension), voice and note, or deletes it (with
 * undo in the toast). Code and voice save as soon as they change; the note saves with its button,
 * or when the field loses focus, and is kept as a draft until the server has it.
 */
export function PassageEditor({
  passage,
  others,
  savedNote,
  draftKey,
  dimensions,
  position,
  onPick,
  onChange,
  onDelete,
  onClose,
  panelRef,
}: {
  passage: CodingPassage;
  /** Other passages at the clicked point, to switch to. */
  others: CodingPassage[];
  /** The note the server has for this passage (null until it is saved). */
  savedNote: string | null;
  draftKey: string;
  dimensions: WorkspaceDimension[];
  position: { top: number; left: number };
  onPick: (id: number) => void;
  onChange: (patch: {
    dimension?: string;
    code?: string;
    note?: string | null;
    voice?: Voice;
  }) => void;
  onDelete: () => void;
  onClose: () => void;
  panelRef: Ref<HTMLDivElement>;
}) {
  const note = useNoteDraft(draftKey, savedNote);
  const codeOf = (p: CodingPassage) => findCode(dimensions, p.dimension, p.code);
  const current = codeOf(passage);
  const titleId = `cw-editor-title-${passage.id}`;
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  const saveNote = () => {
    if (note.text.trim() !== (passage.note ?? "")) onChange({ note: note.text.trim() || null });
  };
  return (
    <div
      ref={panelRef}
      role="dialog"
      aria-labelledby={titleId}
      className="cw-panel cw-editor"
      data-testid="passage-editor"
      data-passage-id={passage.id}
      style={{ top: position.top, left: position.left }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          saveNote();
          onClose();
        }
      }}
    >
      <h3 id={titleId} className="cw-editor-title">
        <span
          className="legend-swatch"
          style={current ? highlightStyle(current.colour, current.tint) : undefined}
          aria-hidden="true"
        />
        Passage: {current?.label ?? passage.code}
      </h3>
      <p className="cw-quote">“{excerpt(passage.quote, 200)}”</p>
      {others.length > 0 && (
        <p className="cw-others">
          Also here:{" "}
          {others.map((o) => (
            <button key={o.id} type="button" className="link-button" onClick={() => onPick(o.id)}>
              {codeOf(o)?.label ?? o.code}
            </button>
          ))}
        </p>
      )}
      <label className="cw-field">
        Code
        <select
          ref={first}
          value={`${passage.dimension}.${passage.code}`}
          onChange={(e) => {
            const [dimension, code] = e.target.value.split(".");
            onChange(dimension === passage.dimension ? { code } : { dimension, code });
          }}
        >
          {dimensions.map((d) => (
            <optgroup key={d.key} label={d.label}>
              {d.codes.map((c) => (
                <option key={c.key} value={`${d.key}.${c.key}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <fieldset className="cw-voice">
        <legend>Voice</legend>
        {VOICES.map((v) => (
          <label key={v.value} title={v.hint}>
            <input
              type="radio"
              name={`cw-editor-voice-${passage.id}`}
              value={v.value}
              checked={passage.voice === v.value}
              onChange={() => onChange({ voice: v.value })}
            />{" "}
            {v.label}
          </label>
        ))}
      </fieldset>
      <label className="cw-note">
        Note
        <textarea
          rows={3}
          value={note.text}
          onChange={(e) => note.change(e.target.value)}
          onBlur={saveNote}
        />
      </label>
      {note.restored && (
        <p className="cw-draft" role="status">
          Unsaved note restored from this browser.
        </p>
      )}
      <div className="cw-actions">
        <button
          type="button"
          onClick={saveNote}
          disabled={note.text.trim() === (passage.note ?? "")}
        >
          Save note
        </button>
        <button type="button" className="danger" onClick={onDelete}>
          Delete passage
        </button>
        <button
          type="button"
          onClick={() => {
            saveNote();
            onClose();
          }}
        >
          Close
        </button>
      </div>
    </div>
  );
}

export function findCode(
  dimensions: WorkspaceDimension[],
  dimension: string,
  code: string,
): WorkspaceCode | undefined {
  return dimensions.find((d) => d.key === dimension)?.codes.find((c) => c.key === code);
}
