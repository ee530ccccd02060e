/*
 * Turns the agreement queries' packed rows into the report (app/lib/agreement/types.ts): unit
 * types for the alphas, sections for uα. Pure, so the shapes can be checked without a database.
 *
 * At 100,000 double-coded articles the codings are ~400,000 article codes and ~2 million
 * passages. Grouping them in SQL took several passes over passage_code (units per code need the
 * distinct coders per article and code, uα needs every passage anyway), so the queries send the
 * raw rows once, packed as big-endian integers (a few buffers instead of millions of rows), and
 * the grouping happens here in typed arrays.
 */
import { alphaOfTypes, type Metric, mergeTypes, type UnitType } from "../agreement/alpha";
import { bootstrapInterval } from "../agreement/bootstrap";
import type { CategoryAlpha, DimensionAgreement, UnitizingAgreement } from "../agreement/types";
import { REASON_NONE_CODED, unitizingAlphaOfColumns } from "../agreement/unitizing";

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

/** Big-endian int4s, whatever the buffer's alignment. */
export function int4s(buf: Uint8Array | null | undefined): Int32Array {
  if (!buf) return new Int32Array(0);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Int32Array(buf.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i << 2);
  return out;
}

/**
 * Article codes as rows of four int4s: article id, coder id, dimension id, code id (one per
 * article code of a coder who takes part, on a public article in scope).
 */
export interface ArticleCodeRows {
  rows: Int32Array;
}

/** Passages as rows of five int4s: article id, coder id, code id, start, end. */
export interface PassageRows {
  rows: Int32Array;
}

/** Who completed which article: the paired articles and the coders on each. */
export interface Pairing {
  /** Article id → position among the paired articles, -1 when not paired (dense lookup). */
  position: Int32Array;
  /** Per paired article: its id, and a bitmask of the coders (by index) who completed it. */
  ids: Int32Array;
  masks: Int32Array;
  /** Paired articles by how many coders completed them. */
  byCoders: Map<number, number>;
  /** Indices of coders with at least one paired article. */
  takers: number[];
}

/** At most this many coders in one report (a bitmask per article). */
export const MAX_CODERS = 30;

const bits = (mask: number) => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/** id → index for small id sets (coders, codes), -1 elsewhere. */
function lookup(ids: readonly number[]): Int32Array {
  const out = new Int32Array(Math.max(0, ...ids) + 1).fill(-1);
  for (const [i, id] of ids.entries()) out[id] = i;
  return out;
}

const at = (table: Int32Array, id: number) => (id < table.length ? table[id] : -1);

/** The paired articles (completed by at least two coders) from the article codes. */
export function pairArticles(codes: ArticleCodeRows, coderIds: readonly number[]): Pairing {
  const coderIndex = lookup(coderIds);
  const r = codes.rows;
  let maxId = 0;
  for (let i = 0; i < r.length; i += 4) if (r[i] > maxId) maxId = r[i];
  const done = new Int32Array(maxId + 1);
  for (let i = 0; i < r.length; i += 4) {
    const c = at(coderIndex, r[i + 1]);
    if (c >= 0) done[r[i]] |= 1 << c;
  }
  const position = new Int32Array(maxId + 1).fill(-1);
  const ids: number[] = [];
  const masks: number[] = [];
  const byCoders = new Map<number, number>();
  let everyone = 0;
  for (let id = 0; id <= maxId; id++) {
    const mask = done[id];
    if (!mask || !(mask & (mask - 1))) continue; // nobody, or one coder
    position[id] = ids.length;
    ids.push(id);
    masks.push(mask);
    const m = bits(mask);
    byCoders.set(m, (byCoders.get(m) ?? 0) + 1);
    everyone |= mask;
  }
  const takers = coderIds.flatMap((_, i) => (everyone & (1 << i) ? [i] : []));
  return { position, ids: Int32Array.from(ids), masks: Int32Array.from(masks), byCoders, takers };
}

/** Article-level units per dimension: each coder's code as its index in codebook order. */
export function articleTypes(
  dims: readonly AgreementDimension[],
  codes: ArticleCodeRows,
  pairing: Pairing,
  coderIds: readonly number[],
): Map<number, UnitType[]> {
  const article = dims.filter((d) => d.scope === "article");
  const K = coderIds.length;
  const P = pairing.ids.length;
  const coderIndex = lookup(coderIds);
  const dimIndex = lookup(article.map((d) => d.id));
  const ranks = new Map<number, number>();
  for (const d of article) for (const [i, c] of d.codes.entries()) ranks.set(c.id, i);
  // value + 1 per (dimension, paired article, coder); 0 = none.
  const value = new Int16Array(article.length * P * K);
  const r = codes.rows;
  for (let i = 0; i < r.length; i += 4) {
    const a = at(pairing.position, r[i]);
    const k = at(coderIndex, r[i + 1]);
    const d = at(dimIndex, r[i + 2]);
    const v = ranks.get(r[i + 3]);
    if (a < 0 || k < 0 || d < 0 || v === undefined) continue;
    value[(d * P + a) * K + k] = v + 1;
  }
  const out = new Map<number, UnitType[]>();
  for (const [d, dim] of article.entries()) {
    const counts = new Map<string, UnitType>();
    const values: number[] = [];
    for (let a = 0; a < P; a++) {
      values.length = 0;
      for (let k = 0; k < K; k++) {
        const v = value[(d * P + a) * K + k];
        if (v) values.push(v - 1);
      }
      if (values.length < 2) continue;
      values.sort((x, y) => x - y);
      const key = values.join(",");
      const seen = counts.get(key);
      if (seen) seen.count++;
      else counts.set(key, { values: [...values], count: 1 });
    }
    out.set(dim.id, mergeTypes([...counts.values()]));
  }
  return out;
}

