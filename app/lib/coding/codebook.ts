import "server-only";
import type { ParamIssue } from "../query-params";
import type { Tx } from "./transaction";

/** The codebook as a write checks it: dimensions by key, each with its codes by key. */
export interface WriteCodebook {
  dimensions: Map<string, CodebookDimension>;
  codesById: Map<number, { key: string; dimension: CodebookDimension }>;
}
export interface CodebookDimension {
  id: number;
  key: string;
  scope: "passage" | "article";
  codes: Map<string, number>;
}

let cached: { stamp: string; codebook: WriteCodebook } | null = null;

/**
 * The codebook, read from the database; with the stamp a write's article lock read (a digest of
 * every dimension and code), the copy this process already holds is used while it is current.
 */
export async function loadCodebook(tx: Tx, stamp?: string): Promise<WriteCodebook> {
  if (stamp && cached?.stamp === stamp) return cached.codebook;
  const codebook = await readCodebook(tx);
  if (stamp) cached = { stamp, codebook };
  return codebook;
}

async function readCodebook(tx: Tx): Promise<WriteCodebook> {
  const dims = await tx.dimension.findMany({
    orderBy: { order: "asc" },
    select: { id: true, key: true, scope: true, codes: { select: { id: true, key: true } } },
  });
  const dimensions = new Map<string, CodebookDimension>();
  const codesById = new Map<number, { key: string; dimension: CodebookDimension }>();
  for (const d of dims) {
    const dimension: CodebookDimension = {
      id: d.id,
      key: d.key,
      scope: d.scope,
      codes: new Map(d.codes.map((c) => [c.key, c.id])),
    };
    dimensions.set(d.key, dimension);
    for (const c of d.codes) codesById.set(c.id, { key: c.key, dimension });
  }
  return { dimensions, codesById };
}

/** The article-level dimensions (weapons, tone_gov), in codebook order. */
export function articleDimensions(codebook: WriteCodebook): CodebookDimension[] {
  return [...codebook.dimensions.values()].filter((d) => d.scope === "article");
}

/**
 * The code id of a passage's dimension and code, or the issues naming the field: an unknown
 * dimension, an article-level one, or a code the dimension does not have.
 */
export function resolvePassageCode(
  codebook: WriteCodebook,
  dimensionKey: string,
  codeKey: string,
): { codeId: number } | { issues: ParamIssue[] } {
  const dimension = codebook.dimensions.get(dimensionKey);
  const passageDims = [...codebook.dimensions.values()]
    .filter((d) => d.scope === "passage")
    .map((d) => d.key);
  if (!dimension)
    return {
      issues: [
        {
          param: "dimension",
          message: `unknown dimension ${JSON.stringify(dimensionKey)}; known: ${passageDims.join(", ")}`,
        },
      ],
    };
  if (dimension.scope !== "passage")
    return {
      issues: [
        {
          param: "dimension",
          message:
            `${dimension.key} is coded once per article (PUT …/article-codes), not on a passage; ` +
            `passage dimensions: ${passageDims.join(", ")}`,
        },
      ],
    };
  const codeId = dimension.codes.get(codeKey);
  if (codeId === undefined)
    return {
      issues: [
        {
          param: "code",
          message: `unknown ${dimension.key} code ${JSON.stringify(codeKey)}; known: ${[...dimension.codes.keys()].join(", ")}`,
        },
      ],
    };
  return { codeId };
}
