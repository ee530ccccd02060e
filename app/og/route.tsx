import type { NextRequest } from "next/server";
import { handle, jsonError } from "@/app/lib/api";
import { chartUnit, DASHBOARD_CHARTS } from "@/app/lib/charts";
import { parseFilters } from "@/app/lib/filters";
import { parsePanel } from "@/app/lib/panel";
import { getCodebook } from "@/app/lib/queries/codebook";
import { getFrameCounts } from "@/app/lib/queries/frames";
import { getOutlets } from "@/app/lib/queries/outlets";
import { getVocabulary } from "@/app/lib/queries/vocabulary";
import { plural } from "@/app/lib/shares";
import { shareTakeaway } from "@/app/lib/takeaways";
import { getView } from "@/app/lib/views";
import { Chip, dateRange, previewImage, ShareBar } from "./preview";

// The first chart of the dashboard is the one a preview shows.
const HEADLINE = DASHBOARD_CHARTS[0];

/**
 * The link-preview image of a dashboard view: the first chart's finding as its
 * title, the outlets by name with their articles and passages, the dates, the
 * open evidence panel's code, and the chart as 100 % stacked bars per outlet.
 * `?view=<id>` for a saved view, or the dashboard's own query parameters.
 */
export async function GET(req: NextRequest) {
  return handle(async () => {
    const vocab = await getVocabulary();
    let params = new URLSearchParams(req.nextUrl.searchParams);
    let kicker = "How outlets frame the Russia–North Korea ties";
    const viewId = params.get("view");
    if (viewId) {
      const view = await getView(viewId);
      if (!view) return jsonError(404, "no saved view with that id");
      kicker = view.title;
      params = new URLSearchParams(view.query.replace(/^\?/, ""));
    }
    params.delete("view");
    // A preview never fails on a bad parameter: it shows the defaults, like the page does.
    const { filters } = parseFilters(params, vocab, ["panel"]);
    const panelValue = params.get("panel");
    const unit = chartUnit(HEADLINE, "passages");
    const [counts, codebook, outlets, panel] = await Promise.all([
      getFrameCounts(filters, HEADLINE.dimension, unit),
      getCodebook(),
      getOutlets(),
      panelValue ? parsePanel(panelValue, vocab) : null,
    ]);
    const codes = codebook.find((d) => d.key === HEADLINE.dimension)?.codes ?? [];
    const rows = outlets.filter((o) => counts.n[o.slug]);
    const shown = rows.map((o) => ({ slug: o.slug, shortName: o.shortName, n: counts.n[o.slug] }));
    const articles = shown.reduce((s, o) => s + o.n.articles, 0);
    const passages = shown.reduce((s, o) => s + o.n.passages, 0);
    const title =
      rows.length === 0
        ? "No articles match these filters."
        : shareTakeaway({ outlets: shown, codes, rows: counts.rows }, unit);
    const facts = [
      `${rows.map((o) => o.name).join(", ") || "No outlets"} · ${plural(articles, "article")} (${plural(passages, "passage")})`,
      `${dateRange(filters.from, filters.to)} · coded by ${filters.coder} · as of ${new Date().toISOString().slice(0, 10)}`,
    ];
    if (panel)
      facts.push(`Evidence: ${panel.dimension.label}: ${panel.code.label} — ${panel.outlet.name}`);

    return previewImage({
      kicker,
      title,
      facts,
      children: (
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ display: "flex", fontSize: 20, color: "#55555d", marginBottom: 10 }}>
            {`${HEADLINE.question} ${HEADLINE.counts[unit]}`}
          </div>
          {rows.map((o) => (
            <div key={o.slug} style={{ display: "flex", alignItems: "center", marginBottom: 10 }}>
              <div style={{ display: "flex", width: 330, fontSize: 22 }}>{o.name}</div>
              <ShareBar
                width={758}
                segments={codes.map((c) => ({
                  key: c.key,
                  colour: c.colour,
                  share:
                    counts.rows.find((r) => r.outlet === o.slug && r.code === c.key)?.share ?? 0,
                }))}
              />
            </div>
          ))}
          <div style={{ display: "flex", flexWrap: "wrap", marginTop: 8, fontSize: 18 }}>
            {codes.map((c) => (
              <Chip key={c.key} colour={c.colour} label={c.label} />
            ))}
          </div>
        </div>
      ),
    });
  });
}
