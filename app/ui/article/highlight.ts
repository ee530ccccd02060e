import type { CSSProperties } from "react";
import { tint } from "./segments";
import type { ReaderCode, ReaderDimension } from "./types";

/** Underlines of deeper lanes share the last offset so lines stay readable. */
export const MAX_LANE = 5;
/** A highlighted passage in the article body. */
export const MARK = "mark[data-passage-id]";

/** Dimension and code by "dimension.code", for the label and colour of a passage. */
export type CodeIndex = Map<string, { dimension: ReaderDimension; code: ReaderCode }>;

export function codeKey(dimension: string, code: string): string {
  return `${dimension}.${code}`;
}

/** The custom properties the highlight styles read: colour, tint and underline lane. */
export function highlightStyle(colour: string, tint: string, lane = 0): CSSProperties {
  return { "--hl": colour, "--hl-tint": tint, "--lane": Math.min(lane, MAX_LANE) } as CSSProperties;
}

/** The highlight look (light tint, solid underline in the code's colour) for chips and swatches on the server. */
export function highlightStyleFor(colour: string): CSSProperties {
  return { "--hl": colour, "--hl-tint": tint(colour) } as CSSProperties;
}
