"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { toQueryString } from "@/app/lib/filter-query";
import type { ChartData, DashboardCharts, ViewContext } from "./types";

/*
 * The charts' data fetched on a filter change, ahead of the page. A change
 * fetches GET /api/v1/dashboard for the new filters and the charts redraw from
 * it at once, while the page's navigation (URL, tables, counts, titles) follows
 * from the server. When the server's render for a filter arrives, or the reader
 * goes back or forward, the store empties and the charts read their props
 * again. A newer change aborts an older fetch; a failed fetch leaves the
 * server render to update the charts.
 */

interface State {
  /** The view the data belongs to (its filters), or null: the charts read their props. */
  view: ViewContext | null;
  charts: Record<string, ChartData> | null;
}

const EMPTY: State = { view: null, charts: null };
let state: State = EMPTY;
let inFlight: AbortController | null = null;
const listeners = new Set<() => void>();

function set(next: State) {
  state = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets fetched data and aborts a fetch under way: the charts read their props again. */
export function clearChartData() {
  inFlight?.abort();
  inFlight = null;
  if (state !== EMPTY) set(EMPTY);
}

/** Resolves after the next frame, when the charts have drawn what the store now holds. */
const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Fetches the charts' data for `view` (its canonical query string `query`) and shows it when it
 * arrives. Resolves once the charts have drawn it, or the fetch failed or was overtaken: never
 * rejects.
 */
export function fetchChartData(view: ViewContext, query: string): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  return fetch(`/api/v1/dashboard${query}`, { signal: controller.signal })
    .then((res) => (res.ok ? (res.json() as Promise<DashboardCharts>) : null))
    .then((body) => {
      if (inFlight !== controller) return;
      inFlight = null;
      // No articles: the page shows its empty state instead of charts.
      if (!body || body.articleTotal === 0) return;
      set({ view, charts: body.charts });
      return nextFrame();
    })
    .catch(() => {
      if (inFlight === controller) inFlight = null;
    });
}

/** The fetched data of one chart, with the view it belongs to, or null. */
export function useChartData(key: string): { view: ViewContext; data: ChartData } | null {
  const s = useSyncExternalStore(
    subscribe,
    () => state,
    () => EMPTY,
  );
  const data = s.charts?.[key];
  return s.view && data ? { view: s.view, data } : null;
}

/** What identifies a view: its canonical query string and default coder. */
function viewKey(view: ViewContext): string {
  return `${toQueryString(view.filters, view)}|${view.defaultCoder}`;
}

/**
 * The props, each prop kept as the value last returned when it holds the same
 * data: a chart's configuration (and so a redraw) follows a change of its
 * numbers, not a new copy of the same ones from the server.
 */
export function useSameProps<P extends object>(props: P): P {
  const last = useRef(new Map<string, { value: unknown; json: string }>());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    const json = k === "view" ? viewKey(v as ViewContext) : JSON.stringify(v);
    const prev = last.current.get(k);
    if (prev?.json === json) out[k] = prev.value;
    else {
      last.current.set(k, { value: v, json });
      out[k] = v;
    }
  }
  return out as P;
}

/** Empties the store when the page's own filters change (a server render arrived, or back/forward). */
export function useClearOnNavigation(pageKey: string) {
  useEffect(() => {
    const onPop = () => clearChartData();
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new page key
  useEffect(() => clearChartData, [pageKey]);
}
