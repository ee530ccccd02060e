import type { CSSProperties } from "react";
import { tint } from "./segments";

/** The highlight look (light tint, solid underline in the code's colour) for chips and swatches on the server. */
export function highlightStyleFor(colour: string): CSSProperties {
  return { "--hl": colour, "--hl-tint": tint(colour) } as CSSProperties;
}
