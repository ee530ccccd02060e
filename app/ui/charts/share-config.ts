import type { ChartData, ChartOptions } from "chart.js";
import { panelKey } from "@/app/lib/panel-key";
import { percentDecimals, plural, roundToWhole } from "@/app/lib/shares";
import type { CodeInfo, CountRow, OutletInfo } from "./types";

/**
 * Split bars: one small panel per code (its label as a heading row), one bar
 * per outlet under it, each labelled with its value. Six or fewer codes, so
 * the marks carry their own labels and no legend is needed. An outlet with a
 * small sample counted in articles gets a dot labelled "2 of 2 articles"
 * instead of a bar, so one or two articles never look like saturation.
 */
export type SplitRow =
  | { kind: "heading"; code: CodeInfo; text: string }
  | {
      kind: "mark";
      code: CodeInfo;
      outlet: OutletInfo;
      /** Outlet name, its n and the small-sample mark. */
      text: string;
      /** Percentage drawn, rounded for the outlet's sample. */
      percent: number;
      /** What is written at the mark's end. */
      value: string;
      count: number;
      /** A dot with the count instead of a bar. */
      dot: boolean;
      panel: string;
    };

export interface ShareInput {
  dimension: string;
  unit: "passages" | "articles";
  outlets: OutletInfo[];
  codes: CodeInfo[];
  rows: CountRow[];
  /** The codes' shares make one whole per outlet: rounded so that they add up to exactly 100. */
  whole: boolean;
}

function outletText(o: OutletInfo, unit: ShareInput["unit"]): string {
  const n = unit === "passages" ? o.n.passages : o.n.articles;
  const counted = plural(n, unit === "passages" ? "passage" : "article");
  return `${o.shortName} (${counted})${o.small ? " · small sample" : ""}`;
}

/** Each outlet's percentage per code: largest-remainder rounded when the codes make a whole. */
function percents(input: ShareInput, outlet: OutletInfo, counts: number[], shares: number[]) {
  const decimals = percentDecimals(outlet.n.articles);
  if (input.whole) return roundToWhole(counts, decimals);
  const scale = 10 ** decimals;
  return shares.map((s) => Math.round(s * 100 * scale) / scale);
}

/** The rows of a split-bar chart, codes in codebook order, outlets in the given order. */
export function splitRows(input: ShareInput): SplitRow[] {
  const { dimension, unit, outlets, codes, rows } = input;
  const byKey = new Map(rows.map((r) => [`${r.outlet}\0${r.code}`, r]));
  const perOutlet = new Map(
    outlets.map((o) => {
      const cells = codes.map((c) => byKey.get(`${o.slug}\0${c.key}`));
      const counts = cells.map((r) => r?.count ?? 0);
      const shares = cells.map((r) => r?.share ?? 0);
      return [o.slug, { counts, percents: percents(input, o, counts, shares) }];
    }),
  );
  return codes.flatMap((code, ci): SplitRow[] => [
    { kind: "heading", code, text: code.label },
    ...outlets.map((outlet): SplitRow => {
      const own = perOutlet.get(outlet.slug);
      const count = own?.counts[ci] ?? 0;
      const percent = own?.percents[ci] ?? 0;
      const n = unit === "passages" ? outlet.n.passages : outlet.n.articles;
      const dot = unit === "articles" && outlet.small;
      return {
        kind: "mark",
        code,
        outlet,
        text: outletText(outlet, unit),
        percent,
        value: dot
          ? `${count} of ${plural(n, "article")}`
          : `${percent.toFixed(percentDecimals(outlet.n.articles))} %`,
        count,
        dot,
        panel: panelKey(dimension, code.key, outlet.slug),
      };
    }),
  ]);
}

/** The outline of the mark the evidence panel shows. */
export const HIGHLIGHT = "#111111";

/**
 * Bar data for the split rows. A dot row keeps an invisible bar (so a click
 * along it still opens the evidence) and its dot is drawn over it; the mark
 * named by `panel` is outlined.
 */
export function splitData(
  rows: SplitRow[],
  panel: string | null,
): ChartData<"bar", (number | null)[], string> {
  const picked = rows.map((r) => r.kind === "mark" && r.panel === panel);
  return {
    labels: rows.map((r) => r.text),
    datasets: [
      {
        label: "share",
        data: rows.map((r) => (r.kind === "mark" ? r.percent : null)),
        backgroundColor: rows.map((r) =>
          r.kind === "mark" && r.dot ? "transparent" : r.code.colour,
        ),
        borderColor: picked.map((p) => (p ? HIGHLIGHT : "transparent")),
        borderWidth: rows.map((r, i) => (picked[i] && r.kind === "mark" && !r.dot ? 3 : 0)),
        borderSkipped: false,
      },
    ],
  };
}

/**
 * Chart.js options for split bars: labelled marks, no legend. The code headings
 * and outlet names are drawn above the bars on every screen (no y axis), so a
 * long name is never clipped, however narrow the card.
 */
export function splitOptions(rows: SplitRow[], unit: ShareInput["unit"]): ChartOptions<"bar"> {
  const hasDots = rows.some((r) => r.kind === "mark" && r.dot);
  return {
    indexAxis: "y",
    maintainAspectRatio: false,
    datasets: { bar: { barThickness: 11 } },
    layout: { padding: { right: hasDots ? 104 : 44, left: hasDots ? 8 : 0, top: 6 } },
    scales: {
      x: {
        type: "linear",
        min: 0,
        max: 100,
        ticks: { stepSize: 25 },
        title: { display: true, text: `% of ${unit}` },
      },
      y: { type: "category", display: false },
    },
    plugins: { legend: { display: false } },
  };
}
