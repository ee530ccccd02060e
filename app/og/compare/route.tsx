import type { NextRequest } from "next/server";
import { handle, jsonError } from "@/app/lib/api";
import { DASHBOARD_CHARTS } from "@/app/lib/charts";
import { formatPp, resolvePair } from "@/app/lib/compare";
import { parseFilters, toEntries } from "@/app/lib/filters";
import { getComparison, type CompareDimension } from "@/app/lib/queries/compare";
import { getOutlets } from "@/app/lib/queries/outlets";
import { getVocabulary } from "@/app/lib/queries/vocabulary";
import { plural } from "@/app/lib/shares";
import { Chip, dateRange, previewImage, ShareBar } from "../preview";

// The stance the dashboard draws on a diverging axis is the comparison a preview leads with.
const STANCE = DASHBOARD_CHARTS.find((c) => c.kind === "weapons")?.dimension;

const pct = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)} %`);

/** The code whose share differs most between the two outlets, over every dimension counted in passages. */
function biggestDifference(dimensions: CompareDimension[]) {
  return dimensions
    .filter((d) => d.unit === "passages")
    .flatMap((d) => d.rows.map((r) => ({ d, r })))
    .filter((x) => x.r.diff !== null)
    .sort((x, y) => Math.abs(y.r.diff ?? 0) - Math.abs(x.r.diff ?? 0))[0];
}

/**
 * The link-preview image of /compare?a=…&b=…: the two outlets by name with
 * their articles and passages, the stance on arms for Ukraine of each as one
 * bar, and the code on which they differ most.
 */
export async function GET(req: NextRequest) {
  return handle(async () => {
    const vocab = await getVocabulary();
    const query = Object.fromEntries(
      [...toEntries(req.nextUrl.searchParams)].map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
    );
    const { outlets: _outlets, ...params } = query;
    // Like the page: bad parameters fall back to the defaults, never an error.
    const { filters } = parseFilters(params, vocab, ["a", "b"]);
    const { a, b } = resolvePair(params, vocab.outlets);
    if (!a || !b) return jsonError(404, "comparing needs two outlets");
    const [data, outlets] = await Promise.all([
      getComparison(filters, a, b, { topCodes: 1, quotesPerCode: 0 }),
      getOutlets(),
    ]);
    const name = (slug: string) => outlets.find((o) => o.slug === slug)?.name ?? slug;
    const stance = data.dimensions.find((d) => d.key === STANCE);
    const biggest = biggestDifference(data.dimensions);
    const title = biggest
      ? `${biggest.d.label}: ${biggest.r.label} — ${name(a)} ${pct(biggest.r.a.share)}, ${name(b)} ${pct(biggest.r.b.share)} (${formatPp(biggest.r.diff)})`
      : `${name(a)} and ${name(b)}: nothing coded in view`;
    const side = (slug: string, n: { articles: number; passages: number }) =>
      `${name(slug)}: ${plural(n.articles, "article")} (${plural(n.passages, "passage")})`;

    return previewImage({
      kicker: `${name(a)} and ${name(b)} compared`,
      title: biggest ? `Biggest difference: ${title}` : title,
      facts: [
        `${side(a, data.n.a)} · ${side(b, data.n.b)}`,
        `${dateRange(filters.from, filters.to)} · coded by ${filters.coder}`,
      ],
      children: stance && (
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ display: "flex", fontSize: 20, color: "#55555d", marginBottom: 10 }}>
            {`${stance.question} Share of articles by stance`}
          </div>
          {[
            { slug: a, side: "a" as const },
            { slug: b, side: "b" as const },
          ].map(({ slug, side }) => (
            <div key={slug} style={{ display: "flex", alignItems: "center", marginBottom: 10 }}>
              <div style={{ display: "flex", width: 330, fontSize: 22 }}>{name(slug)}</div>
              <ShareBar
                width={758}
                segments={stance.rows.map((r) => ({
                  key: r.code,
                  colour: r.colour,
                  share: r[side].share ?? 0,
                }))}
              />
            </div>
          ))}
          <div style={{ display: "flex", flexWrap: "wrap", marginTop: 8, fontSize: 18 }}>
            {stance.rows.map((r) => (
              <Chip key={r.code} colour={r.colour} label={r.label} />
            ))}
          </div>
        </div>
      ),
    });
  });
}
