import { methods, route } from "@/app/lib/api";
import { exportFileName, exportQuery } from "@/app/lib/export/query";
import { exportProjectQdpx } from "@/app/lib/refi/export";

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
        "Content-Disposition": `attachment; filename="${exportFileName("project", "qdpx", query)}"`,
        "Content-Length": String(bytes.length),
        "Cache-Control": "no-store",
      },
    });
  }),
});
