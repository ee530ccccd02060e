/*
 * Turns the agreement queries' grouped rows into the report (app/lib/agreement/types.ts): unit
 * types for the alphas, sections for uα. Pure, so the shapes can be checked without a database.
 */
import { alphaOfTypes, type Metric, mergeTypes, type UnitType } from "../agreement/alpha";
import { bootstrapInterval } from "../agreement/bootstrap";
import type { CategoryAlpha, DimensionAgreement, UnitizingAgreement } from "../agreement/types";
import { type Section, type Segment, unitizingAlpha } from "../agreement/unitizing";

export interface AgreementCode {
  id: number;
  key: string;
}

export interface AgreementDimension {
  id: number;
  key: string;
  scope: "passage" | "article";
  ordinal: boolean;
  /** In codebook order: a code's index is its nominal value and its rank on an ordinal scale. */
  codes: AgreementCode[];
}

/** Units of many-valued codes: per code, articles coded by m coders of whom p marked it present. */
export interface PresenceRow {
  code_id: number;
  m: number;
  p: number;
  units: number;
}

/** Units of article-level dimensions: the coders' code ids, sorted, and how many articles had them. */
export interface ArticleValuesRow {
  dimension_id: number;
  codes: number[];
  units: number;
}

/** Pairable types only (m_u ≥ 2), identical ones merged, in alpha.ts's canonical order. */
export function canonicalTypes(types: readonly UnitType[]): UnitType[] {
  return mergeTypes(types.filter((t) => t.values.length >= 2));
}

/**
 * Presence units per code (absent 0, present 1). Absent-absent units are counted, not read:
 * every paired article is one unit of every code, so the units of a code with no row for an
 * article are all absent.
 */
export function presenceTypes(
  codes: readonly AgreementCode[],
  rows: readonly PresenceRow[],
  pairedByCoders: ReadonlyMap<number, number>,
): Map<number, UnitType[]> {
  const out = new Map<number, UnitType[]>();
  for (const code of codes) {
    const mine = rows.filter((r) => r.code_id === code.id && r.p > 0);
    const types: UnitType[] = [];
    for (const [m, articles] of pairedByCoders) {
      let present = 0;
      for (const r of mine) {
        if (r.m !== m) continue;
        present += r.units;
        types.push({ values: presenceValues(m, r.p), count: r.units });
      }
      if (articles > present)
        types.push({ values: presenceValues(m, 0), count: articles - present });
    }
    out.set(code.id, canonicalTypes(types));
  }
  return out;
}

function presenceValues(m: number, p: number): number[] {
  return Array.from({ length: m }, (_, i) => (i < m - p ? 0 : 1));
}

/** Article-level units: each coder's code as its index in codebook order. */
export function articleTypes(
  dim: AgreementDimension,
  rows: readonly ArticleValuesRow[],
): UnitType[] {
  const rank = new Map(dim.codes.map((c, i) => [c.id, i]));
  return canonicalTypes(
    rows
      .filter((r) => r.dimension_id === dim.id)
      .map((r) => ({ values: r.codes.map((id) => rank.get(id)!), count: r.units })),
  );
}

/** What a report says when alpha cannot be computed for want of coders. */
export function unavailableDimension(
  dim: AgreementDimension,
  reason: string,
  coders: string[],
  articles = 0,
): DimensionAgreement {
  const many = dim.scope === "passage";
  const categories = many ? dim.codes.map((c) => ({ code: c.key, alpha: null, reason })) : [];
  return {
    key: dim.key,
    metric: metricOf(dim),
    alpha: null,
    reason,
    ci: null,
    units: 0,
    pairable: 0,
    articles,
    coders,
    categories,
    unitizing: many ? { alpha: null, reason, articles: 0, length: 0, categories } : null,
  };
}

export function metricOf(dim: AgreementDimension): "nominal" | "ordinal" {
  return dim.ordinal ? "ordinal" : "nominal";
}

/** The article-level alpha of one dimension from its unit types, with its bootstrap interval. */
export function dimensionAlpha(
  dim: AgreementDimension,
  types: readonly UnitType[],
  context: { articles: number; coders: string[] },
): DimensionAgreement {
  const metric: Metric = metricOf(dim);
  const result = alphaOfTypes(types, metric);
  const ci = result.alpha === null ? null : bootstrapInterval(types, metric); // 1,000 resamples, seeded: same data, same interval
  return {
    key: dim.key,
    metric,
    alpha: result.alpha,
    ...(result.alpha === null ? { reason: result.reason ?? "alpha is undefined" } : {}),
    ci,
    units: result.units,
    pairable: result.pairable,
    articles: context.articles,
    coders: context.coders,
    categories: [],
    unitizing: null,
  };
}

/** Category agreement: the same alpha on one code's presence units only. */
export function categoryAlphas(
  dim: AgreementDimension,
  byCode: ReadonlyMap<number, UnitType[]>,
): CategoryAlpha[] {
  return dim.codes.map((c) => {
    const r = alphaOfTypes(byCode.get(c.id) ?? [], "nominal");
    return r.alpha === null
      ? { code: c.key, alpha: null, reason: r.reason ?? "alpha is undefined" }
      : { code: c.key, alpha: r.alpha };
  });
}

/**
 * The continuum for uα, decoded from the packed rows the query sends: `lengths` holds
 * (article id, body length) pairs and each code's buffer (article id, coder id, start, end)
 * quadruples, every number a big-endian int4 (PostgreSQL's int4send).
 */
export interface PackedContinuum {
  lengths: Uint8Array;
  passages: { code_id: number; packed: Uint8Array }[];
}

/** Big-endian int4s, whatever the buffer's alignment. */
function int4s(buf: Uint8Array): Int32Array {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Int32Array(buf.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i << 2);
  return out;
}

/** uα of one many-valued dimension over the articles every coder completed. */
export function dimensionUnitizing(
  dim: AgreementDimension,
  continuum: PackedContinuum,
  coderIds: readonly number[],
): UnitizingAgreement {
  const lengths = int4s(continuum.lengths);
  const sectionOf = new Map<number, number>();
  const sections: { length: number; observers: Segment[][] }[] = [];
  let total = 0;
  for (let i = 0; i < lengths.length; i += 2) {
    sectionOf.set(lengths[i], sections.length);
    sections.push({ length: lengths[i + 1], observers: coderIds.map(() => []) });
    total += lengths[i + 1];
  }
  const observerOf = new Map(coderIds.map((id, i) => [id, i]));
  const codeKey = new Map(dim.codes.map((c) => [c.id, c.key]));
  for (const { code_id, packed } of continuum.passages) {
    const category = codeKey.get(code_id);
    if (category === undefined) continue;
    const q = int4s(packed);
    for (let i = 0; i < q.length; i += 4) {
      const section = sectionOf.get(q[i]);
      const observer = observerOf.get(q[i + 1]);
      if (section === undefined || observer === undefined) continue;
      sections[section].observers[observer].push({ start: q[i + 2], end: q[i + 3], category });
    }
  }
  const result = unitizingAlpha(
    sections as Section[],
    dim.codes.map((c) => c.key),
  );
  return {
    alpha: result.alpha,
    ...(result.alpha === null ? { reason: result.reason ?? "uα is undefined" } : {}),
    articles: sections.length,
    length: total,
    categories: result.categories.map((c) =>
      c.alpha === null
        ? { code: c.category, alpha: null, reason: c.reason ?? "uα is undefined" }
        : { code: c.category, alpha: c.alpha },
    ),
  };
}
