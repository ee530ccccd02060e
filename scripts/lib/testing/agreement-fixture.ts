import type { Actor } from "../../../app/lib/auth/actor";
import { setArticleCodes } from "../../../app/lib/coding/article-codes";
import { assignCoder } from "../../../app/lib/coding/assignments";
import { markDone } from "../../../app/lib/coding/done";
import { addPassage } from "../../../app/lib/coding/passages";
import { articleCodesInput, passageInput } from "../../../app/lib/coding/schemas";
import { getDb } from "../../../app/lib/db";

/*
 * A clearly synthetic second coder, FIXTURE-B, for agreement tests: it codes four seed articles
 * through the coding service (assignment, passages, article codes, done), partly as FS-1 did and
 * partly not, so every measure has something to measure.
 */

export const FIXTURE_CODER = "FIXTURE-B";
export const MANY_VALUED = ["ties", "remedy", "blame", "generic"];

export interface FixturePassage {
  dimension: string;
  code: string;
  start: number;
  end: number;
}

export interface FixtureCoding {
  weapons: string;
  tone_gov: string;
  /** FIXTURE-B's passages, made from FS-1's many-valued ones on the same article. */
  passages: (fs1: FixturePassage[]) => FixturePassage[];
}

/**
 * Weapons: agree, agree, agree, oppose vs conditional (FS-1 first). Tone: agree, somewhat
 * critical vs critical, agree, agree. Passages: all copied; half dropped and the rest cut short;
 * ties codes swapped; one dropped and overlapping or touching spans of one code added.
 */
export const FIXTURE_CODINGS: Record<string, FixtureCoding> = {
  "hankyoreh-tact-and-diplomacy": {
    weapons: "oppose",
    tone_gov: "somewhat_critical",
    passages: (fs1) => fs1,
  },
  "hankyoreh-dangerous-game": {
    weapons: "oppose",
    tone_gov: "critical",
    passages: (fs1) =>
      fs1
        .filter((_, i) => i % 2 === 0)
        .map((p) => ({ ...p, end: Math.max(p.start + 1, p.end - 5) })),
  },
  "joongang-putin-wrong-signal": {
    weapons: "not_addressed",
    tone_gov: "neutral",
    passages: (fs1) =>
      fs1.map((p) =>
        p.dimension !== "ties"
          ? p
          : { ...p, code: p.code === "transactional" ? "security_threat" : "transactional" },
      ),
  },
  "joongang-manage-korea-russia-relations": {
    weapons: "conditional",
    tone_gov: "somewhat_critical",
    passages: (fs1) => [
      ...fs1.slice(1),
      { dimension: "blame", code: "russia", start: 0, end: 40 },
      { dimension: "generic", code: "economic", start: 10, end: 30 },
      { dimension: "generic", code: "economic", start: 25, end: 60 },
      { dimension: "generic", code: "economic", start: 60, end: 70 },
    ],
  },
};

/** FS-1's passages of the many-valued dimensions on an article, in offset order. */
export async function fs1Passages(slug: string): Promise<FixturePassage[]> {
  const rows = await getDb().passageCode.findMany({
    where: {
      article: { slug },
      coder: { key: "FS-1" },
      code: { dimension: { key: { in: MANY_VALUED } } },
    },
    select: { start: true, end: true, code: { select: { key: true, dimension: true } } },
    orderBy: [{ start: "asc" }, { end: "asc" }, { codeId: "asc" }],
  });
  return rows.map((r) => ({
    dimension: r.code.dimension.key,
    code: r.code.key,
    start: r.start,
    end: r.end,
  }));
}

/** FIXTURE-B's passages on an article, deduplicated as the service would refuse a repeat. */
export async function fixturePassages(slug: string): Promise<FixturePassage[]> {
  const seen = new Set<string>();
  return FIXTURE_CODINGS[slug].passages(await fs1Passages(slug)).filter((p) => {
    const key = `${p.code}:${p.start}:${p.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Codes `slug` as `coder` through the coding service: assigned by `admin`, passages, article
 * codes, and (unless `done: false`) done. Returns the assignment's version.
 */
export async function codeArticle(
  admin: Actor,
  coder: Actor,
  slug: string,
  opts: { done?: boolean } = {},
): Promise<number> {
  const plan = FIXTURE_CODINGS[slug];
  await assignCoder(admin, slug, coder.coderKey!);
  let version = 0;
  for (const p of await fixturePassages(slug))
    ({ version } = await addPassage(
      coder,
      slug,
      passageInput.parse({ ...p, baseVersion: version }),
    ));
  ({ version } = await setArticleCodes(
    coder,
    slug,
    articleCodesInput.parse({
      baseVersion: version,
      weapons: { code: plan.weapons },
      tone_gov: { code: plan.tone_gov },
    }),
  ));
  if (opts.done !== false) ({ version } = await markDone(coder, slug, version));
  return version;
}