/**
 * Presence units per code (absent 0, present 1): one per paired article and code of the
 * dimension, including those every coder left absent. A passage counts only when its coder
 * completed the article.
 */
export function presenceTypes(
  codes: readonly AgreementCode[],
  passages: PassageRows,
  pairing: Pairing,
  coderIds: readonly number[],
): Map<number, UnitType[]> {
  const { masks } = pairing;
  const codeIndex = lookup(codes.map((c) => c.id));
  const coderIndex = lookup(coderIds);
  const C = codes.length;
  const present = new Int32Array(masks.length * C);
  const r = passages.rows;
  for (let i = 0; i < r.length; i += 5) {
    const a = at(pairing.position, r[i]);
    const k = at(coderIndex, r[i + 1]);
    const c = at(codeIndex, r[i + 2]);
    if (a < 0 || k < 0 || c < 0) continue;
    if (masks[a] & (1 << k)) present[a * C + c] |= 1 << k;
  }
  // Units of code c with m coders of whom p marked it: counts[(c · 32 + m) · 32 + p].
  const counts = new Float64Array(C * 32 * 32);
  for (let a = 0; a < masks.length; a++) {
    const m = bits(masks[a]);
    for (let c = 0; c < C; c++) counts[(c * 32 + m) * 32 + bits(present[a * C + c])]++;
  }
  return new Map(
    codes.map((code, c) => {
      const types: UnitType[] = [];
      for (let m = 2; m < 32; m++)
        for (let p = 0; p <= m; p++) {
          const n = counts[(c * 32 + m) * 32 + p];
          if (n)
            types.push({
              values: Array.from({ length: m }, (_, i) => (i < m - p ? 0 : 1)),
              count: n,
            });
        }
      return [code.id, mergeTypes(types)];
    }),
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
  const ci = result.alpha === null ? null : bootstrapInterval(types, metric); // 1,000, seeded
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
 * uα of every many-valued dimension over the articles all `takers` completed, in one pass: the
 * categories are the codes of all those dimensions (named by code id), and each dimension's
 * overall uα is 1 − Σ D_o(c) / Σ D_e(c) over its own codes.
 */
export function unitizingByDimension(
  dims: readonly AgreementDimension[],
  passages: PassageRows,
  lengths: Int32Array,
  pairing: Pairing,
  coderIds: readonly number[],
  noContinuum: string,
): Map<number, UnitizingAgreement> {
  const all = pairing.takers.reduce((mask, i) => mask | (1 << i), 0);
  const observerOf = lookup(pairing.takers.map((i) => coderIds[i]));
  const m = pairing.takers.length;
  const sectionOf = new Int32Array(pairing.ids.length).fill(-1);
  const sectionLengths: number[] = [];
  let total = 0;
  for (let i = 0; i < lengths.length; i += 2) {
    const a = at(pairing.position, lengths[i]);
    if (a < 0 || pairing.masks[a] !== all) continue;
    sectionOf[a] = sectionLengths.length;
    sectionLengths.push(lengths[i + 1]);
    total += lengths[i + 1];
  }
  const codeIds = dims.flatMap((d) => d.codes.map((c) => c.id));
  const codeIndex = lookup(codeIds);
  const names = codeIds.map(String);
  // The passages in columns, grouped by (section, observer) with a counting sort: no object per
  // passage, which at 100,000 articles is two million of them.
  const r = passages.rows;
  const bucketOf = new Int32Array(r.length / 5);
  const offsets = new Int32Array(sectionLengths.length * m + 1);
  for (let i = 0, row = 0; i < r.length; i += 5, row++) {
    const a = at(pairing.position, r[i]);
    const section = a < 0 ? -1 : sectionOf[a];
    const observer = at(observerOf, r[i + 1]);
    const bucket =
      section < 0 || observer < 0 || at(codeIndex, r[i + 2]) < 0 ? -1 : section * m + observer;
    bucketOf[row] = bucket;
    if (bucket >= 0) offsets[bucket + 1]++;
  }
  for (let b = 1; b < offsets.length; b++) offsets[b] += offsets[b - 1];
  const rows = offsets[offsets.length - 1];
  const category = new Int32Array(rows);
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  const next = offsets.slice(0, -1);
  for (let i = 0, row = 0; i < r.length; i += 5, row++) {
    const bucket = bucketOf[row];
    if (bucket < 0) continue;
    const to = next[bucket]++;
    category[to] = at(codeIndex, r[i + 2]);
    start[to] = r[i + 3];
    end[to] = r[i + 4];
  }
  const result = unitizingAlphaOfColumns(
    { lengths: sectionLengths, observers: m, offsets, category, start, end },
    names,
  );
  const sections = sectionLengths;
  const byCode = new Map(result.categories.map((c) => [Number(c.category), c]));
  return new Map(
    dims.map((d) => {
      let observed = 0;
      let expected = 0;
      const categories = d.codes.map((code): CategoryAlpha => {
        const c = byCode.get(code.id)!;
        observed += c.observed;
        expected += c.expected;
        if (c.alpha !== null) return { code: code.key, alpha: c.alpha };
        return { code: code.key, alpha: null, reason: sections.length ? c.reason! : noContinuum };
      });
      const whole = result.alpha === null && result.reason !== REASON_NONE_CODED;
      const alpha = whole || !(expected > 0) ? null : 1 - observed / expected;
      const reason =
        sections.length === 0 ? noContinuum : whole ? result.reason : REASON_NONE_CODED;
      return [
        d.id,
        {
          alpha,
          ...(alpha === null ? { reason: reason ?? "uα is undefined" } : {}),
          articles: sections.length,
          length: total,
          categories,
        },
      ];
    }),
  );
}
