import { z } from "zod";
import { methods, route } from "@/app/lib/api";
import { defaultFilters, type Filters, filterShape, type Vocabulary } from "@/app/lib/filters";
import { listOf } from "@/app/lib/query-params";
import { exportFileName, exportProjectQdpx } from "@/app/lib/refi/export";

/**
 * The filters' articles and every coder's public codings (or those of `coder=A,B`) as query
 * parameters: the filter vocabulary, with `coder` a list here. `unit` is taken and ignored, so the
 * dashboard's own query can be passed on as it is.
 */
function exportQuery(vocab: Vocabulary) {
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
    .transform((v) => ({
      filters: {
        ...defaultFilters(vocab),
        outlets: v.outlets ?? [],
        genres: (v.genres ?? []) as Filters["genres"],
        from: v.from ?? null,
        to: v.to ?? null,
      },
      coders: v.coder ?? [],
    }));
}

/**
 * GET /api/v1/export/project.qdpx?…filters&coder=A,B: a REFI-QDA project (.qdpx) of the filters'
 * articles with the public codings, as a download. More than MAX_EXPORT_ARTICLES articles is a 400
 * naming `filters`; an unknown coder a 400 naming `coder`.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ query: exportQuery }, async ({ query }) => {
    const bytes = await exportProjectQdpx(query);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${exportFileName(query)}"`,
        "Content-Length": String(bytes.length),
        "Cache-Control": "no-store",
      },
    });
  }),
});
