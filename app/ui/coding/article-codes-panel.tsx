import type { ArticleCodeValue } from "./coding-api";
import { useNoteDraft } from "./note-drafts";
import type { WorkspaceDimension } from "./types";

/**
 * One article-level dimension (weapons, tone_gov) as a radio group, each code with its codebook
 * definition, the dimension's question and definition at hand, and a note. A choice saves at once;
 * the note saves when its field loses focus and is kept as a draft until then.
 */
export function ArticleCodeGroup({
  dimension,
  value,
  savedNote,
  draftKey,
  onSet,
}: {
  dimension: WorkspaceDimension;
  value: ArticleCodeValue | undefined;
  savedNote: string | null;
  draftKey: string;
  onSet: (value: ArticleCodeValue) => void;
}) {
  const note = useNoteDraft(draftKey, savedNote);
  const noteId = `cw-ac-note-${dimension.key}`;
  const saveNote = () => {
    const text = note.text.trim() || null;
    if (value && text !== (value.note ?? null)) onSet({ code: value.code, note: text });
  };
  return (
    <fieldset className="cw-article-code" data-dimension={dimension.key}>
      <legend>{dimension.label}</legend>
      <p className="cw-question">{dimension.question}</p>
      <details className="cw-definition">
        <summary>Definition</summary>
        <p>{dimension.definition}</p>
      </details>
      {dimension.codes.map((c) => {
        const defId = `cw-ac-def-${dimension.key}-${c.key}`;
        return (
          <div key={c.key} className="cw-radio">
            <label>
              <input
                type="radio"
                name={`cw-ac-${dimension.key}`}
                value={c.key}
                checked={value?.code === c.key}
                aria-describedby={defId}
                onChange={() => onSet({ code: c.key, note: note.text.trim() || null })}
              />{" "}
              <span
                className="legend-swatch"
                style={{ background: c.tint, borderColor: c.colour }}
                aria-hidden="true"
              />
              {c.label}
            </label>
            <span id={defId} className="cw-def">
              {c.definition}
            </span>
          </div>
        );
      })}
      <label htmlFor={noteId} className="cw-note">
        Note: {dimension.label}
      </label>
      <textarea
        id={noteId}
        rows={2}
        value={note.text}
        onChange={(e) => note.change(e.target.value)}
        onBlur={saveNote}
      />
      {note.restored && (
        <p className="cw-draft" role="status">
          Unsaved note restored from this browser{value ? "" : "; it saves with your choice"}.
        </p>
      )}
    </fieldset>
  );
}
