/*
 * Framescope stores offsets in UTF-16 code units (JavaScript string indices); REFI-QDA counts
 * Unicode code points. The two differ after every character outside the Basic Multilingual Plane
 * (an emoji, a rare Hanja), which takes two UTF-16 units and one code point.
 */

/** Maps offsets of one text between UTF-16 units and code points, both ways. */
export class PositionMap {
  /** UTF-16 offset of each code point index, plus the text's length at the end. */
  private readonly unitOf: Uint32Array | null;
  readonly codePoints: number;

  constructor(readonly text: string) {
    let points = 0;
    let astral = false;
    for (let i = 0; i < text.length; i++, points++) {
      if (isHighSurrogatePair(text, i)) {
        i++;
        astral = true;
      }
    }
    this.codePoints = points;
    if (!astral) {
      this.unitOf = null;
      return;
    }
    const units = new Uint32Array(points + 1);
    let p = 0;
    for (let i = 0; i < text.length; i++, p++) {
      units[p] = i;
      if (isHighSurrogatePair(text, i)) i++;
    }
    units[points] = text.length;
    this.unitOf = units;
  }

  /** The code-point offset of a UTF-16 offset; null when it is outside the text or splits a pair. */
  toCodePoint(unit: number): number | null {
    if (!Number.isInteger(unit) || unit < 0 || unit > this.text.length) return null;
    if (!this.unitOf) return unit;
    let lo = 0;
    let hi = this.codePoints;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.unitOf[mid] < unit) lo = mid + 1;
      else hi = mid;
    }
    return this.unitOf[lo] === unit ? lo : null;
  }

  /** The UTF-16 offset of a code-point offset; null when it is outside the text. */
  toUtf16(point: number): number | null {
    if (!Number.isInteger(point) || point < 0 || point > this.codePoints) return null;
    return this.unitOf ? this.unitOf[point] : point;
  }
}

function isHighSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
