import "server-only";
import type { Tx } from "../coding/transaction";
import { readInOrder } from "../db";

/*
 * What a project import reads of the database before it plans: the codebook, the coders and the
 * outlets (all small tables).
 */

export interface ContextCode {
  id: number;
  key: string;
  label: string;
}

export interface ContextDimension {
  id: number;
  key: string;
  label: string;
  scope: "passage" | "article";
  codes: ContextCode[];
}

export interface ContextCoder {
  id: number;
  key: string;
  name: string;
  kind: "person" | "automatic" | "adjudicated";
}

export interface ImportContext {
  dimensions: ContextDimension[];
  coders: Map<string, ContextCoder>;
  outlets: Map<string, number>;
}

export async function readImportContext(tx: Tx): Promise<ImportContext> {
  const [dimensions, coders, outlets] = await readInOrder([
    () =>
      tx.dimension.findMany({
        orderBy: { order: "asc" },
        select: {
          id: true,
          key: true,
          label: true,
          scope: true,
          codes: { orderBy: { order: "asc" }, select: { id: true, key: true, label: true } },
        },
      }),
    () => tx.coder.findMany({ select: { id: true, key: true, name: true, kind: true } }),
    () => tx.outlet.findMany({ select: { id: true, slug: true } }),
  ]);
  return {
    dimensions,
    coders: new Map(coders.map((c) => [c.key, c])),
    outlets: new Map(outlets.map((o) => [o.slug, o.id])),
  };
}
