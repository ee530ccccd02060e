import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { toQueryString, type Filters } from "@/app/lib/filter-query";
import { fetchChartData, useClearOnNavigation } from "../charts/chart-store";

/** How long the page's own render waits for the charts to redraw from their fetched data. */
const CHARTS_FIRST_MS = 300;

/**
 * The filters the controls show, and `go`, which writes a change to the URL
 * as a new history entry (so reload, back/forward and shared links agree).
 * Controls show the new choice at once; the charts redraw as soon as their
 * data for it arrives (GET /api/v1/dashboard), and the rest of the page
 * follows from the server, asked for once the charts have drawn; `pending` is
 * true until then.
 */
export function useFilterNavigation(
  current: Filters,
  defaultCoder: string,
  panel: string | undefined,
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [filters, setOptimistic] = useOptimistic(current);
  useClearOnNavigation(toQueryString(current, { defaultCoder }));
  const go = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    const drawn = fetchChartData(
      { filters: merged, defaultCoder },
      toQueryString(merged, { defaultCoder }),
    );
    startTransition(async () => {
      setOptimistic(merged);
      // The charts redraw from their data first; the page's own render (URL, tables, counts)
      // is asked for then, or after CHARTS_FIRST_MS at most, so that the two do not compete
      // for the browser's main thread.
      await Promise.race([drawn, new Promise((r) => setTimeout(r, CHARTS_FIRST_MS))]);
      startTransition(() => {
        router.push(`/${toQueryString(merged, { defaultCoder }, { panel })}`, { scroll: false });
      });
    });
  };
  return { filters, pending, go };
}
