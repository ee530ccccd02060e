import "server-only";
import { readDb as getDb } from "../db";
import { Prisma } from "../../generated/prisma/client";

export interface CodeExample {
  /** The passage code's id: the anchor #p-<id> on the article page. */
  id: number;
  quote: string;
  coder: string;
  article: { slug: string; headline: string };
  outlet: { slug: string; name: string };
}

/**
 * Up to `perCode` example passages for every code of the codebook, from any
 * coder's public codings: shortest quote first, each distinct quote once. Keyed `dimension\0code`;
 * codes without passages are absent.
 */
export async function getCodeExamples(perCode = 2): Promise<Map<string, CodeExample[]>> {
  const rows = await getDb().$queryRaw<
    {
      dimension: string;
      code: string;
      id: number;
      quote: string;
      coder: string;
      slug: string;
      headline: string;
      outlet_slug: string;
      outlet_name: string;
    }[]
  >(Prisma.sql`
    SELECT dimension, code, id, quote, coder, slug, headline, outlet_slug, outlet_name
    FROM (
      SELECT d.key AS dimension, c.key AS code, pc.id, pc.quote, k.key AS coder,
             a.slug, a.headline, o.slug AS outlet_slug, o.name AS outlet_name,
             row_number() OVER (PARTITION BY pc.code_id ORDER BY length(pc.quote), pc.id) AS rank
      FROM (
        SELECT DISTINCT ON (p.code_id, p.quote) p.id, p.code_id, p.coder_id, p.article_id, p.quote
        FROM passage_code p JOIN article pa ON pa.id = p.article_id
        WHERE pa.codings_public
        ORDER BY p.code_id, p.quote, p.id
      ) pc
      JOIN code c ON c.id = pc.code_id
      JOIN dimension d ON d.id = c.dimension_id
      JOIN coder k ON k.id = pc.coder_id
      JOIN article a ON a.id = pc.article_id
      JOIN outlet o ON o.id = a.outlet_id
    ) ranked
    WHERE rank <= ${perCode}
    ORDER BY dimension, code, rank`);
  const out = new Map<string, CodeExample[]>();
  for (const r of rows) {
    const key = `${r.dimension}\0${r.code}`;
    const list = out.get(key) ?? [];
    list.push({
      id: Number(r.id),
      quote: r.quote,
      coder: r.coder,
      article: { slug: r.slug, headline: r.headline },
      outlet: { slug: r.outlet_slug, name: r.outlet_name },
    });
    out.set(key, list);
  }
  return out;
}
