import { methods, route } from "@/app/lib/api";
import { csvResponse } from "@/app/lib/export/csv";
import { articleRows, articleTable } from "@/app/lib/export/csv-articles";
import { exportFileName, exportQuery } from "@/app/lib/export/query";
import { getCodebook } from "@/app/lib/queries/codebook";

/**
 * GET /api/v1/export/articles.csv?…filters&coder=A,B: one row per filtered article and coder
 * with public codings, the article-level codes and one 0/1 column per many-valued code, streamed
 * as CSV. The columns follow the codebook.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ query: exportQuery }, async ({ query }) => {
    const codebook = await getCodebook();
    return csvResponse(
      exportFileName("articles", "csv", query),
      articleTable(codebook).columns,
      articleRows(query.filters, query.coders, codebook),
    );
  }),
});
