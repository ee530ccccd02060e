import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { contentHash } from "../../../app/lib/ingest/ingest";
import { codebookFile, eventsFile, type CodebookFile, type EventsFile } from "../../../app/lib/seed/schemas";
import { cumulate, Rng } from "./rng";
import { filler, headline, NO_SUPPORTING_PASSAGE, render, standfirst, templatesFor, toAscii, type Template } from "./text";

/**
 * The synthetic world: outlets with their own tendencies, the real codebook,
 * the real events, and a generator of articles drawn from them. Everything is
 * decided by the seed, so the same arguments give the same articles, in the
 * same order, every time the generator runs (the loader runs it once per table).
 */

export const FIRST_DAY = "2022-07-01";
export const LAST_DAY = "2025-06-30";
import { GENRES, type Genre } from "../../../app/lib/filter-query";
import type { OutletRow } from "../../../app/lib/queries/outlets";

export { GENRES, type Genre };
export const MAX_BODY = 400;
export const MIN_BODY = 250;
export const MIN_PASSAGES = 5;
export const MAX_PASSAGES = 20;
const EVENT_LINKS_PER_EVENT = 6;

export interface CodeInfo {
  key: string;
  label: string;
  id: number;
  dim: number; // index into World.dims
  index: number; // index within its dimension
  value: number | null;
  templates: Template[];
  supporting: boolean; // article-level code that gets a supporting passage
}

export interface DimensionInfo {
  key: string;
  id: number;
  scope: "passage" | "article";
  ordinal: boolean;
  codes: CodeInfo[];
}

/** An outlet row as the app reads it (without url and counts), plus how the generator skews its coding. */
export interface SynthOutlet extends Omit<OutletRow, "url" | "articles"> {
  id: number;
  lean: number; // -1 progressive … +1 conservative: how it leans on the government's handling
}

export interface SynthEvent {
  id: number;
  key: string;
  date: string;
  label: string;
  description: string | null;
  preset: boolean;
  day: number; // days since FIRST_DAY (may be negative)
  sentence: string; // the body sentence of a linked article that states it
}

export interface SynthCoder {
  id: number;
  key: string;
  name: string;
}

export interface World {
  seed: number;
  codebook: CodebookFile;
  dims: DimensionInfo[];
  passageDims: number[];
  articleDims: number[];
  outlets: SynthOutlet[];
  coders: SynthCoder[];
  events: SynthEvent[];
  days: string[];
  outletCum: Float64Array;
  genreCum: Float64Array[]; // [outlet]
  dayCum: Float64Array;
  dayEra: Uint8Array;
  dimCum: Float64Array[][]; // [outlet][genre] over passageDims
  codeCum: Float64Array[][][]; // [outlet][era][dim]
}

export function readCodebook(seedsDir: string): CodebookFile {
  return codebookFile.parse(parseYaml(readFileSync(path.join(seedsDir, "codebook.yaml"), "utf8")));
}

export function readEvents(seedsDir: string): EventsFile {
  return eventsFile.parse(parseYaml(readFileSync(path.join(seedsDir, "events.yaml"), "utf8")));
}

// --- outlets ---------------------------------------------------------------

const OUTLET_KINDS: { label: string; kind: string; count: number; volume: number; genres: [number, number, number, number] }[] = [
  // genres: editorial, column, news_analysis, news_report
  { label: "Daily", kind: "national_daily", count: 7, volume: 1.2, genres: [0.16, 0.14, 0.22, 0.48] },
  { label: "Business", kind: "business_daily", count: 2, volume: 0.6, genres: [0.08, 0.1, 0.32, 0.5] },
  { label: "Wire", kind: "wire_agency", count: 2, volume: 1.8, genres: [0.0, 0.0, 0.1, 0.9] },
  { label: "Broadcast", kind: "broadcaster", count: 3, volume: 0.8, genres: [0.04, 0.05, 0.21, 0.7] },
  { label: "Weekly", kind: "magazine", count: 2, volume: 0.3, genres: [0.15, 0.35, 0.45, 0.05] },
  { label: "Campus", kind: "university_paper", count: 2, volume: 0.12, genres: [0.3, 0.4, 0.1, 0.2] },
  { label: "Regional", kind: "regional_daily", count: 2, volume: 0.4, genres: [0.12, 0.1, 0.18, 0.6] },
];
const ORIENTATIONS: (string | null)[] = ["progressive", "conservative", "centrist", "conservative", null];
const LEAN: Record<string, number> = { progressive: -0.9, conservative: 0.8, centrist: 0.1 };
const COUNTRIES: Record<number, string> = { 10: "US", 11: "GB", 14: "JP" };

