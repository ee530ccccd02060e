import { methods, route } from "@/app/lib/api";
import { csvResponse } from "@/app/lib/export/csv";
import { PASSAGE_COLUMNS, passageRows } from "@/app/lib/export/csv-passages";
import { exportFileName, exportQuery } from "@/app/lib/export/query";

/**
 * GET /api/v1/export/passages.csv?…filters&coder=A,B: one row per passage code of the public
 * codings of the filtered articles, by the named coders (all when none), streamed as CSV.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ query: exportQuery }, async ({ query }) =>
    csvResponse(
      exportFileName("passages", "csv", query),
      PASSAGE_COLUMNS,
      passageRows(query.filters, query.coders),
    ),
  ),
});
