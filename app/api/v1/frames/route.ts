import type { NextRequest } from "next/server";
import { badRequest, handle, ok, otherMethods } from "@/app/lib/api";
import { parseFilters } from "@/app/lib/filters";
import { getFrameCounts } from "@/app/lib/queries/frames";
import { getVocabulary } from "@/app/lib/queries/vocabulary";

export async function GET(req: NextRequest) {
  return handle(async () => {
    const vocab = await getVocabulary();
    const params = req.nextUrl.searchParams;
    const { filters, issues } = parseFilters(params, vocab, ["dimension"]);
    const dimensions = params.getAll("dimension");
    if (dimensions.length === 0) issues.push({ param: "dimension", message: `is required; one of ${vocab.dimensions.join(", ")}` });
    else if (dimensions.length > 1) issues.push({ param: "dimension", message: "was given more than once" });
    else if (!vocab.dimensions.includes(dimensions[0])) {
      issues.push({ param: "dimension", message: `${JSON.stringify(dimensions[0].slice(0, 40))} is not one of ${vocab.dimensions.join(", ")}` });
    }
    if (issues.length) return badRequest(issues);
    return ok(await getFrameCounts(filters, dimensions[0]));
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
