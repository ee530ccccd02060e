import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import {
  CODING_BASE_URL as BASE,
  codingSql,
  createAccount,
  tokenContext,
  uniqueCoderKey,
} from "./accounts";

/*
 * Two coders code the same four articles through the coding API, from a labelled fixture, and
 * mark them done. The dashboard's badges and /agreement must then show exactly the alpha this
 * spec computes itself from the codings it made (a coincidence matrix, written out below, with
 * nothing imported from the app), and a further write must show at the next request.
 */

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const OUTLET = `agreement-${run}`;

/** Phrases of every fixture article that passages are coded on. */
const S = {
  pact: "Moscow and Pyongyang signed a treaty",
  answer: "Seoul must answer with patient diplomacy",
  blame: "Russia bears the blame for the arms trade",
  trade: "The pact hurts trade across the region",
} as const;
type Phrase = keyof typeof S;

const PAGE = (n: number) =>
  `Agreement fixture ${run} ${n}: Seoul weighs the pact\nBy A. Reporter\n\n` +
  `${S.pact} on June 19, 2024. ${S.answer}. ${S.blame}. ${S.trade}. ` +
  `${"Analysts in Seoul disagree about what follows. ".repeat(12)}Fixture ${run} ${n}.`;

interface Coding {
  passages: [dimension: string, code: string, at: Phrase][];
  weapons: string;
  tone_gov: string;
}

/** The labelled fixture: what coders A and B code in each article (they disagree now and then). */
const FIXTURE: { a: Coding; b: Coding }[] = [
  {
    a: {
      passages: [
        ["ties", "security_threat", "pact"],
        ["remedy", "balanced_diplomacy", "answer"],
        ["blame", "russia", "blame"],
        ["generic", "conflict", "pact"],
      ],
      weapons: "oppose",
      tone_gov: "critical",
    },
    b: {
      passages: [
        ["ties", "security_threat", "pact"],
        ["remedy", "balanced_diplomacy", "answer"],
        ["blame", "russia", "blame"],
        ["generic", "economic", "trade"],
      ],
      weapons: "oppose",
      tone_gov: "somewhat_critical",
    },
  },
  {
    a: {
      passages: [
        ["ties", "transactional", "pact"],
        ["blame", "north_korea", "blame"],
        ["generic", "conflict", "pact"],
      ],
      weapons: "conditional",
      tone_gov: "neutral",
    },
    b: {
      passages: [
        ["ties", "transactional", "pact"],
        ["ties", "security_threat", "trade"],
        ["blame", "north_korea", "blame"],
      ],
      weapons: "conditional",
      tone_gov: "neutral",
    },
  },
  {
    a: {
      passages: [
        ["ties", "bloc_rivalry", "pact"],
        ["remedy", "deterrence_alliance", "answer"],
      ],
      weapons: "support",
      tone_gov: "supportive",
    },
    b: {
      passages: [
        ["ties", "bloc_rivalry", "pact"],
        ["remedy", "deterrence_alliance", "answer"],
        ["blame", "russia", "blame"],
      ],
      weapons: "oppose",
      tone_gov: "somewhat_supportive",
    },
  },
  {
    a: {
      passages: [
        ["ties", "security_threat", "pact"],
        ["generic", "economic", "trade"],
      ],
      weapons: "not_addressed",
      tone_gov: "critical",
    },
    b: {
      passages: [
        ["ties", "security_threat", "pact"],
        ["generic", "economic", "trade"],
        ["generic", "conflict", "pact"],
      ],
      weapons: "not_addressed",
      tone_gov: "critical",
    },
  },
];

/* ---------------------------------------------------------------------------------------------
 * Krippendorff's alpha, computed the textbook way (Krippendorff 2011): values per unit, the
 * coincidence matrix o_ck = Σ_u Σ_{i≠j} [v_ui = c][v_uj = k] / (m_u − 1) over pairable units,
 * n_c its margins, and α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 * ------------------------------------------------------------------------------------------- */

