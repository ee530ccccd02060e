import "server-only";
import { ApiError } from "../api";
import { MAX_INGEST_BYTES } from "../ingest/ingest";

/*
 * Reads an import request: JSON `{ source, filename, …metadata }`, or multipart/form-data with the
 * page as the `file` part (raw bytes, so the server sees invalid UTF-8 and binary content) and the
 * metadata as fields, nested ones with dotted names (`published.date`, `newOutlet.slug`, `assign`
 * repeated). The body is never read past the limit: a 50 MB upload is refused after 12 MB.
 */

/** The largest request: the page (at most MAX_INGEST_BYTES) plus JSON escaping or multipart framing. */
export const MAX_IMPORT_REQUEST_BYTES = MAX_INGEST_BYTES + 2 * 1024 * 1024;
const TEXT_EXTENSIONS = /\.(txt|html?)$/i;
const TEXT_TYPES = new Set(["", "text/plain", "text/html", "application/octet-stream"]);
const MB = MAX_INGEST_BYTES / (1024 * 1024);

/** The page and the other fields of an import request, not yet validated. */
export interface Upload {
  source: string;
  /** Size of the page in bytes (UTF-8). */
  bytes: number;
  fields: Record<string, unknown>;
}

/** The page of a request and its fields; throws ApiError 400/413/415 naming what is wrong. */
export async function readUpload(req: Request): Promise<Upload> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && type !== "multipart/form-data")
    throw new ApiError(
      415,
      "send the page as JSON (Content-Type: application/json) or as a multipart/form-data upload",
    );
  const raw = await readBodyBytes(req, MAX_IMPORT_REQUEST_BYTES);
  return type === "application/json" ? readJson(raw) : readMultipart(raw, req.headers);
}

function tooLarge(what: string): ApiError {
  return new ApiError(413, `${what} is larger than ${MB} MB; a page may have at most ${MB} MB`);
}

/**
 * The body's bytes, counted as they arrive: a body over `limit` (by its Content-Length or by what
 * is actually sent) is refused with 413 without being buffered whole.
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw tooLarge("the upload");
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge("the upload");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function readJson(raw: Buffer): Upload {
  const text = decodeUtf8(raw);
  if (text === null)
    throw new ApiError(400, "the body is not valid UTF-8", [
      { param: "body", message: "is not valid UTF-8; send JSON encoded as UTF-8" },
    ]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "the body is not valid JSON", [
      { param: "body", message: "is not valid JSON" },
    ]);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new ApiError(400, "the body must be a JSON object", [
      { param: "body", message: "must be a JSON object" },
    ]);
  const { source, ...fields } = json as Record<string, unknown>;
  if (typeof source !== "string")
    throw new ApiError(400, "invalid parameter: source", [
      { param: "source", message: "must be the page's text (a string)" },
    ]);
  checkFilename(fields.filename);
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes > MAX_INGEST_BYTES) throw tooLarge("source");
  checkText(source, "source");
  return { source, bytes, fields };
}

async function readMultipart(raw: Buffer, headers: Headers): Promise<Upload> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new ApiError(400, "the body is not valid multipart/form-data", [
      { param: "body", message: "is not valid multipart/form-data" },
    ]);
  }
  const file = form.get("file");
  const pasted = form.get("source");
  const fields = formFields(form);
  if (file instanceof File) {
    if (typeof fields.filename !== "string" || !fields.filename) fields.filename = file.name;
    checkFilename(fields.filename);
    if (!TEXT_TYPES.has(file.type.split(";")[0].trim().toLowerCase()))
      throw new ApiError(415, `the file is ${file.type}; upload a .txt or .html page`, [
        { param: "file", message: `is ${file.type}, not text/plain or text/html` },
      ]);
    if (file.size > MAX_INGEST_BYTES) throw tooLarge("the file");
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { source: pageText(bytes), bytes: bytes.byteLength, fields };
  }
  if (typeof pasted === "string") {
    checkFilename(fields.filename);
    const bytes = Buffer.byteLength(pasted, "utf8");
    if (bytes > MAX_INGEST_BYTES) throw tooLarge("source");
    checkText(pasted, "source");
    return { source: pasted, bytes, fields };
  }
  throw new ApiError(400, "invalid parameter: file", [
    { param: "file", message: "is missing: upload the page as `file` or paste it as `source`" },
  ]);
}

/** The form's fields besides the page, nested by their dotted names; empty fields are left out. */
function formFields(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (name === "file" || name === "source" || typeof value !== "string" || value === "") continue;
    if (name === "assign") {
      out.assign = [...((out.assign as string[] | undefined) ?? []), value];
      continue;
    }
    const path = name.split(".");
    let at = out;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]] = value;
  }
  return out;
}

/** A page's name must say it is text: .txt, .html or .htm (415 otherwise). */
function checkFilename(filename: unknown): void {
  if (typeof filename === "string" && filename.trim() && !TEXT_EXTENSIONS.test(filename.trim()))
    throw new ApiError(415, "only .txt and .html pages can be imported", [
      { param: "filename", message: "must end in .txt, .html or .htm" },
    ]);
}

/**
 * The uploaded bytes as text. Binary content (NUL bytes, or mostly control characters) is refused
 * with 415, bytes that are not UTF-8 with 400: both before anything is stored.
 */
export function pageText(bytes: Uint8Array): string {
  if (bytes.includes(0))
    throw new ApiError(415, "the file is binary, not a text page (it contains NUL bytes)", [
      { param: "file", message: "is binary (contains NUL bytes); upload a .txt or .html page" },
    ]);
  const text = decodeUtf8(bytes);
  if (text === null) {
    const at = firstInvalidUtf8(bytes);
    throw new ApiError(400, "the file is not valid UTF-8 text", [
      {
        param: "file",
        message:
          `is not valid UTF-8 (first bad byte at offset ${at}); ` +
          "save the page as UTF-8 and upload it again",
      },
    ]);
  }
  checkText(text, "file");
  return text;
}

// Control characters no text page carries (tab, line feed, form feed and carriage return are text).
const BINARY_CONTROL = /[\u0000-\u0008\u000E-\u001F]/g;

/** Refuses text that is mostly control characters: a binary file read as text. */
function checkText(text: string, param: "file" | "source"): void {
  const controls = text.match(BINARY_CONTROL)?.length ?? 0;
  if (text.includes("\u0000") || (controls > 8 && controls / Math.max(text.length, 1) > 0.01))
    throw new ApiError(
      param === "file" ? 415 : 400,
      `the ${param === "file" ? "file" : "pasted page"} is binary, not text`,
      [
        {
          param,
          message: `is binary (${controls} control characters), not a text page`,
        },
      ],
    );
}

/** Where the first byte that breaks UTF-8 stands (for the message only). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : 4;
    if (lead >= 0x80 && (lead < 0xc2 || lead > 0xf4)) return i;
    for (let k = 1; k < length; k++)
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}
