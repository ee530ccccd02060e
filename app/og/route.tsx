import { ImageResponse } from "next/og";
import type { NextRequest } from "next/server";
import { handle, jsonError } from "@/app/lib/api";
import { chartUnit, DASHBOARD_CHARTS } from "@/app/lib/charts";
import { describeFilters, parseFilters } from "@/app/lib/filters";
import { getCodebook } from "@/app/lib/queries/codebook";
import { getFrameCounts } from "@/app/lib/queries/frames";
import { getOutlets } from "@/app/lib/queries/outlets";
import { getVocabulary } from "@/app/lib/queries/vocabulary";
import { getView } from "@/app/lib/views";

// The first chart of the dashboard is the one a preview shows.
const HEADLINE = DASHBOARD_CHARTS[0];

/**
 * The link-preview image of a dashboard view: its title, its filters and the
 * dashboard's first chart as 100 % stacked bars per outlet, with n.
 * `?view=<id>` for a saved view, or the dashboard's own query parameters.
 */
export async function GET(req: NextRequest) {
  return handle(async () => {
    const vocab = await getVocabulary();
    let params = new URLSearchParams(req.nextUrl.searchParams);
    let title = "How outlets frame the Russia–North Korea ties";
    const viewId = params.get("view");
    if (viewId) {
      const view = await getView(viewId);
      if (!view) return jsonError(404, "no saved view with that id");
      title = view.title;
      params = new URLSearchParams(view.query.replace(/^\?/, ""));
    }
    params.delete("view");
    // A preview never fails on a bad parameter: it shows the defaults, like the page does.
    const { filters } = parseFilters(params, vocab, ["panel"]);
    const unit = chartUnit(HEADLINE, "passages");
    const [counts, codebook, outlets] = await Promise.all([
      getFrameCounts(filters, HEADLINE.dimension, unit),
      getCodebook(),
      getOutlets(),
    ]);
    const codes = codebook.find((d) => d.key === HEADLINE.dimension)?.codes ?? [];
    const rows = outlets.filter((o) => counts.n[o.slug]);
    const filterText = describeFilters(filters);

    return new ImageResponse(
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          padding: 56,
          background: "#fff",
          color: "#1d1d1f",
          fontSize: 28,
        }}
      >
        <div style={{ display: "flex", fontSize: 26, color: "#1f4e9c", fontWeight: 700 }}>
          Framescope
        </div>
        <div
          style={{
            display: "flex",
            fontSize: 52,
            fontWeight: 700,
            marginTop: 12,
            lineHeight: 1.15,
          }}
        >
          {title.slice(0, 90)}
        </div>
        <div style={{ display: "flex", fontSize: 24, color: "#55555d", marginTop: 12 }}>
          {filterText}
        </div>
        <div style={{ display: "flex", fontSize: 26, marginTop: 32 }}>{HEADLINE.question}</div>
        <div
          style={{
            display: "flex",
            fontSize: 20,
            color: "#55555d",
            marginTop: 4,
            marginBottom: 12,
          }}
        >
          {HEADLINE.counts[unit]}
        </div>
        {rows.length === 0 ? (
          <div style={{ display: "flex", color: "#55555d" }}>No articles match these filters.</div>
        ) : (
          rows.map((o) => (
            <div key={o.slug} style={{ display: "flex", alignItems: "center", marginBottom: 14 }}>
              <div
                style={{ display: "flex", width: 330, fontSize: 24 }}
              >{`${o.shortName} (n=${counts.n[o.slug][unit]} ${unit})`}</div>
              <div style={{ display: "flex", width: 760, height: 40, border: "1px solid #d6d6dc" }}>
                {codes.map((c) => {
                  const share =
                    counts.rows.find((r) => r.outlet === o.slug && r.code === c.key)?.share ?? 0;
                  return share > 0 ? (
                    <div
                      key={c.key}
                      style={{
                        display: "flex",
                        width: `${share * 100}%`,
                        height: "100%",
                        background: c.colour,
                      }}
                    />
                  ) : null;
                })}
              </div>
            </div>
          ))
        )}
        <div
          style={{
            display: "flex",
            flexWrap: "wrap",
            marginTop: 14,
            fontSize: 20,
            color: "#3a3a40",
          }}
        >
          {codes.map((c) => (
            <div
              key={c.key}
              style={{ display: "flex", alignItems: "center", marginRight: 22, marginBottom: 6 }}
            >
              <div
                style={{
                  display: "flex",
                  width: 16,
                  height: 16,
                  background: c.colour,
                  marginRight: 6,
                }}
              />
              {c.label}
            </div>
          ))}
        </div>
      </div>,
      { width: 1200, height: 630, headers: { "Cache-Control": "public, max-age=300" } },
    );
  });
}