// --- code tendencies -----------------------------------------------------------

/** How common each code is overall (1 when not listed). */
const BASE_WEIGHT: Record<string, number> = {
  security_threat: 3, transactional: 2, bloc_rivalry: 2.2, seoul_policy_consequence: 1.2, sanctions_erosion: 1.2, limited_significance: 0.6,
  balanced_diplomacy: 1.5, deterrence_alliance: 2, pressure_on_moscow: 1.2, china_leverage: 0.8, multilateral_pressure: 1,
  russia: 2.5, north_korea: 2.5, seoul_government: 1.2, us_west: 0.5,
  conflict: 3, responsibility: 1.5, economic: 1, human_interest: 0.6, morality: 0.8,
  oppose: 1.2, conditional: 1.5, support: 0.8, reported_only: 2, not_addressed: 1.5,
};
/** How much a conservative (+) or progressive (−) lean raises a code: weight × exp(k × lean). */
const LEAN_EFFECT: Record<string, number> = {
  seoul_government: -0.9, seoul_policy_consequence: -0.8, balanced_diplomacy: -0.7, deterrence_alliance: 0.7, north_korea: 0.4,
  oppose: -0.7, support: 0.7, limited_significance: -0.3,
};
/** From the day of each real event on, some frames become more common. */
const EVENT_EFFECT: Record<string, Record<string, number>> = {
  "camp-david-summit": { deterrence_alliance: 1.4, bloc_rivalry: 1.2 },
  "vostochny-summit": { transactional: 1.6, russia: 1.2 },
  "panel-of-experts-veto": { sanctions_erosion: 2.0 },
  "pyongyang-treaty": { security_threat: 1.5, bloc_rivalry: 1.4 },
  "seoul-reconsiders-arms": { pressure_on_moscow: 1.6, seoul_policy_consequence: 1.3, conditional: 1.8 },
};
const PASSAGE_DIM_WEIGHT: Record<string, number> = { ties: 0.34, generic: 0.26, remedy: 0.2, blame: 0.2 };
const GENRE_DIM_EFFECT: Record<Genre, Record<string, number>> = {
  editorial: { remedy: 1.6, generic: 0.8 },
  column: { remedy: 1.4, blame: 1.2 },
  news_analysis: { ties: 1.2 },
  news_report: { generic: 1.25, remedy: 0.5 },
};
const PASSAGES_BY_GENRE: Record<Genre, [number, number]> = {
  editorial: [6, 20],
  column: [6, 20],
  news_analysis: [7, 18],
  news_report: [5, 14],
};

const DAY_MS = 86_400_000;
const dayIndex = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / DAY_MS);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const longDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

