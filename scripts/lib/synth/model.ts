import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { contentHash } from "../../../app/lib/ingest/ingest";
import { GENRES, type Genre } from "../../../app/lib/filter-query";
import type { OutletRow } from "../../../app/lib/queries/outlets";
import {
  codebookFile,
  eventsFile,
  type CodebookFile,
  type EventsFile,
} from "../../../app/lib/seed/schemas";
import { cumulate, Rng } from "./rng";
import {
  filler,
  headline,
  NO_SUPPORTING_PASSAGE,
  render,
  standfirst,
  templatesFor,
  toAscii,
  type Template,
} from "./text";

/**
 * The synthetic world: outlets with their own tendencies, the real codebook,
 * the real events, and a generator of articles drawn from them. Everything is
 * decided by the seed, so the same arguments give the same articles, in the
 * same order, every time the generator runs (the loader runs it once per table).
 */

const FIRST_DAY = "2022-07-01";
const LAST_DAY = "2025-06-30";
const MAX_BODY = 400;
const MIN_BODY = 250;
const MIN_PASSAGES = 5;
const MAX_PASSAGES = 20;
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
  /** How coders 2..K code when --agreement is given (see agreement.ts); null: the original model. */
  agreement: AgreementModel | null;
}

/**
 * The agreement model of coders 2..K (scripts/lib/synth/agreement.ts builds it and explains it):
 * per unit, coder 1's value with a copy probability, otherwise an independent draw from the
 * corpus's marginal distribution of coder 1's values for that unit.
 */
export interface AgreementModel {
  /** The agreement level asked for (--agreement). */
  level: number;
  /** Per article-level dimension (in World.articleDims order): the copy probability. */
  articleCopy: number[];
  /** Per article-level dimension (in World.articleDims order): cumulative weights of coder 1's codes. */
  articleCum: Float64Array[];
  /** Per code id of the passage dimensions: the copy probability of its (article, code) units. */
  copy: Float64Array;
  /** Per code id: the share of articles in which coder 1 codes it on at least one passage. */
  presence: Float64Array;
}

export function readCodebook(seedsDir: string): CodebookFile {
  return codebookFile.parse(parseYaml(readFileSync(path.join(seedsDir, "codebook.yaml"), "utf8")));
}

export function readEvents(seedsDir: string): EventsFile {
  return eventsFile.parse(parseYaml(readFileSync(path.join(seedsDir, "events.yaml"), "utf8")));
}

// --- outlets ---------------------------------------------------------------

const OUTLET_KINDS: {
  label: string;
  kind: string;
  count: number;
  volume: number;
  genres: [number, number, number, number];
}[] = [
  // genres: editorial, column, news_analysis, news_report
  {
    label: "Daily",
    kind: "national_daily",
    count: 7,
    volume: 1.2,
    genres: [0.16, 0.14, 0.22, 0.48],
  },
  {
    label: "Business",
    kind: "business_daily",
    count: 2,
    volume: 0.6,
    genres: [0.08, 0.1, 0.32, 0.5],
  },
  { label: "Wire", kind: "wire_agency", count: 2, volume: 1.8, genres: [0.0, 0.0, 0.1, 0.9] },
  {
    label: "Broadcast",
    kind: "broadcaster",
    count: 3,
    volume: 0.8,
    genres: [0.04, 0.05, 0.21, 0.7],
  },
  { label: "Weekly", kind: "magazine", count: 2, volume: 0.3, genres: [0.15, 0.35, 0.45, 0.05] },
  {
    label: "Campus",
    kind: "university_paper",
    count: 2,
    volume: 0.12,
    genres: [0.3, 0.4, 0.1, 0.2],
  },
  {
    label: "Regional",
    kind: "regional_daily",
    count: 2,
    volume: 0.4,
    genres: [0.12, 0.1, 0.18, 0.6],
  },
];
const ORIENTATIONS: (string | null)[] = [
  "progressive",
  "conservative",
  "centrist",
  "conservative",
  null,
];
const LEAN: Record<string, number> = { progressive: -0.9, conservative: 0.8, centrist: 0.1 };
const COUNTRIES: Record<number, string> = { 10: "US", 11: "GB", 14: "JP" };

