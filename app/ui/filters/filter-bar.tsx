"use client";
import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { GENRE_LABEL, GENRES, toQueryString, type Filters } from "@/app/lib/filter-query";

export interface Preset {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
}

/** Filter controls. Every change rewrites the URL (a new history entry), so reload, back/forward and shared links agree. */
export function FilterBar({
  filters: current,
  defaultCoder,
  outlets,
  coders,
  presets,
  panel,
}: {
  filters: Filters;
  defaultCoder: string;
  outlets: { slug: string; name: string }[];
  coders: { key: string; name: string }[];
  presets: Preset[];
  panel?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Controls show the new choice at once; the charts follow when the server answers.
  const [filters, setOptimistic] = useOptimistic(current);
  const go = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    startTransition(() => {
      setOptimistic(merged);
      router.push(`/${toQueryString(merged, { defaultCoder }, { panel })}`, { scroll: false });
    });
  };
  const toggle = <T extends string>(list: T[], value: T, all: readonly T[]): T[] => {
    const set = new Set(list.length ? list : all);
    if (set.has(value)) set.delete(value);
    else set.add(value);
    if (set.size === 0) return list; // at least one stays selected
    // Everything selected is the same view as no selection: keep the URL short and canonical.
    return set.size === all.length ? [] : all.filter((x) => set.has(x));
  };
  const outletSlugs = outlets.map((o) => o.slug);
  const activePreset = presets.find((p) => p.from === filters.from && p.to === filters.to)?.id ?? "";

  return (
    <form className="filter-bar" aria-label="Filters" data-pending={pending ? "true" : undefined} onSubmit={(e) => e.preventDefault()}>
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
              if (e.target.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) go({ from: e.target.value || null });
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
              if (e.target.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) go({ to: e.target.value || null });
            }}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Outlets</legend>
        {outlets.map((o) => (
          <label key={o.slug} className="check">
            <input
              type="checkbox"
              name="outlets"
              value={o.slug}
              checked={!filters.outlets.length || filters.outlets.includes(o.slug)}
              onChange={() => go({ outlets: toggle(filters.outlets, o.slug, outletSlugs) })}
            />
            {o.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Genres</legend>
        {GENRES.map((g) => (
          <label key={g} className="check">
            <input
              type="checkbox"
              name="genres"
              value={g}
              checked={!filters.genres.length || filters.genres.includes(g)}
              onChange={() => go({ genres: toggle(filters.genres, g, GENRES) })}
            />
            {GENRE_LABEL[g]}
          </label>
        ))}
      </fieldset>
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
    </form>
  );
}
