import type { ArticleDetail } from "@/app/lib/queries/article";
import type { CodebookDimension } from "@/app/lib/queries/codebook";
import type { CoderInfo } from "@/app/lib/queries/coders";
import { assignLanes, segmentBody, tint } from "./segments";
import type { ReaderData } from "./types";

/** Prepares the highlighted body, passages and legend counts for the client-side reader. */
export function readerData(
  article: ArticleDetail,
  codebook: CodebookDimension[],
  coders: CoderInfo[],
): ReaderData {
  const lanes = assignLanes(article.passages);
  const coderName = new Map(coders.map((c) => [c.key, c.name]));
  const count = (dimension: string, code?: string) =>
    article.passages.filter(
      (p) => p.dimension === dimension && (code === undefined || p.code === code),
    ).length;
  return {
    paragraphs: segmentBody(article.body, article.passages, lanes),
    passages: article.passages.map((p) => ({
      id: p.id,
      dimension: p.dimension,
      code: p.code,
      start: p.start,
      end: p.end,
      coder: p.coder,
      coderName: coderName.get(p.coder) ?? p.coder,
      note: p.note,
      voice: p.voice,
      provenance: p.provenance,
      lane: lanes.get(p.id) ?? 0,
    })),
    dimensions: codebook.map((d) => ({
      key: d.key,
      label: d.label,
      scope: d.scope,
      count: count(d.key),
      codes: d.codes.map((c) => ({
        key: c.key,
        label: c.label,
        colour: c.colour,
        tint: tint(c.colour),
        count: count(d.key, c.key),
      })),
    })),
    lanes: Math.max(0, ...lanes.values()) + 1,
  };
}
