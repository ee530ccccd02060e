import "server-only";
import { cache } from "react";
import { readDb as getDb } from "../db";

export interface CodebookCode {
  key: string;
  label: string;
  definition: string;
  indicators: string[];
  colour: string;
  value: number | null;
  /** Stance codes: the side of the diverging axis (against, for, or none for no stance); null elsewhere. */
  side: "against" | "for" | "none" | null;
}

export interface CodebookDimension {
  key: string;
  label: string;
  question: string;
  definition: string;
  scope: "passage" | "article";
  ordinal: boolean;
  codes: CodebookCode[];
}

/** Deduplicated within one request (React cache). */
export const getCodebook = cache(async (): Promise<CodebookDimension[]> => {
  const dims = await getDb().dimension.findMany({
    orderBy: { order: "asc" },
    include: { codes: { orderBy: { order: "asc" } } },
  });
  return dims.map((d) => ({
    key: d.key,
    label: d.label,
    question: d.question,
    definition: d.definition,
    scope: d.scope,
    ordinal: d.ordinal,
    codes: d.codes.map((c) => ({
      key: c.key,
      label: c.label,
      definition: c.definition,
      indicators: c.indicators,
      colour: c.colour,
      value: c.value,
      side: c.side,
    })),
  }));
});
