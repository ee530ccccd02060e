import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import type { Vocabulary } from "../filters";

/** The names a filter may use. The reference coder is the first person coder (by key), else the first coder. */
/** Deduplicated within one request (React cache). */
export const getVocabulary = cache(async (): Promise<Vocabulary & { dimensions: string[] }> => {
  const db = getDb();
  const [outlets, coders, dimensions] = await Promise.all([
    db.outlet.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
    db.coder.findMany({ select: { key: true, kind: true }, orderBy: { key: "asc" } }),
    db.dimension.findMany({ select: { key: true }, orderBy: { order: "asc" } }),
  ]);
  const reference = coders.find((c) => c.kind === "person") ?? coders[0];
  return {
    outlets: outlets.map((o) => o.slug),
    coders: coders.map((c) => c.key),
    defaultCoder: reference?.key ?? "",
    dimensions: dimensions.map((d) => d.key),
  };
});
