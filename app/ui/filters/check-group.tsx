/**
 * A fieldset of checkboxes over `all`, where an empty selection means all of
 * them (the short, canonical URL). Every box is ticked then; unticking one
 * selects the others, and the last ticked box cannot be unticked.
 */
export function CheckGroup<T extends string>({
  legend,
  name,
  options,
  selected,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  selected: T[];
  onChange: (next: T[]) => void;
}) {
  const all = options.map((o) => o.value);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={!selected.length || selected.includes(o.value)}
            onChange={() => onChange(toggled(selected, o.value, all))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** `list` with `value` ticked or unticked; [] when that selects everything. */
function toggled<T extends string>(list: T[], value: T, all: readonly T[]): T[] {
  const set = new Set(list.length ? list : all);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  if (set.size === 0) return list; // at least one stays selected
  return set.size === all.length ? [] : all.filter((x) => set.has(x));
}
