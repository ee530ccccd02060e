/**
 * An outlet's political orientation with the source that describes it, opened
 * by click or keyboard. Nothing at all when the outlet has no sourced orientation.
 */
export function OutletOrientation({
  slug,
  orientation,
  source,
}: {
  slug: string;
  orientation: string | null;
  source: string | null;
}) {
  if (!orientation || !source) return null;
  return (
    <details className="orientation" data-testid="orientation" data-outlet={slug}>
      <summary>
        Orientation: <span data-testid="orientation-label">{orientation}</span>
      </summary>
      <p className="orientation-source" data-testid="orientation-source">
        Source: {source}
      </p>
    </details>
  );
}
