"use client";
import { useState } from "react";
import { GENRE_LABEL, GENRES, type Filters } from "@/app/lib/filter-query";
import { CheckGroup } from "./check-group";
import { CoderSelect } from "./coder-select";
import { DateRange } from "./date-range";
import { filterSummary } from "./filter-summary";
import { useFilterNavigation } from "./use-filter-navigation";

export interface Preset {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
}

const GENRE_OPTIONS = GENRES.map((g) => ({ value: g, label: GENRE_LABEL[g] }));

/**
 * Filter controls. Every change rewrites the URL (a new history entry), so
 * reload, back/forward and shared links agree. On a phone the form folds into
 * a one-line summary of the current filters with a "Change" button, so the
 * first chart starts on the first screen; on wider screens the form is always shown.
 */
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
  const { filters, pending, go } = useFilterNavigation(current, defaultCoder, panel);
  const outletOptions = outlets.map((o) => ({ value: o.slug, label: o.name }));
  const [open, setOpen] = useState(false);
  return (
    <div className="filters" data-open={open ? "true" : undefined}>
      <p className="filter-summary">
        <span data-testid="filter-summary">{filterSummary(filters, outlets, presets)}</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="filter-form"
          onClick={() => setOpen(!open)}
        >
          Change<span className="sr-only"> filters</span>
        </button>
      </p>
      <form
        id="filter-form"
        className="filter-bar"
        aria-label="Filters"
        data-pending={pending ? "true" : undefined}
        onSubmit={(e) => e.preventDefault()}
      >
        <DateRange filters={filters} presets={presets} go={go} />
        <CheckGroup
          legend="Outlets"
          name="outlets"
          options={outletOptions}
          selected={filters.outlets}
          onChange={(next) => go({ outlets: next })}
        />
        <CheckGroup
          legend="Genres"
          name="genres"
          options={GENRE_OPTIONS}
          selected={filters.genres}
          onChange={(next) => go({ genres: next })}
        />
        <CoderSelect filters={filters} coders={coders} pending={pending} go={go} />
      </form>
    </div>
  );
}
