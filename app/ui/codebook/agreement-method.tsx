import { RELIABLE_FROM, TENTATIVE_FROM, VERDICT_TEXT } from "@/app/lib/agreement/types";

const MANY_VALUED = ["ties", "remedy", "blame", "generic"] as const;
const TONE_SCALE = [
  "critical",
  "somewhat_critical",
  "neutral",
  "somewhat_supportive",
  "supportive",
];

/** Code keys joined the way the method states them: `a`, `b` … */
function Keys({ keys, separator }: { keys: readonly string[]; separator: string }) {
  return keys.map((k, i) => (
    <span key={k}>
      {i > 0 && separator}
      <code>{k}</code>
    </span>
  ));
}

/**
 * What agreement between coders means on this site: what is computed (the statement,
 * with its table), how to read a chart's badge, and the verdict bands.
 */
export function AgreementMethod() {
  return (
    <section
      className="codebook-method agreement-method"
      id="agreement"
      aria-labelledby="agreement-title"
      data-testid="agreement-method"
    >
      <h2 id="agreement-title">Agreement between coders: what is computed</h2>
      <p data-testid="agreement-scope">
        Agreement is computed among the coders who completed the same articles, within the current
        filters. The reference coding <code>REF</code> never takes part. The API returns alphas
        unrounded. Values may be missing: a coder who did not code an article has no value for it.
      </p>
      <p>
        Only people take part, never automatic coders. A coder has completed an article when the
        article’s codings are public (every coder assigned to it has marked it done) and the coder
        has coded it. Only articles completed by at least two of the coders contribute units. The
        filters are outlets, genres and dates; the chart’s coder and whether it counts passages or
        articles do not change agreement. <code>REF</code> is the reference coding an admin makes by
        deciding the disagreements; alpha is always computed on the coders’ own codings, before
        adjudication.
      </p>
      <h3>Article-level alpha, per dimension</h3>
      <div className="table-scroll">
        <table className="method-table" data-testid="agreement-units">
          <caption className="sr-only">
            The unit, value and metric of the article-level alpha for each dimension
          </caption>
          <thead>
            <tr>
              <th scope="col">dimension</th>
              <th scope="col">unit</th>
              <th scope="col">value</th>
              <th scope="col">metric</th>
            </tr>
          </thead>
          <tbody>
            <tr data-dimensions={MANY_VALUED.join(",")}>
              <th scope="row">
                <Keys keys={MANY_VALUED} separator=", " /> (many-valued)
              </th>
              <td>
                one (article, code) pair for every code of the dimension, including pairs that both
                coders left absent
              </td>
              <td>present (at least one passage of the code) or absent</td>
              <td>nominal</td>
            </tr>
            <tr data-dimensions="weapons">
              <th scope="row">
                <code>weapons</code>
              </th>
              <td>one article</td>
              <td>its code</td>
              <td>nominal</td>
            </tr>
            <tr data-dimensions="tone_gov">
              <th scope="row">
                <code>tone_gov</code>
              </th>
              <td>one article</td>
              <td>
                its code, on the ordered scale <Keys keys={TONE_SCALE} separator=" < " />
              </td>
              <td>ordinal</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>Alpha is also given per code (category agreement) for the many-valued dimensions.</p>
      <h3>Passage-level agreement, per dimension</h3>
      <p>
        Krippendorff’s unitizing alpha (uα). The continuum is each article’s body in character
        offsets, and the categories are the dimension’s codes. It is given overall and per code. It
        uses the articles every compared coder completed, one after another; a coder’s overlapping
        or touching passages of one code are one unit.
      </p>
      <h3>Confidence</h3>
      <ul>
        <li>
          a bootstrap 95 % interval (1,000 resamples of units; seeded, so the same data always give
          the same interval);
        </li>
        <li>the number of units and of pairable values.</li>
      </ul>
      <p>
        With fewer than two coders on the same articles, the reason is shown instead of a number.
      </p>
      <h3>How to read a badge</h3>
      <p>
        Every chart on the dashboard and the compare page carries a line such as{" "}
        <q>α = 0.84 [0.71, 0.95] · 30 units · 5 articles · reliable</q>: Krippendorff’s alpha for
        the chart’s dimension under the current filters (two decimals; the API and the badge’s{" "}
        <code>data-alpha</code> hold it unrounded), its bootstrap 95 % interval, the number of
        pairable units and of articles completed by at least two coders, and the verdict in words.
        Its link, <q>details</q>, opens the dimension on the agreement page with the same filters:
        each pair of coders, α per code, uα beside α, and the disagreements side by side. Where no
        alpha can be computed the badge gives the reason, for example <q>needs a second coder</q>.
      </p>
      <h3>Verdict bands</h3>
      <ul className="verdict-bands" data-testid="verdict-bands">
        <li>
          <span className="agreement-badge verdict-reliable">{VERDICT_TEXT.reliable}</span>: α at or
          above {RELIABLE_FROM.toFixed(3)}.
        </li>
        <li>
          <span className="agreement-badge verdict-tentative">{VERDICT_TEXT.tentative}</span>: α
          from {TENTATIVE_FROM.toFixed(3)} to below {RELIABLE_FROM.toFixed(3)}.
        </li>
        <li>
          <span className="agreement-badge verdict-unreliable">{VERDICT_TEXT.unreliable}</span>: α
          below {TENTATIVE_FROM.toFixed(3)}.
        </li>
      </ul>
    </section>
  );
}
