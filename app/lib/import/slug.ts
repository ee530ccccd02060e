/** How many words of the headline go into a slug. */
const HEADLINE_WORDS = 8;
const MAX_HEADLINE_PART = 70;

/**
 * The slug of an imported article: outlet, date and the headline's first words in ASCII
 * ("hankyoreh-2024-06-14-seoul-must-use-tact-and-diplomacy"). A headline with no Latin letters or
 * digits leaves outlet and date.
 */
export function articleSlugBase(outlet: string, date: string, headline: string): string {
  const words = headline
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, HEADLINE_WORDS);
  let part = "";
  for (const w of words) {
    const next = part ? `${part}-${w}` : w;
    if (next.length > MAX_HEADLINE_PART) break;
    part = next;
  }
  return [outlet, date, part].filter(Boolean).join("-");
}

/** `base`, or `base-2`, `base-3`… : the first that `taken` does not hold. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
