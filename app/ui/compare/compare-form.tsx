import Link from "next/link";
import { GENRE_LABEL, GENRES, type Filters } from "@/app/lib/filter-query";

/**
 * Picks the two outlets and the dashboard's other filters. A plain GET form:
 * it works without JavaScript and every choice ends up in the URL.
 */
export function CompareForm({
  a,
  b,
  filters,
  defaultCoder,
  outlets,
  coders,
  swapHref,
}: {
  a: string;
  b: string;
  filters: Filters;
  defaultCoder: string;
  outlets: { slug: string; name: string }[];
  coders: { key: string; name: string }[];
  swapHref: string;
}) {
  const outletOptions = outlets.map((o) => (
    <option key={o.slug} value={o.slug}>
      {o.name}
    </option>
  ));
  return (
    <form
      className="compare-form"
      method="get"
      action="/compare"
      aria-label="Choose outlets to compare"
      data-testid="compare-form"
    >
      <fieldset className="compare-pair">
        <legend>Outlets</legend>
        <label>
          Outlet A
          <select name="a" defaultValue={a} data-testid="select-a">
            {outletOptions}
          </select>
        </label>
        <label>
          Outlet B
          <select name="b" defaultValue={b} data-testid="select-b">
            {outletOptions}
          </select>
        </label>
        <button type="submit" data-testid="compare-submit">
          Compare
        </button>
        <Link href={swapHref} className="swap">
          Swap A and B
        </Link>
      </fieldset>
      <MoreFilters filters={filters} defaultCoder={defaultCoder} coders={coders} />
    </form>
  );
}

/** Dates, genres and coder, folded away unless one of them differs from the default. */
function MoreFilters({
  filters,
  defaultCoder,
  coders,
}: {
  filters: Filters;
  defaultCoder: string;
  coders: { key: string; name: string }[];
}) {
  return (
    <details
      className="compare-filters"
      open={
        filters.genres.length > 0 ||
        !!filters.from ||
        !!filters.to ||
        filters.coder !== defaultCoder ||
        undefined
      }
    >
      <summary>More filters</summary>
      <div className="compare-filter-fields">
        <fieldset>
          <legend>Dates</legend>
          <label>
            From
            <input type="date" name="from" defaultValue={filters.from ?? ""} />
          </label>
          <label>
            To
            <input type="date" name="to" defaultValue={filters.to ?? ""} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Genres (none ticked: all)</legend>
          {GENRES.map((g) => (
            <label key={g}>
              <input
                type="checkbox"
                name="genres"
                value={g}
                defaultChecked={filters.genres.includes(g)}
              />
              {GENRE_LABEL[g]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Coder</legend>
          <label>
            Coder
            <select name="coder" defaultValue={filters.coder}>
              {coders.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key} — {c.name}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      </div>
      <p className="compare-filter-submit">
        <button type="submit">Apply filters</button>
      </p>
    </details>
  );
}
