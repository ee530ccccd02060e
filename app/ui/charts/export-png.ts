import { SMALL_SAMPLE } from "@/app/lib/shares";
import type { ChartContext } from "./types";

/** One line of text in an exported PNG, in CSS pixels from the image's top left. */
export interface PngLine {
  text: string;
  size: number;
  bold: boolean;
  colour: string;
  x: number;
  /** Baseline. */
  y: number;
}

export interface PngLayout {
  width: number;
  height: number;
  lines: PngLine[];
  /** Where the chart image goes. */
  chart: { x: number; y: number; width: number; height: number };
}

/** Measures text at a size and weight, in CSS pixels (the canvas in the browser, a stub in tests). */
export type Measure = (text: string, size: number, bold: boolean) => number;

const PAD = 16;
const DARK = "#1f1f24";
const MUTED = "#4a4a52";

interface Style {
  size: number;
  bold: boolean;
  colour: string;
}

/** Breaks a text into lines no wider than `width`, at spaces (a single long word stays whole). */
export function wrap(text: string, width: number, style: Style, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, style.size, style.bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The texts a PNG carries above the chart (title, takeaway, n) and below it (marks, filters, coder, source). */
export function pngTexts(context: ChartContext): {
  header: [string, Style][];
  footer: [string, Style][];
} {
  const small = context.smallSample.length
    ? [
        [
          `Small sample (fewer than ${SMALL_SAMPLE} articles): ${context.smallSample.join(", ")}`,
          { size: 13, bold: true, colour: DARK },
        ] as [string, Style],
      ]
    : [];
  return {
    header: [
      [context.title, { size: 20, bold: true, colour: DARK }],
      [context.takeaway, { size: 15, bold: false, colour: DARK }],
      [context.n, { size: 13, bold: false, colour: MUTED }],
    ],
    footer: [
      ...small,
      [`Filters: ${context.filters}`, { size: 13, bold: false, colour: MUTED }],
      [context.coder, { size: 13, bold: false, colour: MUTED }],
      [context.source, { size: 13, bold: true, colour: MUTED }],
    ],
  };
}

/**
 * Where everything goes in an exported PNG: header lines wrapped to the
 * chart's width, the chart, then the footer lines. Pure, so it is tested
 * without a canvas.
 */
export function pngLayout(
  context: ChartContext,
  chartSize: { width: number; height: number },
  measure: Measure,
): PngLayout {
  const width = chartSize.width + 2 * PAD;
  const textWidth = chartSize.width;
  const lines: PngLine[] = [];
  let y = PAD;
  const place = (texts: [string, Style][]) => {
    for (const [text, style] of texts) {
      for (const part of wrap(text, textWidth, style, measure)) {
        const lineHeight = Math.round(style.size * 1.35);
        y += lineHeight;
        lines.push({ text: part, ...style, x: PAD, y: y - Math.round(style.size * 0.3) });
      }
      y += 4;
    }
  };
  const { header, footer } = pngTexts(context);
  place(header);
  y += 8;
  const chart = { x: PAD, y, ...chartSize };
  y += chartSize.height + 12;
  place(footer);
  return { width, height: y + PAD, lines, chart };
}