export function buildWorld(opts: { seed: number; coders: number; codebook: CodebookFile; events: EventsFile }): World {
  const rng = new Rng(opts.seed ^ 0x2545f491);
  let codeId = 0;
  const dims: DimensionInfo[] = opts.codebook.dimensions.map((d, di) => ({
    key: d.key,
    id: di + 1,
    scope: d.scope,
    ordinal: d.ordinal,
    codes: d.codes.map((c, ci) => ({
      key: c.key,
      label: c.label,
      id: ++codeId,
      dim: di,
      index: ci,
      value: c.value ?? null,
      templates: templatesFor(c.key, c.label),
      supporting: d.scope === "article" && !NO_SUPPORTING_PASSAGE.has(c.key),
    })),
  }));
  const passageDims = dims.flatMap((d, i) => (d.scope === "passage" ? [i] : []));
  const articleDims = dims.flatMap((d, i) => (d.scope === "article" ? [i] : []));
  if (!passageDims.length) throw new Error("the codebook has no passage-level dimension");

  // Outlets: fixed names and kinds, tendencies drawn from the seed.
  const outlets: SynthOutlet[] = [];
  const volumes: number[] = [];
  const genreCum: Float64Array[] = [];
  for (const k of OUTLET_KINDS) {
    for (let j = 0; j < k.count; j++) {
      const n = outlets.length + 1;
      const nn = String(n).padStart(2, "0");
      const orientation = k.kind === "wire_agency" ? null : ORIENTATIONS[n % ORIENTATIONS.length];
      outlets.push({
        id: n,
        slug: `synthetic-${k.label.toLowerCase()}-${nn}`,
        name: `Synthetic ${k.label} ${nn}`,
        shortName: `Syn ${k.label} ${nn}`,
        country: COUNTRIES[n] ?? "KR",
        language: "en",
        kind: k.kind,
        orientation: orientation && `${orientation} (synthetic)`,
        orientationSource: orientation && "Synthetic: assigned by the generator for measurement, not an assessment of any real outlet.",
        lean: (orientation ? LEAN[orientation] : 0) + 0.3 * rng.normal(),
      });
      volumes.push(k.volume * (0.6 + 0.8 * rng.float()));
      genreCum.push(cumulate(k.genres.map((g) => g * (0.75 + 0.5 * rng.float()))));
    }
  }

  // Days: weekly rhythm, a slow rise, bursts after each real event.
  const nDays = dayIndex(LAST_DAY) + 1;
  const days: string[] = [];
  const dayWeights: number[] = [];
  const events: SynthEvent[] = opts.events.map((e, i) => ({
    id: i + 1,
    key: e.key,
    date: e.date,
    label: e.label,
    description: e.description ?? null,
    preset: e.preset,
    day: dayIndex(e.date),
    sentence: `Background: ${toAscii(e.label).replace(/\.$/, "")} (${longDate(e.date)}).`,
  }));
  for (let d = 0; d < nDays; d++) {
    const date = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + d * DAY_MS);
    days.push(date.toISOString().slice(0, 10));
    const weekday = date.getUTCDay();
    let w = (weekday === 6 ? 0.55 : weekday === 0 ? 0.45 : 1) * (0.8 + (0.4 * d) / nDays);
    for (const e of events) {
      const since = d - e.day;
      if (since >= 0) w += 5 * Math.exp(-since / 6);
      else if (since >= -2) w += 1.5;
    }
    dayWeights.push(w);
  }
  const dayCum = cumulate(dayWeights);

  // Eras: a new one starts on each event day inside the range; frames shift from then on.
  const eraStarts = [...new Set(events.filter((e) => e.day > 0 && e.day < nDays).map((e) => e.day))].sort((a, b) => a - b);
  const dayEra = new Uint8Array(nDays);
  for (let d = 0, era = 0; d < nDays; d++) {
    while (era < eraStarts.length && eraStarts[era] <= d) era++;
    dayEra[d] = era;
  }
  const eraMultipliers: Record<string, number>[] = [{}];
  for (const start of eraStarts) {
    const m = { ...eraMultipliers[eraMultipliers.length - 1] };
    for (const e of events.filter((x) => x.day === start)) {
      for (const [code, f] of Object.entries(EVENT_EFFECT[e.key] ?? {})) m[code] = (m[code] ?? 1) * f;
    }
    eraMultipliers.push(m);
  }

  const codeCum: Float64Array[][][] = [];
  const dimCum: Float64Array[][] = [];
  for (const o of outlets) {
    // Each outlet has its own skew over every dimension's codes, so its charts differ from the others'.
    const skew = dims.map((d) => d.codes.map(() => Math.exp(0.55 * rng.normal())));
    const wire = o.kind === "wire_agency" || o.kind === "broadcaster";
    codeCum.push(
      eraMultipliers.map((m) =>
        dims.map((d, di) => {
          if (d.ordinal) {
            // An ordinal scale (tone_gov): centred on the outlet's lean, wires near neutral.
            const centre = wire ? o.lean * 0.3 : o.lean;
            return cumulate(d.codes.map((c, ci) => Math.exp(-(((c.value ?? ci) - centre) ** 2) / (2 * 0.8 ** 2)) * skew[di][ci] ** 0.3));
          }
          return cumulate(
            d.codes.map((c, ci) => {
              let w = (BASE_WEIGHT[c.key] ?? 1) * skew[di][ci] * Math.exp((LEAN_EFFECT[c.key] ?? 0) * o.lean) * (m[c.key] ?? 1);
              if (wire && c.key === "reported_only") w *= 3;
              return w;
            }),
          );
        }),
      ),
    );
    const dimSkew = passageDims.map(() => 0.7 + 0.6 * rng.float());
    dimCum.push(GENRES.map((g) => cumulate(passageDims.map((di, j) => (PASSAGE_DIM_WEIGHT[dims[di].key] ?? 0.2) * dimSkew[j] * (GENRE_DIM_EFFECT[g][dims[di].key] ?? 1)))));
  }

  const coders: SynthCoder[] = Array.from({ length: opts.coders }, (_, i) => ({ id: i + 1, key: `SYN-${i + 1}`, name: `Synthetic coder ${i + 1}` }));
  return {
    seed: opts.seed,
    codebook: opts.codebook,
    dims,
    passageDims,
    articleDims,
    outlets,
    coders,
    events,
    days,
    outletCum: cumulate(volumes),
    genreCum,
    dayCum,
    dayEra,
    dimCum,
    codeCum,
  };
}

