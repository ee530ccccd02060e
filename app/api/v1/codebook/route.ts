import type { NextRequest } from "next/server";
import { badRequest, handle, ok, otherMethods } from "@/app/lib/api";
import { unexpectedParams } from "@/app/lib/params";
import { getCodebook } from "@/app/lib/queries/codebook";

export async function GET(req: NextRequest) {
  return handle(async () => {
    const issues = unexpectedParams(req.nextUrl.searchParams, []);
    if (issues.length) return badRequest(issues);
    return ok({ dimensions: await getCodebook() });
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
