"use client";
import { useSyncExternalStore } from "react";

const NARROW_QUERY = "(max-width: 599.98px)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(NARROW_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/**
 * True when the viewport is narrower than 600 px (a phone), so a chart can
 * move its labels above the marks. False on the server and in the first
 * client render, then follows the viewport.
 */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}
