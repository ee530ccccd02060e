/*
 * The finding under each chart title, computed from the numbers the chart
 * shows, never written by hand. Each names its numerator and denominator,
 * and says so when the comparison rests on too few articles to generalise.
 */
import type { Unit } from "./filter-query";
import { isSmallSample, plural, SMALL_SAMPLE } from "./shares";

export interface TakeawayOutlet {
  slug: string;
  shortName: string;
  n: { articles: number; passages: number };
}

export interface TakeawayCode {
  key: string;
  label: string;
  value?: number | null;
  side?: "against" | "for" | "none" | null;
}

export interface TakeawayRow {
  outlet: string;
  code: string;
  count: number;
  share: number | null;
}

interface Counts {
  outlets: TakeawayOutlet[];
  codes: TakeawayCode[];
  rows: TakeawayRow[];
}

/** A mean with its sign: "+0.5", "−1.0", "0.0". */
const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

function cell(rows: TakeawayRow[], outlet: string, code: string): TakeawayRow | undefined {
  return rows.find((r) => r.outlet === outlet && r.code === code);
}

/**
 * " — fewer than 5 articles for …: too few to generalise" when any outlet shown
 * has fewer than SMALL_SAMPLE articles.
 */
function smallClause(outlets: TakeawayOutlet[]): string {
  const small = outlets.filter((o) => isSmallSample(o.n.articles));
  if (!small.length) return "";
  const who =
    small.length === outlets.length
      ? outlets.length === 1
        ? "this outlet"
        : "every outlet"
      : small.map((o) => o.shortName).join(", ");
  return ` — fewer than ${SMALL_SAMPLE} articles for ${who}: too few to generalise`;
}

/** "7 of 18 passages (2 articles)" or "2 of 2 articles". */
function ofN(count: number, o: TakeawayOutlet, unit: Unit): string {
  return unit === "passages"
    ? `${count} of ${plural(o.n.passages, "passage")} (${plural(o.n.articles, "article")})`
    : `${count} of ${plural(o.n.articles, "article")}`;
}

/**
 * Share charts: the outlet and code that set an outlet furthest apart from
 * the others (with one outlet, its most frequent code).
 */
export function shareTakeaway({ outlets, codes, rows }: Counts, unit: Unit): string {
  const shown = outlets.filter((o) => (unit === "passages" ? o.n.passages : o.n.articles) > 0);
  if (!shown.length) return `No coded ${unit} in view.`;
  let best: {
    o: TakeawayOutlet;
    c: TakeawayCode;
    count: number;
    lead: number;
    next?: { o: TakeawayOutlet; count: number };
  } | null = null;
  for (const c of codes) {
    for (const o of shown) {
      const r = cell(rows, o.slug, c.key);
      if (!r || r.count === 0 || r.share === null) continue;
      const others = shown
        .filter((x) => x !== o)
        .map((x) => ({ o: x, r: cell(rows, x.slug, c.key) }));
      const next = others.sort((a, b) => (b.r?.share ?? 0) - (a.r?.share ?? 0))[0];
      const lead = r.share - (next?.r?.share ?? 0);
      // Leads equal up to rounding (two codes' leads mirror each other) go to the larger count.
      const tie = best !== null && Math.abs(lead - best.lead) < 1e-9;
      if (!best || (!tie && lead > best.lead) || (tie && r.count > best.count)) {
        best = {
          o,
          c,
          count: r.count,
          lead,
          next: next ? { o: next.o, count: next.r?.count ?? 0 } : undefined,
        };
      }
    }
  }
  if (!best) return `No coded ${unit} in view.`;
  const head = `${best.o.shortName}: ${lower(best.c.label)} in ${ofN(best.count, best.o, unit)}`;
  const compared = best.next
    ? `, the highest share of any outlet; next: ${best.next.o.shortName}, ` +
      ofN(best.next.count, best.next.o, unit)
    : "";
  return `${head}${compared}${smallClause(shown)}.`;
}

