import type { Rng } from "./rng";

/**
 * Sentence templates for synthetic bodies, keyed by code key: a passage coded
 * `russia` is a sentence that blames Moscow, so excerpts read plausibly. All
 * text is plain ASCII, so JavaScript string offsets and PostgreSQL character
 * offsets agree. {S} is an actor starting a sentence, {s} one inside it, {w}
 * a time or place phrase.
 */
const TEMPLATES: Record<string, string[]> = {
  // ties
  security_threat: [
    "{S} warned {w} that the pact between Pyongyang and Moscow " +
      "is a direct threat to the peninsula.",
    "Russian help with missiles and satellites raises the danger to the South, {s} said.",
  ],
  transactional: [
    "{S} called the deal a plain trade of artillery shells for oil, food and hard currency.",
    "Pyongyang sells munitions and Moscow pays in technology, {s} said {w}.",
  ],
  bloc_rivalry: [
    "The treaty revives a Cold War bloc " +
      "that sets Pyongyang and Moscow against Seoul and its allies.",
    "{S} said {w} that the region is splitting into two rival camps.",
  ],
  seoul_policy_consequence: [
    "{S} said Seoul's own choices had pushed Moscow closer to Pyongyang.",
    "Relations with Moscow soured after Seoul sided firmly with Washington, {s} said.",
  ],
  sanctions_erosion: [
    "{S} said {w} that the deal hollows out the UN sanctions on North Korea.",
    "With the monitoring panel gone, no one checks the sanctions any more, {s} said.",
  ],
  limited_significance: [
    "{S} played down the agreement {w}, calling it mostly symbolic.",
    "Little in the treaty is new and its effect will be limited, {s} said.",
  ],
  // remedy
  balanced_diplomacy: [
    "{S} urged Seoul {w} to keep a channel open to Moscow and avoid taking sides.",
    "A steadier, balanced diplomacy would serve Seoul better than confrontation, {s} said.",
  ],
  deterrence_alliance: [
    "{S} called for tighter defence ties with Washington and Tokyo {w}.",
    "Stronger deterrence and more joint drills are the answer, {s} argued.",
  ],
  pressure_on_moscow: [
    "{S} said Seoul should make clear {w} that Moscow will pay a price.",
    "Seoul can press Moscow by holding arms for Kyiv in reserve, {s} said.",
  ],
  china_leverage: [
    "{S} said Beijing is the one power that can restrain both Pyongyang and Moscow.",
    "Seoul should ask Beijing to use its influence, {s} suggested {w}.",
  ],
  multilateral_pressure: [
    "{S} called {w} for a joint response through the UN and the G7.",
    "Only coordinated pressure from many capitals will work, {s} said.",
  ],
  // blame
  russia: [
    "{S} said {w} that Moscow bears the blame for arming Pyongyang.",
    "The Kremlin broke its own pledges on sanctions, {s} said.",
  ],
  north_korea: [
    "{S} blamed Pyongyang {w} for feeding shells into the war.",
    "North Korea is using the war to win weapons technology, {s} said.",
  ],
  seoul_government: [
    "{S} faulted the government {w} for a one-sided diplomacy.",
    "The presidential office misread Moscow and left Seoul exposed, {s} said.",
  ],
  us_west: [
    "{S} said Washington's pressure had pushed the two capitals together.",
    "Western sanctions left Pyongyang and Moscow little to lose, {s} said {w}.",
  ],
  // generic
  conflict: [
    "{S} and Moscow traded sharp warnings {w}.",
    "The exchange of threats deepened the rift between the two sides, {s} said.",
  ],
  responsibility: [
    "{S} said {w} that it is up to the government to repair the damage.",
    "Someone must answer for the failure, {s} said.",
  ],
  economic: [
    "Exports to Russia fell again and firms fear further losses, {s} said {w}.",
    "{S} said the rift could cost Korean companies billions in trade.",
  ],
  human_interest: [
    "Families of workers stranded in Russia are still waiting for news, {s} said.",
    "A veteran of the Korean War said {w} that he fears a new one.",
  ],
  morality: [
    "{S} said that selling weapons to an aggressor is simply wrong.",
    "There is a moral duty to stand with Ukraine, {s} said {w}.",
  ],
  // weapons (article level; these sentences back the article code)
  oppose: [
    "{S} said {w} that Seoul must not send lethal weapons to Ukraine.",
    "Arming Kyiv would drag Seoul into the war, {s} warned.",
  ],
  conditional: [
    "{S} said lethal aid depends on how far Moscow goes with Pyongyang.",
    "Arms for Ukraine stay on the table if the line is crossed, {s} said {w}.",
  ],
  support: [
    "{S} said {w} that Seoul should send arms to Ukraine now.",
    "Supplying Kyiv is the right answer to the treaty, {s} argued.",
  ],
  reported_only: [
    "The government said {w} that it will review arms supplies to Ukraine.",
    "Seoul is weighing whether to supply weapons to Kyiv, {s} said.",
  ],
  // tone_gov (article level)
  critical: [
    "{S} called the government's handling a diplomatic failure.",
    "The government's reckless course has backfired, {s} said {w}.",
  ],
  somewhat_critical: [
    "{S} said {w} that the government should rethink its course.",
    "The steps taken so far raise doubts, {s} said.",
  ],
  neutral: [
    "The presidential office said {w} that it is watching the situation closely.",
    "{S} described the government's steps without judging them.",
  ],
  somewhat_supportive: [
    "{S} said the steps taken so far are broadly right.",
    "The government is on the right track, with caveats, {s} said {w}.",
  ],
  supportive: [
    "{S} praised the government {w} for holding firm.",
    "The government is right to stay the course, {s} said.",
  ],
};

