/**
 * One-key shortcuts for the passage codes. They follow the codebook's order (dimensions in order,
 * codes in order within each), taking the digits 1–9 and 0 first and then the letters a–z, so the
 * same codebook always gives the same keys and a coder's fingers learn them once.
 */

/** Keys the workspace keeps for itself: j/k move the sentence cursor, u and z undo. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["j", "k", "u", "z"]);

const POOL = [..."1234567890abcdefghijklmnopqrstuvwxyz"].filter((k) => !RESERVED_KEYS.has(k));

export interface ShortcutDimension {
  key: string;
  codes: readonly { key: string }[];
}

/** "dimension.code" → its key; codes past the last free key get none. */
export function shortcutKeys(dimensions: readonly ShortcutDimension[]): Map<string, string> {
  const keys = new Map<string, string>();
  let next = 0;
  for (const d of dimensions)
    for (const c of d.codes) {
      if (next >= POOL.length) return keys;
      keys.set(`${d.key}.${c.key}`, POOL[next++]);
    }
  return keys;
}

/**
 * The shortcut a key press stands for, or null: no Ctrl, Alt or Meta; Shift only changes the
 * case of a letter (so Shift+A is "a"), and digits are read from the physical key so they work
 * whatever the layout's shifted symbols are.
 */
export function pressedShortcut(e: {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code ?? "");
  if (digit) return digit[1];
  if (e.key.length !== 1) return null;
  const key = e.key.toLowerCase();
  return /^[a-z0-9]$/.test(key) ? key : null;
}
