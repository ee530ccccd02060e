import type { Filters } from "@/app/lib/filter-query";

/** The reference coder, the reset link and the "Updating…" notice for screen readers. */
export function CoderSelect({
  filters,
  coders,
  pending,
  go,
}: {
  filters: Filters;
  coders: { key: string; name: string }[];
  pending: boolean;
  go: (next: Partial<Filters>) => void;
}) {
  return (
    <fieldset>
      <legend>Coder</legend>
      <label>
        Reference coder
        <select name="coder" value={filters.coder} onChange={(e) => go({ coder: e.target.value })}>
          {coders.map((c) => (
            <option key={c.key} value={c.key}>
              {c.key} — {c.name}
            </option>
          ))}
        </select>
      </label>
      <a className="reset" href="/">
        Reset all filters
      </a>
      <span className="pending" aria-live="polite">
        {pending ? "Updating…" : ""}
      </span>
    </fieldset>
  );
}
