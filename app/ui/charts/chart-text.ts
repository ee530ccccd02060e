import type { OutletInfo } from "./types";

/** The smallest text any chart draws: 12 px, for ticks, titles, legends and labels alike. */
export const CHART_FONT = { size: 12 } as const;

/** Colour of the highlighted mark's border (the mark named by the URL's `panel`). */
export const HIGHLIGHT = "#111111";

/** An outlet's row label: short name, its n, and a visible small-sample mark. */
export function outletLabel(o: OutletInfo): string {
  return `${o.shortName} (n=${o.n.articles})${o.small ? " · small sample" : ""}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better on a mark of this `#rrggbb` colour. */
export function textOn(colour: string): string {
  const l = luminance(colour);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance("#111111") + 0.05) ? "#ffffff" : "#111111";
}
