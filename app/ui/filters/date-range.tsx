import type { Filters } from "@/app/lib/filter-query";
import type { Preset } from "./filter-bar";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A preset period, or a custom From–To range; a half-typed date changes nothing. */
export function DateRange({
  filters,
  presets,
  go,
}: {
  filters: Filters;
  presets: Preset[];
  go: (next: Partial<Filters>) => void;
}) {
  const activePreset =
    presets.find((p) => p.from === filters.from && p.to === filters.to)?.id ?? "";
  return (
    <fieldset>
      <legend>Dates</legend>
      <label>
        Preset
        <select
          value={activePreset}
          onChange={(e) => {
            const p = presets.find((x) => x.id === e.target.value);
            if (p) go({ from: p.from, to: p.to });
          }}
        >
          {!activePreset && <option value="">Custom range</option>}
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          name="from"
          key={`from-${filters.from}`}
          defaultValue={filters.from ?? ""}
          onChange={(e) => {
            if (e.target.value === "" || ISO_DATE.test(e.target.value))
              go({ from: e.target.value || null });
          }}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          key={`to-${filters.to}`}
          defaultValue={filters.to ?? ""}
          onChange={(e) => {
            if (e.target.value === "" || ISO_DATE.test(e.target.value))
              go({ to: e.target.value || null });
          }}
        />
      </label>
    </fieldset>
  );
}
