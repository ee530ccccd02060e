/**
 * Canvas heights of the charts, shared by the charts and by the server, which
 * reserves the same space before the chart code arrives (no layout shift).
 */
export const chartHeight = {
  shareBars: (outlets: number, codes: number, layout: "stacked" | "grouped") =>
    Math.max(160, outlets * (layout === "stacked" ? 56 : 26 * codes) + 90),
  weapons: (outlets: number) => Math.max(160, outlets * 70 + 90),
  tone: (outlets: number) => Math.max(160, outlets * 60 + 100),
  /** Rows, the event labels above them, and a legend holding the stance key and the event key. */
  timeline: (outlets: number) => outlets * 60 + 280,
};