type Delta = (c: number, k: number, margins: Map<number, number>) => number;

const nominal: Delta = (c, k) => (c === k ? 0 : 1);

/** The ordinal metric: (Σ_{g from c to k} n_g − (n_c + n_k) / 2)², on ranks. */
const ordinal: Delta = (c, k, margins) => {
  if (c === k) return 0;
  const [lo, hi] = c < k ? [c, k] : [k, c];
  let sum = 0;
  for (const [g, n] of margins) if (g >= lo && g <= hi) sum += n;
  const d = sum - ((margins.get(c) ?? 0) + (margins.get(k) ?? 0)) / 2;
  return d * d;
};

interface Expected {
  alpha: number | null;
  units: number;
  pairable: number;
}

function alphaOf(units: number[][], delta: Delta): Expected {
  const pairable = units.filter((u) => u.length >= 2);
  const o = new Map<string, number>();
  for (const u of pairable)
    for (let i = 0; i < u.length; i++)
      for (let j = 0; j < u.length; j++) {
        if (i === j) continue;
        const key = `${u[i]}|${u[j]}`;
        o.set(key, (o.get(key) ?? 0) + 1 / (u.length - 1));
      }
  const margins = new Map<number, number>();
  for (const [key, v] of o) {
    const c = Number(key.split("|")[0]);
    margins.set(c, (margins.get(c) ?? 0) + v);
  }
  const n = [...margins.values()].reduce((s, x) => s + x, 0);
  let observed = 0;
  for (const [key, v] of o) {
    const [c, k] = key.split("|").map(Number);
    observed += v * delta(c, k, margins);
  }
  let expected = 0;
  for (const [c, nc] of margins)
    for (const [k, nk] of margins) expected += nc * nk * delta(c, k, margins);
  const base = { units: pairable.length, pairable: Math.round(n) };
  if (n < 2 || expected === 0) return { alpha: null, ...base };
  return { alpha: 1 - ((n - 1) * observed) / expected, ...base };
}

/* ---------------------------------------------------------------------------------------------
 * Krippendorff's (2004) unitizing alpha for two observers, straight from its definition: per
 * category, each observer's continuum is cut into sections (units of the category and the gaps
 * between them, a gap never crossing from one article into the next); D_o sums δ² over every pair
 * of sections of different observers, D_e compares every unit with every unit and gap.
 * ------------------------------------------------------------------------------------------- */

interface Section {
  b: number;
  l: number;
  unit: boolean;
}

/** Units as [start, end) on the continuum, merged where they overlap or touch, with the gaps. */
function sectionsOf(units: [number, number][], boundaries: number[]): Section[] {
  const sorted = [...units].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [b, e] of sorted) {
    const last = merged.at(-1);
    if (last && b <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([b, e]);
  }
  const out: Section[] = [];
  for (let s = 0; s + 1 < boundaries.length; s++) {
    const [lo, hi] = [boundaries[s], boundaries[s + 1]];
    let at = lo;
    for (const [b, e] of merged.filter(([b]) => b >= lo && b < hi)) {
      if (b > at) out.push({ b: at, l: b - at, unit: false });
      out.push({ b, l: e - b, unit: true });
      at = e;
    }
    if (hi > at) out.push({ b: at, l: hi - at, unit: false });
  }
  return out;
}

function unitDelta(g: Section, h: Section): number {
  const d = g.b - h.b;
  if (g.unit && h.unit && -g.l < d && d < h.l) return d * d + (g.b + g.l - h.b - h.l) ** 2;
  if (g.unit && !h.unit && h.l - g.l >= d && d >= 0) return g.l * g.l;
  if (!g.unit && h.unit && g.l - h.l >= -d && -d >= 0) return h.l * h.l;
  return 0;
}

