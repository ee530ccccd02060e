import type { NextRequest } from "next/server";
import { badRequest, handle, ok, otherMethods } from "@/app/lib/api";
import { unexpectedParams } from "@/app/lib/params";
import { getEvents } from "@/app/lib/queries/events";

export async function GET(req: NextRequest) {
  return handle(async () => {
    const issues = unexpectedParams(req.nextUrl.searchParams, []);
    if (issues.length) return badRequest(issues);
    return ok({ events: await getEvents() });
  });
}

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");
