import Link from "next/link";
import type { AgreementReport } from "@/app/lib/agreement/types";

/** Why there is no alpha under these filters, and what to do about it. */
export function AgreementEmpty({ report }: { report: AgreementReport }) {
  const reason = report.dimensions.find((d) => d.reason)?.reason;
  const who =
    report.coders.length === 0
      ? "No coder has completed an article under these filters"
      : `Only ${report.coders.join(", ")} completed these articles`;
  return (
    <section className="empty-state" data-testid="agreement-empty" aria-labelledby="empty-title">
      <h2 id="empty-title">Agreement needs a second coder</h2>
      <p>
        {who}, so no two codings of the same article can be compared
        {reason ? ` (${reason})` : ""}.
      </p>
      <p>
        To measure agreement, assign a second coder to some of these articles in{" "}
        <Link href="/admin/assignments">/admin/assignments</Link>. Once both coders have marked an
        article done, alpha appears here and in the badge beside every chart.
      </p>
    </section>
  );
}
