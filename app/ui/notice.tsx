import type { FilterIssue } from "@/app/lib/filters";

/** Says which URL parameters were ignored and that defaults were used instead. */
export function ParamNotice({ issues }: { issues: FilterIssue[] }) {
  if (!issues.length) return null;
  return (
    <div className="notice" role="status" data-testid="param-notice">
      <strong>Some parameters in this link were ignored</strong> and defaults were used instead:
      <ul>
        {issues.map((i, k) => (
          /* biome-ignore lint/suspicious/noArrayIndexKey: one parameter can have several issues;
             the list is fixed per page */
          <li key={k}>
            <code>{i.param}</code> {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
