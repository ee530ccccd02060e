import "server-only";
import { getDb } from "./db";
import type { Vocabulary } from "./filters";

export interface PanelSpec {
  dimension: { key: string; label: string; scope: "passage" | "article" };
  code: { key: string; label: string; colour: string };
  outlet: { slug: string; name: string };
}

/** Reads `panel=dimension.code.outlet` (the evidence behind one chart cell); null when it names nothing real. */
export async function parsePanel(value: string, vocab: Vocabulary): Promise<PanelSpec | null> {
  // Control characters never name anything, and NUL would make PostgreSQL reject the query (a 500).
  if (value.length > 200 || /[\u0000-\u001F\u007F-\u009F]/.test(value)) return null;
  const [dimension, code, outlet, ...rest] = value.split(".");
  if (rest.length || !dimension || !code || !outlet || !vocab.outlets.includes(outlet)) return null;
  if (vocab.dimensions && !vocab.dimensions.includes(dimension)) return null;
  const db = getDb();
  const [c, o] = await Promise.all([
    db.code.findFirst({
      where: { key: code, dimension: { key: dimension } },
      include: { dimension: true },
    }),
    db.outlet.findUnique({ where: { slug: outlet } }),
  ]);
  if (!c || !o) return null;
  return {
    dimension: { key: c.dimension.key, label: c.dimension.label, scope: c.dimension.scope },
    code: { key: c.key, label: c.label, colour: c.colour },
    outlet: { slug: o.slug, name: o.name },
  };
}
