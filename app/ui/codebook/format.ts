/** A scale value with its sign, using a true minus sign: "+2", "0", "−1". */
export function signed(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `\u2212${-value}`;
  return "0";
}

export const SCOPE_TEXT = {
  passage: "Coded on passages (an article can carry several codes)",
  article: "Judged once per article (one code per article and coder)",
} as const;

export const dimensionAnchor = (dimension: string) => `dim-${dimension}`;
export const codeAnchor = (dimension: string, code: string) => `code-${dimension}-${code}`;
