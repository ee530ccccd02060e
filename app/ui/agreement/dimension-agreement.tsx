import type { CategoryAlpha, DimensionAgreement } from "@/app/lib/agreement/types";
import type { CodebookDimension } from "@/app/lib/queries/codebook";
import { plural } from "@/app/lib/shares";
import { formatAlpha, formatInterval, verdictClass, verdictText } from "./format";

/** One line of a dimension's table: a group of coders and their agreement on it. */
export interface AgreementRow {
  /** "All coders (FS-1, FS-2, FS-3)" or "FS-1 & FS-2". */
  name: string;
  /** The coders' keys, comma-separated, for tests and links. */
  coders: string;
  agreement: DimensionAgreement | undefined;
}

const METRIC_TEXT = {
  nominal: "nominal",
  ordinal: "ordinal (critical < somewhat critical < neutral < somewhat supportive < supportive)",
} as const;

function unitText(dimension: CodebookDimension): string {
  return dimension.scope === "passage"
    ? "one unit per (article, code): present or absent"
    : "one unit per article: its code";
}

function Verdict({ agreement }: { agreement: DimensionAgreement | undefined }) {
  if (!agreement) return <span className="verdict-none">not computed</span>;
  const words = verdictText(agreement.alpha);
  return (
    <span className={`agreement-badge ${verdictClass(agreement.alpha)}`}>
      {words ?? agreement.reason ?? "not computed"}
    </span>
  );
}

const alphaData = (alpha: number | null | undefined) =>
  alpha === null || alpha === undefined ? "" : String(alpha);

/** α of one code, or a dash with the reason as its title. */
function CategoryCell({ value }: { value: CategoryAlpha | undefined }) {
  if (!value) return <td className="num">–</td>;
  return (
    <td className="num" data-alpha={alphaData(value.alpha)}>
      {formatAlpha(value.alpha)}
      {value.alpha === null && value.reason && (
        <span className="agreement-reason"> ({value.reason})</span>
      )}
    </td>
  );
}

/**
 * One dimension on /agreement (anchor = its key): α with its interval, units, pairable values,
 * articles and the verdict for each group of coders, uα beside α, and per code α and uα.
 */
export function DimensionAgreementSection({
  dimension,
  rows,
}: {
  dimension: CodebookDimension;
  rows: AgreementRow[];
}) {
  const primary = rows[0]?.agreement;
  const passage = dimension.scope === "passage";
  const titleId = `${dimension.key}-title`;
  return (
    <section
      className="agreement-dimension"
      id={dimension.key}
      aria-labelledby={titleId}
      data-testid="agreement-dimension"
      data-dimension={dimension.key}
    >
      <h2 id={titleId}>
        {dimension.label} <code className="dimension-key">{dimension.key}</code>
      </h2>
      <p className="chart-meta">
        {unitText(dimension)}; metric {METRIC_TEXT[primary?.metric ?? "nominal"]}.
        {passage && " uα compares the coded passages themselves, in character offsets."}
      </p>
      <div className="table-scroll">
        <table className="agreement-table">
          <caption className="sr-only">
            {dimension.label}: Krippendorff's alpha for each group of coders
          </caption>
          <thead>
            <tr>
              <th scope="col">Coders</th>
              <th scope="col">α</th>
              <th scope="col">95 % interval</th>
              <th scope="col">Units</th>
              <th scope="col">Pairable values</th>
              <th scope="col">Articles</th>
              <th scope="col">Verdict</th>
              {passage && <th scope="col">uα (passages)</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const d = r.agreement;
              return (
                <tr
                  key={r.coders}
                  data-testid="agreement-row"
                  data-coders={r.coders}
                  data-alpha={alphaData(d?.alpha)}
                  data-units={d?.units ?? ""}
                  data-pairable={d?.pairable ?? ""}
                  data-articles={d?.articles ?? ""}
                  data-ualpha={alphaData(d?.unitizing?.alpha)}
                >
                  <th scope="row">{r.name}</th>
                  <td className="num">{formatAlpha(d?.alpha ?? null)}</td>
                  <td className="num">{formatInterval(d?.ci ?? null) || "–"}</td>
                  <td className="num">{d ? d.units.toLocaleString("en") : "–"}</td>
                  <td className="num">{d ? d.pairable.toLocaleString("en") : "–"}</td>
                  <td className="num">{d ? d.articles.toLocaleString("en") : "–"}</td>
                  <td>
                    <Verdict agreement={d} />
                  </td>
                  {passage && (
                    <td className="num">
                      {formatAlpha(d?.unitizing?.alpha ?? null)}
                      {d?.unitizing && d.unitizing.alpha === null && d.unitizing.reason && (
                        <span className="agreement-reason"> ({d.unitizing.reason})</span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {passage && primary && (
        <div className="table-scroll">
          <table className="agreement-table agreement-codes" data-testid="agreement-codes">
            <caption>
              Per code, {rows[0].name}: α (present or absent in an article) and uα (passages)
              {primary.unitizing &&
                ` over ${plural(primary.unitizing.articles, "article")} every coder completed`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">α</th>
                <th scope="col">uα</th>
              </tr>
            </thead>
            <tbody>
              {dimension.codes.map((c) => (
                <tr key={c.key} data-testid="agreement-code" data-code={c.key}>
                  <th scope="row">
                    <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {c.label}
                  </th>
                  <CategoryCell value={primary.categories.find((x) => x.code === c.key)} />
                  <CategoryCell
                    value={primary.unitizing?.categories.find((x) => x.code === c.key)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
