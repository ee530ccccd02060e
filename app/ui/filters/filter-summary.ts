import { GENRE_LABEL, type Filters } from "@/app/lib/filter-query";
import { plural } from "@/app/lib/shares";

/**
 * The filters in one line, as the phone layout shows them above the collapsed
 * form: "All dates · 3 outlets · all genres · FS-1". A single outlet or genre
 * is named; a date range is the preset's label when one matches it.
 */
export function filterSummary(
  filters: Filters,
  outlets: readonly { slug: string; name: string }[],
  presets: readonly { label: string; from: string | null; to: string | null }[],
): string {
  const preset = presets.find((p) => p.from === filters.from && p.to === filters.to);
  const dates = preset
    ? preset.label
    : filters.from && filters.to
      ? `${filters.from} to ${filters.to}`
      : filters.from
        ? `From ${filters.from}`
        : `Until ${filters.to}`;
  const chosen = filters.outlets.length
    ? outlets.filter((o) => filters.outlets.includes(o.slug))
    : outlets;
  const outletText =
    chosen.length === 1
      ? chosen[0].name
      : `${filters.outlets.length ? "" : "all "}${plural(chosen.length, "outlet")}`;
  const genreText =
    filters.genres.length === 0
      ? "all genres"
      : filters.genres.length === 1
        ? GENRE_LABEL[filters.genres[0]].toLowerCase()
        : plural(filters.genres.length, "genre");
  return [dates, outletText, genreText, filters.coder].join(" · ");
}
