import { normalGuid } from "./guid";
import type { ImportContext } from "./import-context";
import type { ImportedCode } from "./import-result";
import { refiGuid } from "./framescope";
import type { RefiCode, RefiProject } from "./model";

/*
 * A project's codes mapped onto the codebook: by Framescope's GUIDs first (a renamed label still
 * matches), else by name and parent (the child named by a code's key or label, the parent by its
 * dimension's key or label, case and surrounding spaces aside). A hand mapping (`code:<GUID>`)
 * overrides both or skips the code. What maps to nothing is listed with its codings, never dropped
 * silently.
 */

export interface CodeTarget {
  dimensionId: number;
  dimensionKey: string;
  scope: "passage" | "article";
  codeId: number;
  codeKey: string;
}

export interface CodeMapping {
  /** Code GUID (normalised) → its target, for mapped codes only. */
  targets: Map<string, CodeTarget>;
  details: ImportedCode[];
}

const fold = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** The codebook's target of a "dimension/code" hand mapping, or null when there is none. */
export function resolveCodeKey(ctx: ImportContext, value: string): CodeTarget | null {
  const [dimensionKey, codeKey, ...rest] = value.split("/");
  if (rest.length) return null;
  const d = ctx.dimensions.find((x) => x.key === dimensionKey);
  const c = d?.codes.find((x) => x.key === codeKey);
  if (!d || !c) return null;
  return { dimensionId: d.id, dimensionKey: d.key, scope: d.scope, codeId: c.id, codeKey: c.key };
}

/** How many Codings of the project use each code (GUID normalised). */
export function codingsPerCode(project: Pick<RefiProject, "sources">): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (guid: string) =>
    counts.set(normalGuid(guid), (counts.get(normalGuid(guid)) ?? 0) + 1);
  for (const s of project.sources) {
    for (const c of s.codings) add(c.codeGuid);
    for (const sel of s.selections) for (const c of sel.codings) add(c.codeGuid);
  }
  return counts;
}

export function mapCodes(
  ctx: ImportContext,
  project: Pick<RefiProject, "codes" | "sources">,
  codeMap: Record<string, string>,
): CodeMapping {
  const byGuid = new Map<string, CodeTarget>();
  const dimensionGuids = new Set<string>();
  for (const d of ctx.dimensions) {
    dimensionGuids.add(refiGuid.dimension(d.key));
    for (const c of d.codes)
      byGuid.set(refiGuid.code(d.key, c.key), {
        dimensionId: d.id,
        dimensionKey: d.key,
        scope: d.scope,
        codeId: c.id,
        codeKey: c.key,
      });
  }
  const hand = new Map(Object.entries(codeMap).map(([g, v]) => [normalGuid(g), v]));
  const counts = codingsPerCode(project);
  const targets = new Map<string, CodeTarget>();
  const details: ImportedCode[] = [];

  const byName = (code: RefiCode, parent: RefiCode | null): CodeTarget | null => {
    if (!parent) return null;
    const d = ctx.dimensions.find(
      (x) => fold(x.key) === fold(parent.name) || fold(x.label) === fold(parent.name),
    );
    const c = d?.codes.find(
      (x) => fold(x.key) === fold(code.name) || fold(x.label) === fold(code.name),
    );
    if (!d || !c) return null;
    return { dimensionId: d.id, dimensionKey: d.key, scope: d.scope, codeId: c.id, codeKey: c.key };
  };

  const visit = (code: RefiCode, parent: RefiCode | null, path: string[]) => {
    const guid = normalGuid(code.guid);
    const here = [...path, code.name];
    const codings = counts.get(guid) ?? 0;
    const manual = hand.get(guid);
    const entry = (status: ImportedCode["status"], t: CodeTarget | null): ImportedCode => ({
      guid: code.guid,
      path: here.join(" / "),
      status,
      dimension: t?.dimensionKey ?? null,
      code: t?.codeKey ?? null,
      codings,
    });
    if (manual === "skip") details.push(entry("skipped", null));
    else {
      const target = manual
        ? resolveCodeKey(ctx, manual)
        : (byGuid.get(guid) ?? (dimensionGuids.has(guid) ? null : byName(code, parent)));
      if (target) {
        targets.set(guid, target);
        details.push(entry("mapped", target));
      } else if (codings > 0 || (code.isCodable && !isDimension(ctx, code, parent, dimensionGuids)))
        details.push(entry("unmatched", null));
    }
    for (const child of code.children) visit(child, code, here);
  };
  for (const code of project.codes) visit(code, null, []);
  return { targets, details };
}

/** A top-level code that stands for a dimension (a parent, not a code). */
function isDimension(
  ctx: ImportContext,
  code: RefiCode,
  parent: RefiCode | null,
  dimensionGuids: Set<string>,
): boolean {
  if (dimensionGuids.has(normalGuid(code.guid))) return true;
  return (
    !parent &&
    code.children.length > 0 &&
    ctx.dimensions.some((d) => fold(d.key) === fold(code.name) || fold(d.label) === fold(code.name))
  );
}
