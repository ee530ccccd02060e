import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { toQueryString, type Filters } from "@/app/lib/filter-query";
import { fetchChartData, useClearOnNavigation } from "../charts/chart-store";

/**
 * The filters the controls show, and `go`, which writes a change to the URL
 * as a new history entry (so reload, back/forward and shared links agree).
 * Controls show the new choice at once; the charts redraw as soon as their
 * data for it arrives (GET /api/v1/dashboard), and the rest of the page
 * follows when the server answers; `pending` is true until then.
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
    fetchChartData({ filters: merged, defaultCoder }, toQueryString(merged, { defaultCoder }));
    startTransition(() => {
      setOptimistic(merged);
      router.push(`/${toQueryString(merged, { defaultCoder }, { panel })}`, { scroll: false });
    });
  };
  return { filters, pending, go };
}
