"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { toQueryString } from "@/app/lib/filter-query";
import type { ViewContext } from "./types";

/** Opens the evidence panel for one number: the panel is part of the URL, so it can be shared. */
export function useDrillDown(view: ViewContext) {
  const router = useRouter();
  return useCallback(
    (panel: string) => {
      router.push(`/${toQueryString(view.filters, view, { panel })}#evidence`, { scroll: false });
    },
    [router, view],
  );
}

export { panelKey } from "@/app/lib/panel-key";