// --- code tendencies -----------------------------------------------------------

/** How common each code is overall (1 when not listed). */
const BASE_WEIGHT: Record<string, number> = {
  security_threat: 3,
  transactional: 2,
  bloc_rivalry: 2.2,
  seoul_policy_consequence: 1.2,
  sanctions_erosion: 1.2,
  limited_significance: 0.6,
  balanced_diplomacy: 1.5,
  deterrence_alliance: 2,
  pressure_on_moscow: 1.2,
  china_leverage: 0.8,
  multilateral_pressure: 1,
  russia: 2.5,
  north_korea: 2.5,
  seoul_government: 1.2,
  us_west: 0.5,
  conflict: 3,
  responsibility: 1.5,
  economic: 1,
  human_interest: 0.6,
  morality: 0.8,
  oppose: 1.2,
  conditional: 1.5,
  support: 0.8,
  reported_only: 2,
  not_addressed: 1.5,
};
/** How much a conservative (+) or progressive (−) lean raises a code: weight × exp(k × lean). */
const LEAN_EFFECT: Record<string, number> = {
  seoul_government: -0.9,
  seoul_policy_consequence: -0.8,
  balanced_diplomacy: -0.7,
  deterrence_alliance: 0.7,
  north_korea: 0.4,
  oppose: -0.7,
  support: 0.7,
  limited_significance: -0.3,
};
/** From the day of each real event on, some frames become more common. */
const EVENT_EFFECT: Record<string, Record<string, number>> = {
  "camp-david-summit": { deterrence_alliance: 1.4, bloc_rivalry: 1.2 },
  "vostochny-summit": { transactional: 1.6, russia: 1.2 },
  "panel-of-experts-veto": { sanctions_erosion: 2.0 },
  "pyongyang-treaty": { security_threat: 1.5, bloc_rivalry: 1.4 },
  "seoul-reconsiders-arms": {
    pressure_on_moscow: 1.6,
    seoul_policy_consequence: 1.3,
    conditional: 1.8,
  },
};
const PASSAGE_DIM_WEIGHT: Record<string, number> = {
  ties: 0.34,
  generic: 0.26,
  remedy: 0.2,
  blame: 0.2,
};
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
const dayIndex = (iso: string) =>
  Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / DAY_MS);
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const longDate = (iso: string) =>
  `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * The world a seed describes. The random draws happen in a fixed order
 * (outlets, then each outlet's tendencies), so a seed always means the same world.
 */
export function buildWorld(opts: {
  seed: number;
  coders: number;
  codebook: CodebookFile;
  events: EventsFile;
}): World {
  const rng = new Rng(opts.seed ^ 0x2545f491);
  const dims = dimensionsOf(opts.codebook);
  const passageDims = dims.flatMap((d, i) => (d.scope === "passage" ? [i] : []));
  const articleDims = dims.flatMap((d, i) => (d.scope === "article" ? [i] : []));
  if (!passageDims.length) throw new Error("the codebook has no passage-level dimension");
  const { outlets, outletCum, genreCum } = drawOutlets(rng);
  const events = placeEvents(opts.events);
  const { days, dayCum } = calendar(events);
  const { dayEra, eraMultipliers } = eras(events, days.length);
  const { codeCum, dimCum } = drawTendencies(rng, outlets, dims, passageDims, eraMultipliers);
  const coders: SynthCoder[] = Array.from({ length: opts.coders }, (_, i) => ({
    id: i + 1,
    key: `SYN-${i + 1}`,
    name: `Synthetic coder ${i + 1}`,
  }));
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
    outletCum,
    genreCum,
    dayCum,
    dayEra,
    dimCum,
    codeCum,
    agreement: null,
  };
}

/** The codebook's dimensions and codes with the ids the loader will insert them under (1, 2, … in codebook order). */
function dimensionsOf(codebook: CodebookFile): DimensionInfo[] {
  let codeId = 0;
  return codebook.dimensions.map((d, di) => ({
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
}

/** Outlets: fixed names and kinds; lean, volume and genre mix drawn from the seed. */
function drawOutlets(rng: Rng): {
  outlets: SynthOutlet[];
  outletCum: Float64Array;
  genreCum: Float64Array[];
} {
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
        orientationSource:
          orientation &&
          "Synthetic: assigned by the generator for measurement, not an assessment of any real outlet.",
        lean: (orientation ? LEAN[orientation] : 0) + 0.3 * rng.normal(),
      });
      volumes.push(k.volume * (0.6 + 0.8 * rng.float()));
      genreCum.push(cumulate(k.genres.map((g) => g * (0.75 + 0.5 * rng.float()))));
    }
  }
  return { outlets, outletCum: cumulate(volumes), genreCum };
}

/** The real events on the generator's calendar, each with the sentence a linked article states it in. */
function placeEvents(events: EventsFile): SynthEvent[] {
  return events.map((e, i) => ({
    id: i + 1,
    key: e.key,
    date: e.date,
    label: e.label,
    description: e.description ?? null,
    preset: e.preset,
    day: dayIndex(e.date),
    sentence: `Background: ${toAscii(e.label).replace(/\.$/, "")} (${longDate(e.date)}).`,
  }));
}

/** Every day of the range and its share of the articles: a weekly rhythm, a slow rise, bursts around each real event. */
function calendar(events: SynthEvent[]): { days: string[]; dayCum: Float64Array } {
  const nDays = dayIndex(LAST_DAY) + 1;
  const days: string[] = [];
  const dayWeights: number[] = [];
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
  return { days, dayCum: cumulate(dayWeights) };
}

/** Eras: a new one starts on each event day inside the range, and the event's frames stay more common from then on. */
function eras(
  events: SynthEvent[],
  nDays: number,
): { dayEra: Uint8Array; eraMultipliers: Record<string, number>[] } {
  const eraStarts = [
    ...new Set(events.filter((e) => e.day > 0 && e.day < nDays).map((e) => e.day)),
  ].sort((a, b) => a - b);
  const dayEra = new Uint8Array(nDays);
  for (let d = 0, era = 0; d < nDays; d++) {
    while (era < eraStarts.length && eraStarts[era] <= d) era++;
    dayEra[d] = era;
  }
  const eraMultipliers: Record<string, number>[] = [{}];
  for (const start of eraStarts) {
    const m = { ...eraMultipliers[eraMultipliers.length - 1] };
    for (const e of events.filter((x) => x.day === start)) {
      for (const [code, f] of Object.entries(EVENT_EFFECT[e.key] ?? {}))
        m[code] = (m[code] ?? 1) * f;
    }
    eraMultipliers.push(m);
  }
  return { dayEra, eraMultipliers };
}

/** Per outlet: its code weights in every era and dimension, and its passage-dimension weights per genre. */
function drawTendencies(
  rng: Rng,
  outlets: SynthOutlet[],
  dims: DimensionInfo[],
  passageDims: number[],
  eraMultipliers: Record<string, number>[],
): { codeCum: Float64Array[][][]; dimCum: Float64Array[][] } {
  const codeCum: Float64Array[][][] = [];
  const dimCum: Float64Array[][] = [];
  for (const o of outlets) {
    // Each outlet has its own skew over every dimension's codes, so its charts differ from the others'.
    const skew = dims.map((d) => d.codes.map(() => Math.exp(0.55 * rng.normal())));
    codeCum.push(eraMultipliers.map((m) => dims.map((d, di) => codeWeights(o, d, skew[di], m))));
    const dimSkew = passageDims.map(() => 0.7 + 0.6 * rng.float());
    dimCum.push(
      GENRES.map((g) =>
        cumulate(
          passageDims.map(
            (di, j) =>
              (PASSAGE_DIM_WEIGHT[dims[di].key] ?? 0.2) *
              dimSkew[j] *
              (GENRE_DIM_EFFECT[g][dims[di].key] ?? 1),
          ),
        ),
      ),
    );
  }
  return { codeCum, dimCum };
}

/** One outlet's cumulative code weights on one dimension in one era. */
function codeWeights(
  o: SynthOutlet,
  d: DimensionInfo,
  skew: number[],
  era: Record<string, number>,
): Float64Array {
  const wire = o.kind === "wire_agency" || o.kind === "broadcaster";
  if (d.ordinal) {
    // An ordinal scale (tone_gov): centred on the outlet's lean, wires near neutral.
    const centre = wire ? o.lean * 0.3 : o.lean;
    return cumulate(
      d.codes.map(
        (c, ci) => Math.exp(-(((c.value ?? ci) - centre) ** 2) / (2 * 0.8 ** 2)) * skew[ci] ** 0.3,
      ),
    );
  }
  return cumulate(
    d.codes.map((c, ci) => {
      let w =
        (BASE_WEIGHT[c.key] ?? 1) *
        skew[ci] *
        Math.exp((LEAN_EFFECT[c.key] ?? 0) * o.lean) *
        (era[c.key] ?? 1);
      if (wire && c.key === "reported_only") w *= 3;
      return w;
    }),
  );
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
 * The voice of a synthetic passage, from its article's genre alone (no random draw, so
 * the corpus is unchanged): opinion and analysis speak for themselves, reports relay others.
 */
export function synthPassageVoice(genre: Genre): "own" | "reported" {
  return genre === "news_report" ? "reported" : "own";
}

/**
 * Yields articles 1..n. `hash: false` skips the content hash (it draws no
 * random numbers, so the articles are otherwise identical) for passes that do
 * not write the article table. Every step below draws from the one generator
 * in a fixed order: reordering them would change every article after the first.
 */
export function* generateArticles(
  world: World,
  n: number,
  opts: { hash?: boolean } = {},
): Generator<SynthArticle> {
  const rng = new Rng(world.seed);
  // Under the agreement model each further coder draws from a stream of its own, so coder 1's
  // codings are the same whatever the number of coders.
  const coderRngs = world.coders.map(
    (_, k) => new Rng((world.seed * 31 + k * 0x3c6ef372) ^ 0x5851f42d),
  );
  const inRange = world.events.filter((e) => e.day >= 0 && e.day < world.days.length);
  const eventLinks = new Map<SynthEvent, number>();
  for (let id = 1; id <= n; id++) {
    const s = drawSetting(world, rng);
    const firstCodes = world.articleDims.map((di) => world.dims[di].codes[rng.weighted(s.cum[di])]);
    const planned = planPassageCodes(world, rng, s, firstCodes);
    const event = pickEvent(rng, inRange, eventLinks, s.day);
    const body = writeBody(rng, planned, event);
    const placer = new PassagePlacer(rng, body);
    codeAsFirstCoder(world, rng, s, placer, planned);
    const articleCodes = firstCodes.map((code) => ({ coder: 0, code }));
    const firstCount = placer.passages.length;
    for (let k = 1; k < world.coders.length; k++) {
      if (world.agreement) {
        const codes = drawAgreeingArticleCodes(world, world.agreement, coderRngs[k], firstCodes);
        for (const code of codes) articleCodes.push({ coder: k, code });
        codeAsAgreeingCoder(world, world.agreement, coderRngs[k], placer, k, codes, firstCount);
        continue;
      }
      const codes = varyArticleCodes(world, rng, firstCodes);
      for (const code of codes) articleCodes.push({ coder: k, code });
      codeAsFurtherCoder(world, rng, s, placer, k, codes, firstCount);
    }
    yield {
      id,
      slug: `synth-${String(id).padStart(7, "0")}`,
      outlet: s.outlet,
      genre: s.genre,
      date: world.days[s.day],
      exact: s.exact,
      headline: s.headline,
      headlineLabel: s.gi === 0 ? "Editorial" : s.gi === 1 ? "Column" : null,
      standfirst: s.standfirst,
      byline: s.byline,
      body: body.text,
      contentHash:
        opts.hash === false
          ? ""
          : contentHash({ headline: s.headline, body: body.text, captions: [] }),
      passages: placer.passages,
      articleCodes,
      event,
    };
  }
}

/** Where, when and what kind of article: everything decided before its codes. */
interface Setting {
  outlet: SynthOutlet;
  gi: number; // index into GENRES
  genre: Genre;
  day: number; // index into World.days
  cum: Float64Array[]; // the outlet's code weights per dimension in the day's era
  dimCum: Float64Array; // the outlet's passage-dimension weights for the genre
  exact: boolean;
  headline: string;
  standfirst: string | null;
  byline: string | null;
}

function drawSetting(world: World, rng: Rng): Setting {
  const oi = rng.weighted(world.outletCum);
  const gi = rng.weighted(world.genreCum[oi]);
  const day = rng.weighted(world.dayCum);
  const exact = rng.chance(0.93);
  const title = headline(rng);
  const stand = rng.chance(0.4) ? standfirst(rng) : null;
  const byline =
    gi === 0
      ? null
      : gi === 1
        ? `Synthetic Columnist ${String(rng.between(1, 40)).padStart(2, "0")}`
        : `Synthetic Reporter ${String(rng.between(1, 300)).padStart(3, "0")}`;
  return {
    outlet: world.outlets[oi],
    gi,
    genre: GENRES[gi],
    day,
    cum: world.codeCum[oi][world.dayEra[day]],
    dimCum: world.dimCum[oi][gi],
    exact,
    headline: title,
    standfirst: stand,
    byline,
  };
}

/** A code of a passage dimension, as the article's outlet, genre and era make likely. */
function drawPassageCode(world: World, rng: Rng, s: Setting): CodeInfo {
  const di = world.passageDims[rng.weighted(s.dimCum)];
  return world.dims[di].codes[rng.weighted(s.cum[di])];
}

/** What the first coder will code: supporting passages for some article codes, the rest on passage dimensions. */
function planPassageCodes(
  world: World,
  rng: Rng,
  s: Setting,
  articleCodes: CodeInfo[],
): CodeInfo[] {
  const [lo, hi] = PASSAGES_BY_GENRE[s.genre];
  const count = rng.between(lo, hi);
  const planned: CodeInfo[] = [];
  const support = world.articleDims.length ? rng.between(0, 2) : 0;
  for (let i = 0; i < support; i++) {
    const c = articleCodes[rng.index(articleCodes.length)];
    if (c.supporting && !planned.includes(c)) planned.push(c);
  }
  while (planned.length < count) planned.push(drawPassageCode(world, rng, s));
  return planned;
}

/** A real event for a few articles in the days just after it, at most EVENT_LINKS_PER_EVENT each. */
function pickEvent(
  rng: Rng,
  inRange: SynthEvent[],
  links: Map<SynthEvent, number>,
  day: number,
): SynthEvent | null {
  for (const e of inRange) {
    if (
      day >= e.day &&
      day <= e.day + 2 &&
      (links.get(e) ?? 0) < EVENT_LINKS_PER_EVENT &&
      rng.chance(0.3)
    ) {
      links.set(e, (links.get(e) ?? 0) + 1);
      return e;
    }
  }
  return null;
}

/** An article body and where its passages can go. */
interface Body {
  text: string;
  /** Per sentence, three [start, end) spans: the sentence and its two halves; -1 when it has no halves. */
  spans: number[];
  /** The sentence written for a planned code, so that code is placed on it. */
  sentenceOf: Map<CodeInfo, number>;
}

/** The event sentence (if any), then one sentence per planned code up to a drawn length, then filler up to MIN_BODY. */
function writeBody(rng: Rng, planned: CodeInfo[], event: SynthEvent | null): Body {
  const body: Body = { text: "", spans: [], sentenceOf: new Map() };
  const target = rng.between(MIN_BODY, MAX_BODY);
  if (event) addSentence(body, event.sentence);
  for (const c of planned) {
    if (body.text.length >= target) break;
    if (body.sentenceOf.has(c)) continue;
    const s = render(c.templates[rng.index(c.templates.length)], rng);
    if ((body.text.length ? body.text.length + 1 : 0) + s.length > MAX_BODY) continue;
    body.sentenceOf.set(c, body.spans.length / 6);
    addSentence(body, s);
  }
  for (let tries = 0; body.text.length < MIN_BODY && tries < 4; tries++) {
    const f = filler(rng, MAX_BODY - body.text.length - 1);
    if (f) addSentence(body, f);
  }
  return body;
}

/** Appends a sentence and its spans; the halves split at a comma, else at the middle space. */
function addSentence(body: Body, s: string): void {
  const start = body.text.length === 0 ? 0 : body.text.length + 1;
  body.text = body.text.length === 0 ? s : `${body.text} ${s}`;
  const end = start + s.length;
  const comma = s.indexOf(", ");
  if (comma > 15 && comma < s.length - 15)
    body.spans.push(start, end, start, start + comma, start + comma + 2, end);
  else {
    const mid = s.lastIndexOf(" ", s.length >> 1);
    if (mid > 12) body.spans.push(start, end, start, start + mid, start + mid + 1, end);
    else body.spans.push(start, end, -1, -1, -1, -1);
  }
}

/** Collects an article's passages; one coder never gives the same span the same code twice. */
class PassagePlacer {
  readonly passages: SynthPassage[] = [];
  private readonly used: number[] = []; // keys of (coder, code, start, end) already coded

  constructor(
    private readonly rng: Rng,
    private readonly body: Body,
  ) {}

  tryAdd(coder: number, c: CodeInfo, start: number, end: number): boolean {
    const k = ((coder * 4096 + c.id) * 1024 + start) * 1024 + end;
    if (this.used.includes(k)) return false;
    this.used.push(k);
    this.passages.push({ coder, code: c, start, end });
    return true;
  }

  /**
   * Codes `c` on its own sentence if it has one, else on a free span of a random sentence
   * (drawn from `rng`, by default the article generator's).
   */
  place(coder: number, c: CodeInfo, rng: Rng = this.rng): boolean {
    const { spans, sentenceOf } = this.body;
    const own = sentenceOf.get(c);
    if (own !== undefined && this.tryAdd(coder, c, spans[own * 6], spans[own * 6 + 1])) return true;
    const total = (spans.length / 6) * 3;
    const first = rng.index(total);
    for (let t = 0; t < total; t++) {
      const j = ((first + t) % total) * 2;
      if (spans[j] >= 0 && this.tryAdd(coder, c, spans[j], spans[j + 1])) return true;
    }
    return false;
  }
}

/** The first coder codes every planned code, then more until the article has MIN_PASSAGES. */
function codeAsFirstCoder(
  world: World,
  rng: Rng,
  s: Setting,
  placer: PassagePlacer,
  planned: CodeInfo[],
): void {
  for (const c of planned) placer.place(0, c);
  for (let tries = 0; placer.passages.length < MIN_PASSAGES && tries < 50; tries++)
    placer.place(0, drawPassageCode(world, rng, s));
}

/** A further coder's article codes: the first coder's, but one in ten differs (on a scale, by one step). */
function varyArticleCodes(world: World, rng: Rng, firstCodes: CodeInfo[]): CodeInfo[] {
  return firstCodes.map((c) => {
    if (rng.chance(0.9)) return c;
    const d = world.dims[c.dim];
    if (d.ordinal) {
      // A neighbouring point of the scale, turning back at its ends.
      const step = rng.chance(0.5) ? 1 : -1;
      const j =
        c.index + step >= 0 && c.index + step < d.codes.length ? c.index + step : c.index - step;
      return d.codes[j];
    }
    return d.codes[(c.index + 1 + rng.index(d.codes.length - 1)) % d.codes.length];
  });
}

/**
 * Coder `k` goes over the first coder's `firstCount` passages: mostly the same
 * code, sometimes another code of the dimension or none, then perhaps one
 * passage of its own, then more until it has MIN_PASSAGES.
 */
function codeAsFurtherCoder(
  world: World,
  rng: Rng,
  s: Setting,
  placer: PassagePlacer,
  k: number,
  articleCodes: CodeInfo[],
  firstCount: number,
): void {
  const { passages } = placer;
  let kept = 0;
  for (let p = 0; p < firstCount; p++) {
    const base = passages[p];
    let c = base.code;
    const d = world.dims[c.dim];
    if (d.scope === "article") {
      // Supporting evidence follows this coder's own article code.
      c = articleCodes[world.articleDims.indexOf(c.dim)];
      if (c.supporting && placer.tryAdd(k, c, base.start, base.end)) kept++;
      continue;
    }
    const r = rng.float();
    if (r < 0.05 && kept + (firstCount - p - 1) >= MIN_PASSAGES) continue; // left out
    if (r >= 0.05 && r < 0.13) c = d.codes[rng.index(d.codes.length)]; // another code of the dimension
    if (
      placer.tryAdd(k, c, base.start, base.end) ||
      placer.tryAdd(k, base.code, base.start, base.end)
    )
      kept++;
  }
  if (kept < MAX_PASSAGES && rng.chance(0.3) && placer.place(k, drawPassageCode(world, rng, s)))
    kept++;
  for (let tries = 0; kept < MIN_PASSAGES && tries < 50; tries++) {
    if (placer.place(k, drawPassageCode(world, rng, s))) kept++;
  }
}

// --- the agreement model (--agreement P) -------------------------------------------

/** A further coder's article codes: per dimension, coder 1's code with the copy probability, else a draw from coder 1's marginal. */
function drawAgreeingArticleCodes(
  world: World,
  model: AgreementModel,
  rng: Rng,
  firstCodes: CodeInfo[],
): CodeInfo[] {
  return firstCodes.map((c, j) => {
    const copy = rng.float() < model.articleCopy[j];
    const drawn = world.dims[c.dim].codes[rng.weighted(model.articleCum[j])];
    return copy ? c : drawn;
  });
}

/**
 * Coder `k`'s passages under the agreement model. Each unit of agreement, i.e. each (article,
 * code) of the passage dimensions, present or absent, takes coder 1's value with the code's copy
 * probability: a copied present code copies every passage coder 1 gave it, spans included. Otherwise the value
 * is an independent draw, present with the code's corpus-wide share of articles: a drawn present
 * code gets one passage of this coder's own (on the sentence written for the code if the article
 * has one, else on a random free span), a drawn absent code drops coder 1's passages of it.
 * Supporting passages of weapons and tone_gov follow this coder's own article codes, on coder
 * 1's spans. The copy decision and the independent draw are made for every unit, from this
 * coder's own random stream.
 */
function codeAsAgreeingCoder(
  world: World,
  model: AgreementModel,
  rng: Rng,
  placer: PassagePlacer,
  k: number,
  articleCodes: CodeInfo[],
  firstCount: number,
): void {
  const first = placer.passages.slice(0, firstCount);
  for (const base of first) {
    if (world.dims[base.code.dim].scope !== "article") continue;
    const c = articleCodes[world.articleDims.indexOf(base.code.dim)];
    if (c.supporting) placer.tryAdd(k, c, base.start, base.end);
  }
  for (const di of world.passageDims) {
    for (const c of world.dims[di].codes) {
      const copy = rng.float() < model.copy[c.id];
      const drawnPresent = rng.float() < model.presence[c.id];
      const own = first.filter((p) => p.code === c);
      if (copy) {
        for (const p of own) placer.tryAdd(k, c, p.start, p.end);
      } else if (drawnPresent) {
        placer.place(k, c, rng);
      }
    }
  }
}
