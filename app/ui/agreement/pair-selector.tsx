import Link from "next/link";
import { pairName, type PairReport } from "./pair";

/** Links to all coders together and to each pair; the URL (`?pair=A,B`) holds the choice. */
export function PairSelector({
  pairs,
  selected,
  hrefFor,
}: {
  pairs: readonly PairReport[];
  selected: PairReport | null;
  hrefFor: (pair: PairReport | null) => string;
}) {
  if (pairs.length === 0) return null;
  const isSelected = (p: PairReport) =>
    selected !== null && new Set([p.a, p.b, selected.a, selected.b]).size === 2;
  return (
    <nav className="pair-selector" aria-label="Coders compared" data-testid="pair-selector">
      <span className="pair-selector-label">Coders:</span>
      <ul>
        <li>
          <Link href={hrefFor(null)} aria-current={selected === null ? "page" : undefined}>
            All coders together, and each pair
          </Link>
        </li>
        {pairs.map((p) => (
          <li key={`${p.a},${p.b}`}>
            <Link
              href={hrefFor(p)}
              aria-current={isSelected(p) ? "page" : undefined}
              data-pair={`${p.a},${p.b}`}
            >
              {pairName(p.a, p.b)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
