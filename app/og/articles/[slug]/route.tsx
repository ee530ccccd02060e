import type { NextRequest } from "next/server";
import { handle, jsonError } from "@/app/lib/api";
import { isPossibleSlug } from "@/app/lib/params";
import { getArticle } from "@/app/lib/queries/article";
import { getCodebook } from "@/app/lib/queries/codebook";
import { plural } from "@/app/lib/shares";
import { longDate } from "@/app/ui/article/format";
import { Chip, previewImage, ShareBar } from "../../preview";

/**
 * The link-preview image of /articles/{slug}: the headline, the outlet, the
 * date with its precision, and the coded passages per dimension as bars of
 * the codes' colours.
 */
export async function GET(_req: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  return handle(async () => {
    const { slug } = await params;
    const [article, codebook] = await Promise.all([
      isPossibleSlug(slug) ? getArticle(slug) : null,
      getCodebook(),
    ]);
    if (!article) return jsonError(404, "no article with that slug");
    const date =
      article.datePrecision === "inferred"
        ? `${longDate(article.publishedAt)} (date inferred${article.dateReason ? `: ${article.dateReason}` : ""})`
        : longDate(article.publishedAt);
    const dimensions = codebook
      .map((d) => ({ d, passages: article.passages.filter((p) => p.dimension === d.key) }))
      .filter((x) => x.passages.length > 0);
    const used = new Set(article.passages.map((p) => `${p.dimension}\0${p.code}`));

    return previewImage({
      kicker: "Coded article",
      title: article.headline,
      facts: [
        `${article.outlet.name} · ${date}`,
        `${plural(article.passages.length, "coded passage")} on ${plural(dimensions.length, "dimension")}`,
      ],
      children: (
        <div style={{ display: "flex", flexDirection: "column" }}>
          {dimensions.slice(0, 5).map(({ d, passages }) => (
            <div key={d.key} style={{ display: "flex", alignItems: "center", marginBottom: 10 }}>
              <div style={{ display: "flex", width: 330, fontSize: 22 }}>
                {`${d.label} (${passages.length})`}
              </div>
              <ShareBar
                width={758}
                segments={d.codes.map((c) => ({
                  key: c.key,
                  colour: c.colour,
                  share: passages.filter((p) => p.code === c.key).length / passages.length,
                }))}
              />
            </div>
          ))}
          <div style={{ display: "flex", flexWrap: "wrap", marginTop: 8, fontSize: 18 }}>
            {codebook
              .flatMap((d) =>
                d.codes
                  .filter((c) => used.has(`${d.key}\0${c.key}`))
                  .map((c) => ({ ...c, id: `${d.key}.${c.key}` })),
              )
              .slice(0, 8)
              .map((c) => (
                <Chip key={c.id} colour={c.colour} label={c.label} />
              ))}
          </div>
        </div>
      ),
    });
  });
}
