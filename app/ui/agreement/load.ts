import "server-only";
import type { Filters } from "@/app/lib/filter-query";
import { getAgreement } from "@/app/lib/queries/agreement";
import type { AgreementOutcome } from "./format";

/**
 * Starts computing agreement for the filters and never rejects: the charts render without
 * waiting for it, and a failure becomes a line in each badge rather than an error page.
 */
export function loadAgreement(filters: Filters): Promise<AgreementOutcome> {
  return getAgreement(filters).then(
    (report): AgreementOutcome => ({ ok: true, report }),
    (err): AgreementOutcome => {
      console.error("agreement: could not be computed", err);
      return { ok: false, error: "agreement could not be computed just now" };
    },
  );
}
