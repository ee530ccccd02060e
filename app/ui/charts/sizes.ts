/**
 * Canvas heights of the charts, shared by the charts and by the server, which
 * reserves the same space before the chart code arrives (no layout shift).
 */
export const chartHeight = {
  /** Split bars: a heading row per code and a row per outlet under it, 30 px each on every screen, and the x axis. */
  shareBars: (outlets: number, codes: number) => codes * (outlets + 1) * 30 + 56,
  weapons: (outlets: number) => Math.max(160, outlets * 70 + 90),
  tone: (outlets: number) => Math.max(160, outlets * 72 + 110),
  /** Rows, the event labels above them, and a legend holding the stance key and the event key. */
  timeline: (outlets: number) => outlets * 60 + 280,
};
