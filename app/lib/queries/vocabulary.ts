import "server-only";
import { cache } from "react";
import { storedDefaultCoder } from "../agreement/default-coder";
import { getDb } from "../db";
import type { Vocabulary } from "../filters";

/**
 * The names a filter may use, read per request so a coder added a moment ago is valid at once.
 * The reference (default) coder is the first person coder from the seeds (by key), else the first
 * person coder, else the first coder: accounts made later, whatever their keys, never change
 * what a link without `coder=` shows, unless an admin sets the default coder in /admin/settings
 * (app_setting default_coder; ignored once that coder is gone). Deduplicated within one request
 * (React cache).
 */
export const getVocabulary = cache(async (): Promise<Vocabulary & { dimensions: string[] }> => {
  const db = getDb();
  const [outlets, coders, dimensions, chosen] = await Promise.all([
    db.outlet.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
    db.coder.findMany({ select: { key: true, kind: true, origin: true }, orderBy: { key: "asc" } }),
    db.dimension.findMany({ select: { key: true }, orderBy: { order: "asc" } }),
    storedDefaultCoder(),
  ]);
  const people = coders.filter((c) => c.kind === "person");
  // An admin's choice in /admin/settings wins while that coder exists.
  const reference =
    coders.find((c) => c.key === chosen) ??
    people.find((c) => c.origin === "seed") ??
    people[0] ??
    coders[0];
  return {
    outlets: outlets.map((o) => o.slug),
    coders: coders.map((c) => c.key),
    defaultCoder: reference?.key ?? "",
    dimensions: dimensions.map((d) => d.key),
  };
});
