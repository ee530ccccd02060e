import { z } from "zod";
import { defaultFilters, filterShape, type Filters, type Vocabulary } from "../filters";
import { listOf } from "../query-params";

/**
 * The query of every export (the .qdpx project and both CSV tables): the article filters (outlets, genres, from, to) and `coder`, a list of
 * coder keys (absent: every coder with public codings). Strict: an unknown parameter, an unknown
 * outlet, genre or coder, a bad date or a reversed range is a 400 naming the parameter. The
 * dashboard's `unit` is taken and ignored (as by the .qdpx export), so its filters pass on as
 * they are.
 */
export function exportQuery(vocab: Vocabulary) {
  const shape = filterShape(vocab);
  return z
    .strictObject({
      outlets: shape.outlets,
      genres: shape.genres,
      from: shape.from,
      to: shape.to,
      unit: shape.unit,
      coder: listOf(vocab.coders, "coder"),
    })
    .superRefine((v, ctx) => {
      if (v.from && v.to && v.from > v.to)
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `the range is reversed: ${v.to} is before ${v.from}`,
        });
    })
    .transform((v): { filters: Filters; coders: string[] } => ({
      filters: {
        ...defaultFilters(vocab),
        outlets: [...(v.outlets ?? [])].sort(),
        genres: (v.genres ?? []) as Filters["genres"],
        from: v.from ?? null,
        to: v.to ?? null,
      },
      coders: v.coder ?? [],
    }));
}

/**
 * A download's file name, `framescope-<kind>[_<scope>].<ext>`: the scope names the filters
 * (outlets, genres, dates, coders) in file-name-safe words, so exports of different views never
 * overwrite each other, and an unfiltered export keeps the plain name (framescope-passages.csv).
 */
export function exportFileName(
  kind: string,
  ext: string,
  query: { filters: Filters; coders?: string[] },
): string {
  const { outlets, genres, from, to } = query.filters;
  const parts = [
    outlets.join("+"),
    genres.join("+"),
    from || to ? `${from ?? ""}--${to ?? ""}` : "",
    query.coders?.length ? `coders-${[...query.coders].sort().join("+")}` : "",
  ].filter(Boolean);
  const scope = parts.join("_").replace(/[^A-Za-z0-9+_.-]/g, "-");
  return `framescope-${kind}${scope ? `_${scope}` : ""}.${ext}`;
}
