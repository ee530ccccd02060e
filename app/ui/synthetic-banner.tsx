import { isDatabaseUnavailable } from "@/app/lib/db-errors";
import { hasSyntheticData } from "@/app/lib/queries/synthetic";

/**
 * A banner on every page when the data is synthetic, so generated numbers are never mistaken for
 * research data.
 */
export async function SyntheticBanner() {
  let synthetic = false;
  try {
    synthetic = await hasSyntheticData();
  } catch (err) {
    // When the database is down the page itself says so.
    if (!isDatabaseUnavailable(err)) throw err;
  }
  if (!synthetic) return null;
  return (
    <div className="synthetic-banner" role="note" data-testid="synthetic-banner">
      <strong>Synthetic data.</strong> This database holds generated articles and codes for
      measuring performance. They are not real articles and not real coding: do not cite these
      numbers.
    </div>
  );
}
