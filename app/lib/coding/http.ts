import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError, badRequest, bodyIssues, jsonError } from "../api";
import { readBodyText } from "../views";

const MAX_OPTIONAL_BODY_BYTES = 4096;

/** 201 with the JSON body, never cached. */
export function created(body: unknown): NextResponse {
  return NextResponse.json(body, { status: 201, headers: { "Cache-Control": "no-store" } });
}

/**
 * A JSON body that may be left out (POST …/done, DELETE …/done, DELETE /passages/{id}): no body
 * at all reads as `{}`; one that is sent must be JSON (415 otherwise) and match `schema` (400).
 */
export async function readOptionalBody<B>(
  req: NextRequest,
  schema: z.ZodType<B>,
): Promise<{ body: B } | Response> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await readBodyText(req, MAX_OPTIONAL_BODY_BYTES);
  if (text === null)
    return jsonError(413, `the body is larger than ${MAX_OPTIONAL_BODY_BYTES} bytes`);
  let json: unknown = {};
  if (text.trim() !== "" || type !== "") {
    if (type !== "application/json")
      return jsonError(415, "send the body as JSON (Content-Type: application/json)");
    try {
      json = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return jsonError(400, "the body is not valid JSON", [
        { param: "body", message: "is not valid JSON" },
      ]);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return badRequest(bodyIssues(parsed.error));
  return { body: parsed.data };
}

/**
 * A numeric path segment (a passage or history id); 400 naming it when it is not a whole number,
 * 404 when it is one no row can have (past the id column's range: `max`).
 */
export function idParam(value: string, name = "id", max = 2_147_483_647): number {
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new ApiError(400, `invalid parameter: ${name}`, [
      { param: name, message: "must be a whole number" },
    ]);
  const id = Number(value);
  if (id > max) throw new ApiError(404, `no such ${name === "id" ? "item" : name} ${value}`);
  return id;
}
