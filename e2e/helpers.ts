import type { Page } from "@playwright/test";

export interface TableCell {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}

/** Reads a chart's server-rendered table: one cell per outlet × code. */
export async function readChartTable(page: Page, chart: string): Promise<TableCell[]> {
  return page.locator(`figure[data-chart="${chart}"] table tbody tr`).evaluateAll((rows) =>
    rows.flatMap((row) =>
      [...row.querySelectorAll("td[data-code]")].map((td) => ({
        outlet: row.getAttribute("data-outlet") ?? "",
        code: td.getAttribute("data-code") ?? "",
        count: Number(td.getAttribute("data-count")),
        share: td.getAttribute("data-share") === "" ? null : Number(td.getAttribute("data-share")),
      })),
    ),
  );
}

/** Waits until a client-side navigation has landed on a URL whose query matches. */
export async function waitForQuery(page: Page, query: string | RegExp): Promise<void> {
  await page.waitForURL((url) =>
    typeof query === "string" ? url.search === query : query.test(url.search),
  );
  await page.waitForFunction(() => !document.querySelector('form.filter-bar[data-pending="true"]'));
}