// --- articles -------------------------------------------------------------------

export interface SynthPassage {
  coder: number; // index into World.coders
  code: CodeInfo;
  start: number;
  end: number;
}

export interface SynthArticle {
  id: number;
  slug: string;
  outlet: SynthOutlet;
  genre: Genre;
  date: string;
  exact: boolean;
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  body: string;
  contentHash: string;
  passages: SynthPassage[];
  articleCodes: { coder: number; code: CodeInfo }[];
  event: SynthEvent | null;
}

/**
 * Yields articles 1..n. `hash: false` skips the content hash (it draws no
 * random numbers, so the articles are otherwise identical) for passes that do
 * not write the article table.
 */
export function* generateArticles(world: World, n: number, opts: { hash?: boolean } = {}): Generator<SynthArticle> {
  const rng = new Rng(world.seed);
  const { dims, passageDims, articleDims, outlets, days } = world;
  const eventLinks = new Map<SynthEvent, number>();
  const inRange = world.events.filter((e) => e.day >= 0 && e.day < days.length);
  const spans: number[] = []; // per sentence: 3 spans (start, end); -1 when absent
  const used: number[] = []; // keys of (code, start, end) already coded, per coder

  for (let id = 1; id <= n; id++) {
    const oi = rng.weighted(world.outletCum);
    const outlet = outlets[oi];
    const gi = rng.weighted(world.genreCum[oi]);
    const genre = GENRES[gi];
    const day = rng.weighted(world.dayCum);
    const era = world.dayEra[day];
    const cum = world.codeCum[oi][era];
    const exact = rng.chance(0.93);
    const title = headline(rng);
    const stand = rng.chance(0.4) ? standfirst(rng) : null;
    const byline =
      gi === 0 ? null : gi === 1 ? `Synthetic Columnist ${String(rng.between(1, 40)).padStart(2, "0")}` : `Synthetic Reporter ${String(rng.between(1, 300)).padStart(3, "0")}`;

    // Article-level codes of the first coder.
    const ac1: CodeInfo[] = articleDims.map((di) => dims[di].codes[rng.weighted(cum[di])]);

    // What the first coder will code: supporting passages for article codes, the rest on passage dimensions.
    const [lo, hi] = PASSAGES_BY_GENRE[genre];
    const count = rng.between(lo, hi);
    const planned: CodeInfo[] = [];
    const support = articleDims.length ? rng.between(0, 2) : 0;
    for (let s = 0; s < support; s++) {
      const c = ac1[rng.index(ac1.length)];
      if (c.supporting && !planned.includes(c)) planned.push(c);
    }
    const dimCum = world.dimCum[oi][gi];
    while (planned.length < count) {
      const di = passageDims[rng.weighted(dimCum)];
      planned.push(dims[di].codes[rng.weighted(cum[di])]);
    }

    // The body: an event sentence for a few articles just after an event, then one sentence per planned code.
    let event: SynthEvent | null = null;
    for (const e of inRange) {
      if (day >= e.day && day <= e.day + 2 && (eventLinks.get(e) ?? 0) < EVENT_LINKS_PER_EVENT && rng.chance(0.3)) {
        event = e;
        eventLinks.set(e, (eventLinks.get(e) ?? 0) + 1);
        break;
      }
    }
    const target = rng.between(MIN_BODY, MAX_BODY);
    let body = "";
    spans.length = 0;
    const sentenceOf = new Map<CodeInfo, number>();
    const addSentence = (s: string) => {
      const start = body.length === 0 ? 0 : body.length + 1;
      body = body.length === 0 ? s : `${body} ${s}`;
      const end = start + s.length;
      const comma = s.indexOf(", ");
      if (comma > 15 && comma < s.length - 15) spans.push(start, end, start, start + comma, start + comma + 2, end);
      else {
        const mid = s.lastIndexOf(" ", s.length >> 1);
        if (mid > 12) spans.push(start, end, start, start + mid, start + mid + 1, end);
        else spans.push(start, end, -1, -1, -1, -1);
      }
    };
    if (event) addSentence(event.sentence);
    for (const c of planned) {
      if (body.length >= target) break;
      if (sentenceOf.has(c)) continue;
      const s = render(c.templates[rng.index(c.templates.length)], rng);
      if ((body.length ? body.length + 1 : 0) + s.length > MAX_BODY) continue;
      sentenceOf.set(c, spans.length / 6);
      addSentence(s);
    }
    for (let tries = 0; body.length < MIN_BODY && tries < 4; tries++) {
      const f = filler(rng, MAX_BODY - body.length - 1);
      if (f) addSentence(f);
    }
    const sentences = spans.length / 6;

    const passages: SynthPassage[] = [];
    used.length = 0;
    const key = (coder: number, c: CodeInfo, start: number, end: number) => ((coder * 4096 + c.id) * 1024 + start) * 1024 + end;
    const tryAdd = (coder: number, c: CodeInfo, start: number, end: number): boolean => {
      const k = key(coder, c, start, end);
      if (used.includes(k)) return false;
      used.push(k);
      passages.push({ coder, code: c, start, end });
      return true;
    };
    /** Codes `c` on its own sentence if it has one, else on a free span of a random sentence. */
    const place = (coder: number, c: CodeInfo): boolean => {
      const own = sentenceOf.get(c);
      if (own !== undefined && tryAdd(coder, c, spans[own * 6], spans[own * 6 + 1])) return true;
      const total = sentences * 3;
      const first = rng.index(total);
      for (let t = 0; t < total; t++) {
        const j = ((first + t) % total) * 2;
        if (spans[j] >= 0 && tryAdd(coder, c, spans[j], spans[j + 1])) return true;
      }
      return false;
    };
    for (const c of planned) place(0, c);
    for (let tries = 0; passages.length < MIN_PASSAGES && tries < 50; tries++) {
      const di = passageDims[rng.weighted(dimCum)];
      place(0, dims[di].codes[rng.weighted(cum[di])]);
    }
    const articleCodes = ac1.map((code) => ({ coder: 0, code }));

    // Further coders agree with the first most of the time.
    const first = passages.length;
    for (let k = 1; k < world.coders.length; k++) {
      const acK = ac1.map((c) => {
        if (rng.chance(0.9)) return c;
        const d = dims[c.dim];
        if (d.ordinal) {
          // A neighbouring point of the scale, turning back at its ends.
          const step = rng.chance(0.5) ? 1 : -1;
          const j = c.index + step >= 0 && c.index + step < d.codes.length ? c.index + step : c.index - step;
          return d.codes[j];
        }
        return d.codes[(c.index + 1 + rng.index(d.codes.length - 1)) % d.codes.length];
      });
      for (const c of acK) articleCodes.push({ coder: k, code: c });
      let kept = 0;
      for (let p = 0; p < first; p++) {
        const base = passages[p];
        let c = base.code;
        const d = dims[c.dim];
        if (d.scope === "article") {
          // Supporting evidence follows this coder's own article code.
          c = acK[articleDims.indexOf(c.dim)];
          if (c.supporting && tryAdd(k, c, base.start, base.end)) kept++;
          continue;
        }
        const r = rng.float();
        if (r < 0.05 && kept + (first - p - 1) >= MIN_PASSAGES) continue; // left out
        if (r >= 0.05 && r < 0.13) c = d.codes[rng.index(d.codes.length)]; // another code of the dimension
        if (tryAdd(k, c, base.start, base.end) || tryAdd(k, base.code, base.start, base.end)) kept++;
      }
      if (kept < MAX_PASSAGES && rng.chance(0.3)) {
        const di = passageDims[rng.weighted(dimCum)];
        if (place(k, dims[di].codes[rng.weighted(cum[di])])) kept++;
      }
      for (let tries = 0; kept < MIN_PASSAGES && tries < 50; tries++) {
        const di = passageDims[rng.weighted(dimCum)];
        if (place(k, dims[di].codes[rng.weighted(cum[di])])) kept++;
      }
    }

    yield {
      id,
      slug: `synth-${String(id).padStart(7, "0")}`,
      outlet,
      genre,
      date: days[day],
      exact,
      headline: title,
      headlineLabel: gi === 0 ? "Editorial" : gi === 1 ? "Column" : null,
      standfirst: stand,
      byline,
      body,
      contentHash: opts.hash === false ? "" : contentHash({ headline: title, body, captions: [] }),
      passages,
      articleCodes,
      event,
    };
  }
}