/** D_o and D_e of one category for two observers on a continuum of length L. */
function unitizingTerms(
  a: Section[],
  b: Section[],
  L: number,
): { observed: number; expected: number } {
  let observed = 0;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ])
    for (const g of x) for (const h of y) observed += unitDelta(g, h);
  observed /= 2 * L * L;
  const all = [...a, ...b];
  const units = all.filter((s) => s.unit);
  let sum = 0;
  for (const g of units) {
    const l = g.l;
    let gaps = 0;
    for (const h of all) if (!h.unit && h.l >= l) gaps += h.l - l + 1;
    sum += ((units.length - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l * l * gaps;
  }
  const denominator = 2 * L * (2 * L - 1) - units.reduce((t, g) => t + g.l * (g.l - 1), 0);
  return { observed, expected: ((2 / L) * sum) / denominator };
}

/** uα of a dimension, overall and per code, over articles whose bodies have these lengths. */
function unitizingOf(
  dimension: string,
  codes: string[],
  codings: { a: Coding; b: Coding }[],
  bodies: string[],
): { alpha: number | null; categories: Record<string, number | null> } {
  const offsets = [0];
  for (const body of bodies) offsets.push((offsets.at(-1) ?? 0) + body.length);
  const L = offsets.at(-1) ?? 0;
  const spans = (who: "a" | "b", code: string): [number, number][] =>
    codings.flatMap((x, i) =>
      x[who].passages
        .filter(([d, k]) => d === dimension && k === code)
        .map(([, , at]): [number, number] => {
          const start = offsets[i] + bodies[i].indexOf(S[at]);
          return [start, start + S[at].length];
        }),
    );
  let observed = 0;
  let expected = 0;
  const categories: Record<string, number | null> = {};
  for (const code of codes) {
    const t = unitizingTerms(
      sectionsOf(spans("a", code), offsets),
      sectionsOf(spans("b", code), offsets),
      L,
    );
    observed += t.observed;
    expected += t.expected;
    categories[code] = t.expected > 0 ? 1 - t.observed / t.expected : null;
  }
  return { alpha: expected > 0 ? 1 - observed / expected : null, categories };
}

interface Codebook {
  dimensions: { key: string; scope: "passage" | "article"; codes: { key: string }[] }[];
}

/** Every dimension's expected alpha, and each many-valued code's, from the codings as made. */
function expectedAlphas(codebook: Codebook, codings: { a: Coding; b: Coding }[], bodies: string[]) {
  const out: Record<
    string,
    Expected & {
      categories: Record<string, number | null>;
      unitizing?: ReturnType<typeof unitizingOf>;
    }
  > = {};
  for (const d of codebook.dimensions) {
    const codes = d.codes.map((c) => c.key);
    if (d.scope === "passage") {
      const has = (c: Coding, code: string) =>
        c.passages.some(([dim, k]) => dim === d.key && k === code) ? 1 : 0;
      const unitsOf = (only?: string) =>
        codings.flatMap((x) =>
          codes
            .filter((code) => !only || code === only)
            .map((code) => [has(x.a, code), has(x.b, code)]),
        );
      const categories = Object.fromEntries(
        codes.map((code) => [code, alphaOf(unitsOf(code), nominal).alpha]),
      );
      out[d.key] = {
        ...alphaOf(unitsOf(), nominal),
        categories,
        unitizing: unitizingOf(d.key, codes, codings, bodies),
      };
    } else {
      const rank = (code: string) => codes.indexOf(code);
      const value = (c: Coding) => rank(d.key === "weapons" ? c.weapons : c.tone_gov);
      const units = codings.map((x) => [value(x.a), value(x.b)]);
      out[d.key] = {
        ...alphaOf(units, d.key === "tone_gov" ? ordinal : nominal),
        categories: {},
      };
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------- */

interface Setup {
  aKey: string;
  bKey: string;
  a: APIRequestContext;
  b: APIRequestContext;
  slugs: string[];
  /** Each coder's current version per article. */
  versions: Record<string, number>;
  codebook: Codebook;
  /** The articles' bodies as stored, in fixture order. */
  bodies: string[];
}
const fx = {} as Setup;

async function codePassage(
  who: "a" | "b",
  index: number,
  [dimension, code, at]: [string, string, Phrase],
) {
  const slug = fx.slugs[index];
  const [{ body }] = await codingSql<{ body: string }>("SELECT body FROM article WHERE slug = $1", [
    slug,
  ]);
  const start = body.indexOf(S[at]);
  expect(start, `${S[at]} in ${slug}`).toBeGreaterThanOrEqual(0);
  const vkey = `${who}:${slug}`;
  const res = await fx[who].post(`/api/v1/articles/${slug}/passages`, {
    data: {
      dimension,
      code,
      start,
      end: start + S[at].length,
      voice: "own",
      note: `${who.toUpperCase()}: ${code}`,
      baseVersion: fx.versions[vkey] ?? 0,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  fx.versions[vkey] = (await res.json()).version;
}

async function codeArticle(who: "a" | "b", index: number, coding: Coding) {
  const slug = fx.slugs[index];
  for (const p of coding.passages) await codePassage(who, index, p);
  const vkey = `${who}:${slug}`;
  const put = await fx[who].put(`/api/v1/articles/${slug}/article-codes`, {
    data: {
      weapons: { code: coding.weapons },
      tone_gov: { code: coding.tone_gov },
      baseVersion: fx.versions[vkey] ?? 0,
    },
  });
  expect(put.status(), await put.text()).toBe(200);
  fx.versions[vkey] = (await put.json()).version;
  const done = await fx[who].post(`/api/v1/articles/${slug}/done`, {
    data: { baseVersion: fx.versions[vkey] },
  });
  expect(done.status(), await done.text()).toBe(200);
  fx.versions[vkey] = (await done.json()).version;
}

/** Reads every badge of the dashboard for the fixture's outlet (the coder filter shows A's charts). */
async function badges(page: Page): Promise<Record<string, string>> {
  await page.goto(`/?outlets=${OUTLET}&coder=${fx.aKey}`);
  const badge = page.getByTestId("agreement-badge");
  await expect(badge.first()).toBeVisible();
  await expect(page.getByTestId("agreement-badge-pending")).toHaveCount(0);
  const rows = await badge.evaluateAll((els) =>
    els.map((e) => [e.getAttribute("data-dimension") ?? "", e.getAttribute("data-alpha") ?? ""]),
  );
  const out: Record<string, string> = {};
  for (const [dimension, alpha] of rows) {
    // A dimension charted twice (weapons) must show the same alpha on both charts.
    if (dimension in out) expect(alpha, dimension).toBe(out[dimension]);
    out[dimension] = alpha;
  }
  return out;
}

function expectAlpha(actual: string | null, expected: number | null, what: string) {
  if (expected === null) expect(actual, what).toBe("");
  else expect(Number(actual), what).toBeCloseTo(expected, 10);
}

test("the spec's own uα gives Krippendorff's (2004, p. 254) published values", () => {
  // The continuum 150–450; units as [start, end).
  const c0 = sectionsOf(
    [
      [225, 295],
      [370, 400],
    ],
    [150, 450],
  );
  const c1 = sectionsOf(
    [
      [220, 300],
      [355, 375],
      [400, 420],
    ],
    [150, 450],
  );
  const k0 = sectionsOf(
    [
      [180, 240],
      [300, 350],
    ],
    [150, 450],
  );
  const k1 = sectionsOf(
    [
      [180, 240],
      [300, 350],
    ],
    [150, 450],
  );
  const c = unitizingTerms(c0, c1, 300);
  const k = unitizingTerms(k0, k1, 300);
  expect(c.observed).toBeCloseTo(0.0144, 4);
  expect(c.expected).toBeCloseTo(0.0532, 4);
  expect(1 - c.observed / c.expected).toBeCloseTo(0.7286, 4);
  expect(1 - k.observed / k.expected).toBe(1);
  // 0.8591 is computed from the rounded D_o and D_e the book prints; unrounded it is 0.8587.
  expect(1 - (c.observed + k.observed) / (c.expected + k.expected)).toBeCloseTo(0.8591, 3);
});

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fx.aKey = uniqueCoderKey("AG-A");
  fx.bKey = uniqueCoderKey("AG-B");
  const [adminEmail, aEmail, bEmail] = await Promise.all([
    createAccount({ who: "agreement-admin", role: "admin", coderKey: uniqueCoderKey("AG-ADM") }),
    createAccount({ who: "agreement-a", role: "coder", coderKey: fx.aKey }),
    createAccount({ who: "agreement-b", role: "coder", coderKey: fx.bKey }),
  ]);
  const [admin, a, b] = await Promise.all([
    tokenContext(adminEmail),
    tokenContext(aEmail),
    tokenContext(bEmail),
  ]);
  fx.a = a;
  fx.b = b;
  fx.versions = {};
  fx.slugs = [];
  for (let i = 0; i < FIXTURE.length; i++) {
    const res = await admin.post("/api/v1/articles", {
      data: {
        source: PAGE(i),
        filename: `agreement-${i}.txt`,
        ...(i === 0
          ? {
              newOutlet: {
                slug: OUTLET,
                name: `Agreement Fixture ${run}`,
                shortName: `AF ${run}`,
                country: "KR",
                language: "en",
                kind: "national_daily",
              },
            }
          : { outlet: OUTLET }),
        genre: "editorial",
        language: "en",
        published: {
          date: `2024-07-0${i + 1}`,
          precision: "inferred",
          reason: "agreement fixture",
        },
        assign: [fx.aKey, fx.bKey],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    fx.slugs.push((await res.json()).slug);
  }
  fx.codebook = (await (await admin.get("/api/v1/codebook")).json()) as Codebook;
  fx.bodies = [];
  for (const slug of fx.slugs) {
    const [{ body }] = await codingSql<{ body: string }>(
      "SELECT body FROM article WHERE slug = $1",
      [slug],
    );
    fx.bodies.push(body);
  }
  await admin.dispose();
});

test.afterAll(async () => {
  await Promise.all([fx.a?.dispose(), fx.b?.dispose()]);
});

test("before the second coder is done, /agreement gives the reason instead of a number", async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (let i = 0; i < FIXTURE.length; i++) await codeArticle("a", i, FIXTURE[i].a);
  // B has not finished: the codings are not public yet, so no article is paired.
  await page.goto(`/agreement?outlets=${OUTLET}`);
  await expect(page.getByTestId("agreement-empty")).toBeVisible();
  await expect(page.getByTestId("agreement-row").first()).toHaveAttribute("data-alpha", "");
});

test("with both coders done, every badge and /agreement equal an independent computation", async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (let i = 0; i < FIXTURE.length; i++) await codeArticle("b", i, FIXTURE[i].b);
  const expected = expectedAlphas(fx.codebook, FIXTURE, fx.bodies);
  // The fixture has variation in every dimension and disagreement in all but remedy.
  for (const [dimension, e] of Object.entries(expected)) {
    expect(e.alpha, dimension).not.toBeNull();
    expect(e.alpha as number, dimension).toBeLessThanOrEqual(1);
  }
  expect(expected.remedy.alpha).toBe(1);

  const shown = await badges(page);
  expect(Object.keys(shown).sort()).toEqual(Object.keys(expected).sort());
  for (const [dimension, e] of Object.entries(expected))
    expectAlpha(shown[dimension], e.alpha, `badge ${dimension}`);
  const ties = page.locator('figure[data-chart="ties-by-outlet"]').getByTestId("agreement-badge");
  await expect(ties).toContainText(`· ${expected.ties.units} units · 4 articles ·`);
  await expect(ties).toContainText(/α = −?\d\.\d\d \[−?\d\.\d\d, −?\d\.\d\d\]/);
  // A badge with numbers fits the line reserved for it too, so its arrival shifts nothing.
  for (const width of [1440, 1024, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    await expect(page.getByTestId("agreement-badge-pending")).toHaveCount(0);
    const over = await page
      .getByTestId("agreement-badge")
      .evaluateAll((els) =>
        els
          .filter(
            (e) =>
              e.getBoundingClientRect().height >
              Number.parseFloat(getComputedStyle(e).minHeight) + 0.5,
          )
          .map((e) => e.textContent),
      );
    expect(over, `at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto(`/agreement?outlets=${OUTLET}`);
  await expect(page.getByTestId("agreement-empty")).toHaveCount(0);
  for (const [dimension, e] of Object.entries(expected)) {
    const section = page.locator(`section[id="${dimension}"]`);
    const row = section.getByTestId("agreement-row").first();
    expectAlpha(await row.getAttribute("data-alpha"), e.alpha, `/agreement ${dimension}`);
    await expect(row, dimension).toHaveAttribute("data-units", String(e.units));
    await expect(row, dimension).toHaveAttribute("data-pairable", String(e.pairable));
    await expect(row, dimension).toHaveAttribute("data-articles", "4");
    for (const [code, alpha] of Object.entries(e.categories)) {
      const cell = section.locator(`tr[data-code="${code}"] td`).first();
      expectAlpha(await cell.getAttribute("data-alpha"), alpha, `${dimension}/${code}`);
    }
    if (e.unitizing) {
      expectAlpha(await row.getAttribute("data-ualpha"), e.unitizing.alpha, `uα ${dimension}`);
      for (const [code, alpha] of Object.entries(e.unitizing.categories)) {
        const cell = section.locator(`tr[data-code="${code}"] td`).nth(1);
        expectAlpha(await cell.getAttribute("data-alpha"), alpha, `uα ${dimension}/${code}`);
      }
    }
  }

  // The disagreements, side by side: every fixture article has at least one.
  const list = page.getByTestId("disagreements");
  await expect(list).toHaveAttribute("data-total", "4");
  await expect(list.getByTestId("disagreement-article")).toHaveCount(4);
  const first = list.locator(`[data-slug="${fx.slugs[0]}"]`);
  await expect(first.getByRole("link").first()).toHaveAttribute("href", `/articles/${fx.slugs[0]}`);
  const generic = first.getByTestId("disagreement").filter({ hasText: "Generic" });
  await expect(generic.first()).toBeVisible();
  await expect(first.getByText(S.trade).first()).toBeVisible();
  await expect(first.getByText(`B: economic`)).toBeVisible();

  // The pair chosen in the URL sets the sides.
  await page.goto(`/agreement?outlets=${OUTLET}&pair=${fx.bKey},${fx.aKey}`);
  await expect(page.getByTestId("param-notice")).toHaveCount(0);
  await expect(page.locator("#disagreements-title")).toHaveText(
    `Disagreements: ${fx.bKey} and ${fx.aKey}`,
  );
  // With figures, pairs and disagreements on it, the page is as accessible as the others.
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
});

test("another write shows in the badge at the next request", async ({ page }) => {
  const before = await badges(page);
  // B, already done, adds a remedy passage to the last article: the write drops the cache.
  const extra: [string, string, Phrase] = ["remedy", "pressure_on_moscow", "answer"];
  await codePassage("b", 3, extra);
  const codings = FIXTURE.map((x, i) =>
    i === 3 ? { ...x, b: { ...x.b, passages: [...x.b.passages, extra] } } : x,
  );
  const expected = expectedAlphas(fx.codebook, codings, fx.bodies);
  expect(Number(before.remedy)).toBe(1);
  expect(expected.remedy.alpha as number).toBeLessThan(1);
  const after = await badges(page);
  for (const [dimension, e] of Object.entries(expected))
    expectAlpha(after[dimension], e.alpha, `badge ${dimension} after the write`);
});
