"use client";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The evidence panel's heading. When a panel opens (or shows another cell) it
 * scrolls into view and takes focus, so a reader who clicked a bar or a table
 * cell lands on the passages, and a screen reader announces them.
 */
export function EvidenceHeading({ panel, children }: { panel: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!heading || !panel) return;
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }, [panel]);
  return (
    <h2 id="evidence-title" tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
}