/** Stance charts: how many articles take each side, and who they are. */
export function stanceTakeaway({ outlets, codes, rows }: Counts): string {
  const total = outlets.reduce((s, o) => s + o.n.articles, 0);
  if (!total) return "No articles in view.";
  const onSide = (side: "against" | "for" | "none") => {
    const keys = codes.filter((c) => (c.side ?? "none") === side).map((c) => c.key);
    const per = outlets
      .map((o) => ({
        o,
        count: rows
          .filter((r) => r.outlet === o.slug && keys.includes(r.code))
          .reduce((s, r) => s + r.count, 0),
      }))
      .filter((x) => x.count > 0);
    return {
      labels: codes.filter((c) => keys.includes(c.key)).map((c) => lower(c.label)),
      count: per.reduce((s, x) => s + x.count, 0),
      per,
    };
  };
  const against = onSide("against");
  const forSide = onSide("for");
  const none = onSide("none");
  const who = (per: { o: TakeawayOutlet; count: number }[]) =>
    per.map((x) => `${x.o.shortName} ${x.count} of ${x.o.n.articles}`).join(", ");
  const whoIn = (side: { count: number; per: { o: TakeawayOutlet; count: number }[] }) =>
    side.count ? ` (${who(side.per)})` : "";
  const parts = [
    `${against.count} of ${plural(total, "article")} ${against.labels.join(" / ")}${whoIn(against)}`,
    `${forSide.count} ${forSide.labels.join(" or ")}${whoIn(forSide)}`,
    `${none.count} take no stance`,
  ];
  return `${parts.join("; ")}${smallClause(outlets)}.`;
}

/** Ordinal charts (tone): the outlet means, lowest and highest, with their n. */
export function meanTakeaway({ outlets, codes, rows }: Counts): string {
  const value = new Map(codes.map((c) => [c.key, c.value ?? 0]));
  const means = outlets
    .map((o) => {
      const own = rows.filter((r) => r.outlet === o.slug && r.count > 0);
      const n = own.reduce((s, r) => s + r.count, 0);
      return {
        o,
        n,
        mean: n ? own.reduce((s, r) => s + r.count * (value.get(r.code) ?? 0), 0) / n : null,
      };
    })
    .filter((m): m is { o: TakeawayOutlet; n: number; mean: number } => m.mean !== null)
    .sort((a, b) => a.mean - b.mean);
  if (!means.length) return "No coded articles in view.";
  const scale = [...codes].sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  const nearest = (m: number) =>
    scale.reduce((a, b) => (Math.abs((b.value ?? 0) - m) < Math.abs((a.value ?? 0) - m) ? b : a));
  const say = (m: { o: TakeawayOutlet; n: number; mean: number }) =>
    `${m.o.shortName} ${signed(m.mean)} (${lower(nearest(m.mean).label)}; ` +
    `${m.n} of ${plural(m.o.n.articles, "article")})`;
  const lowest = means[0];
  const highest = means[means.length - 1];
  const body =
    means.length === 1
      ? `Mean: ${say(lowest)}`
      : `Lowest mean: ${say(lowest)}; highest: ${say(highest)}`;
  return `${body}${smallClause(means.map((m) => m.o))}.`;
}

/** Timelines: how many articles over which span, how many dates inferred, how many events in it. */
export function timelineTakeaway(
  articles: { publishedAt: string; datePrecision: "exact" | "inferred" }[],
  events: { date: string }[],
): string {
  if (!articles.length) return "No articles in view.";
  const dates = articles.map((a) => a.publishedAt).sort();
  const [from, to] = [dates[0], dates[dates.length - 1]];
  const inferred = articles.filter((a) => a.datePrecision === "inferred").length;
  const inRange = events.filter((e) => e.date >= from && e.date <= to).length;
  const span = from === to ? `on ${from}` : `from ${from} to ${to}`;
  const events_ = `${inRange} of ${plural(events.length, "event")} in that span`;
  return `${plural(articles.length, "article")} ${span}, ${inferred} with an inferred date; ${events_}.`;
}