/** Codes whose passages would make no sense as supporting evidence. */
export const NO_SUPPORTING_PASSAGE = new Set(["not_addressed"]);

const FALLBACK = [
  "{S} raised the question of {label} {w}.",
  "The {label} angle came up again, {s} said.",
];

const FILLERS = [
  "Talks are expected to continue.",
  "Officials declined to comment further.",
  "The ministry gave no timeline.",
  "More meetings are planned.",
  "The details were not disclosed.",
  "Reactions were mixed.",
];

const ACTORS = [
  "the presidential office",
  "the foreign ministry",
  "a senior official in Seoul",
  "analysts in Seoul",
  "opposition lawmakers",
  "a former ambassador",
  "the defence ministry",
  "a government spokesman",
  "experts",
  "the ruling party",
  "a diplomat in Tokyo",
  "a researcher in Washington",
  "the unification ministry",
  "a retired general",
];

const WHEN = [
  "on Monday",
  "on Tuesday",
  "on Wednesday",
  "on Thursday",
  "on Friday",
  "this week",
  "in a statement",
  "at a briefing",
  "in an interview",
  "late on Sunday",
  "in parliament",
];

const HEADLINE_SUBJECTS = [
  "Seoul",
  "Moscow",
  "Pyongyang",
  "Yoon",
  "Putin",
  "Kim",
  "Lawmakers",
  "Analysts",
  "Washington",
  "Tokyo",
  "Beijing",
];
const HEADLINE_VERBS = [
  "weighs",
  "warns over",
  "rethinks",
  "doubles down on",
  "questions",
  "signals shift on",
  "defends",
  "plays down",
  "pushes back on",
];
const HEADLINE_OBJECTS = [
  "arms for Ukraine",
  "ties with Moscow",
  "the Pyongyang treaty",
  "sanctions on the North",
  "the alliance with Washington",
  "shell supplies",
  "the summit",
  "a new Cold War",
  "pressure from Beijing",
];
const STANDFIRSTS = [
  "What the new ties mean for Seoul.",
  "The government faces hard choices.",
  "A closer look at a shifting region.",
  "Why the treaty matters, and why it may not.",
];

export interface Template {
  parts: string[]; // literal, slot, literal, slot, ... (slots are "S", "s", "w")
}

function compile(text: string, label: string): Template {
  const parts = text.replace("{label}", label).split(/\{([Ssw])\}/);
  return { parts };
}

/**
 * Plain ASCII (typographic quotes and dashes replaced, anything else non-ASCII dropped), for body
 * text.
 */
export function toAscii(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/[^\x20-\x7E]/g, "");
}

/** The templates of one code: its own, or a generic pair that names its label. */
export function templatesFor(codeKey: string, codeLabel: string): Template[] {
  const label = toAscii(codeLabel).toLowerCase();
  return (TEMPLATES[codeKey] ?? FALLBACK).map((t) => compile(t, label));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function render(t: Template, rng: Rng): string {
  const p = t.parts;
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const slot = p[i];
    const value = slot === "w" ? rng.pick(WHEN) : rng.pick(ACTORS);
    out += (slot === "S" ? capitalise(value) : value) + p[i + 1];
  }
  return out;
}

export function filler(rng: Rng, maxLength: number): string | null {
  const f = rng.pick(FILLERS);
  return f.length <= maxLength ? f : null;
}

export function headline(rng: Rng): string {
  return `${rng.pick(HEADLINE_SUBJECTS)} ${rng.pick(HEADLINE_VERBS)} ${rng.pick(HEADLINE_OBJECTS)}`;
}

export function standfirst(rng: Rng): string {
  return rng.pick(STANDFIRSTS);
}
