import "server-only";
import { readDb as getDb } from "../db";
import { utcToIsoDate } from "../dates";
import type { PassageVoice } from "../../generated/prisma/client";

export interface Passage {
  id: number;
  dimension: string;
  code: string;
  start: number;
  end: number;
  quote: string;
  coder: string;
  note: string | null;
  /** Whose view the passage states: the article's own, one it reports, or undecidable. */
  voice: PassageVoice;
  /** Reference-coding (REF) passages: who decided it, when and why; null for coders' passages. */
  provenance: string | null;
}

export interface ArticleDetail {
  slug: string;
  outlet: { slug: string; name: string; shortName: string };
  headline: string;
  headlineLabel: string | null;
  standfirst: string | null;
  byline: string | null;
  authorNote: string | null;
  genre: string;
  publishedAt: string;
  datePrecision: "exact" | "inferred";
  dateReason: string | null;
  language: string;
  sourceFile: string;
  body: string;
  captions: string[];
  /**
   * False while a coder assigned to the article has not marked it done: its
   * codings stay private, so articleCodes and passages are empty.
   */
  codingsPublic: boolean;
  articleCodes: { dimension: string; code: string; coder: string; note: string | null }[];
  passages: Passage[];
  events: { key: string; date: string; label: string }[];
}

/**
 * One article with its body and every public passage code (optionally only one
 * coder's), in reading order. Codings of an article still being coded are left out.
 */
export async function getArticle(slug: string, coder?: string): Promise<ArticleDetail | null> {
  const codingWhere = {
    article: { codingsPublic: true },
    ...(coder ? { coder: { key: coder } } : {}),
  };
  const a = await getDb().article.findUnique({
    where: { slug },
    include: {
      outlet: { select: { slug: true, name: true, shortName: true } },
      articleCodes: {
        where: codingWhere,
        include: {
          dimension: { select: { key: true, order: true } },
          code: { select: { key: true } },
          coder: { select: { key: true } },
        },
      },
      passageCodes: {
        where: codingWhere,
        orderBy: [{ start: "asc" }, { end: "desc" }, { id: "asc" }],
        include: {
          code: { select: { key: true, dimension: { select: { key: true } } } },
          coder: { select: { key: true } },
          decision: {
            select: {
              choice: true,
              reason: true,
              decidedAt: true,
              decider: { select: { name: true } },
            },
          },
        },
      },
      events: { include: { event: true } },
    },
  });
  if (!a) return null;
  return {
    slug: a.slug,
    outlet: a.outlet,
    headline: a.headline,
    headlineLabel: a.headlineLabel,
    standfirst: a.standfirst,
    byline: a.byline,
    authorNote: a.authorNote,
    genre: a.genre,
    publishedAt: utcToIsoDate(a.publishedAt),
    datePrecision: a.datePrecision,
    dateReason: a.dateReason,
    language: a.language,
    sourceFile: a.sourceFile,
    body: a.body,
    captions: a.captions,
    codingsPublic: a.codingsPublic,
    articleCodes: a.articleCodes
      .sort((x, y) => x.dimension.order - y.dimension.order)
      .map((ac) => ({
        dimension: ac.dimension.key,
        code: ac.code.key,
        coder: ac.coder.key,
        note: ac.note,
      })),
    passages: a.passageCodes.map((p) => ({
      id: p.id,
      dimension: p.code.dimension.key,
      code: p.code.key,
      start: p.start,
      end: p.end,
      quote: p.quote,
      coder: p.coder.key,
      note: p.note,
      voice: p.voice,
      provenance: p.decision ? provenanceText(p.decision) : null,
    })),
    events: a.events
      .map((ea) => ({
        key: ea.event.key,
        date: utcToIsoDate(ea.event.date),
        label: ea.event.label,
      }))
      .sort((x, y) => x.date.localeCompare(y.date) || x.key.localeCompare(y.key)),
  };
}

const CHOICE_TEXT: Record<string, string> = {
  agreed: "both coders coded it alike",
  a: "coder A's code was chosen",
  b: "coder B's code was chosen",
  own: "the adjudicator's own code",
};

/** "Decided by Ana on 2026-11-29 because …" for a REF passage's decision. */
function provenanceText(d: {
  choice: string;
  reason: string | null;
  decidedAt: Date;
  decider: { name: string } | null;
}): string {
  const who = d.decider?.name ?? "a former admin";
  const why = d.choice === "agreed" ? CHOICE_TEXT.agreed : (d.reason ?? "");
  return `Decided by ${who} on ${utcToIsoDate(d.decidedAt)} because ${why} (${CHOICE_TEXT[d.choice] ?? d.choice})`;
}
