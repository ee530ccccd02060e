import "server-only";
import { ApiError } from "../api";
import { readBodyBytes } from "../import/read-upload";
import type { ImportOptions } from "./import";
import { QDPX_LIMITS } from "./zip";

/*
 * Reads `POST /api/v1/import/project`: multipart/form-data with the project as `file`, `dryRun`,
 * `outlet`, `genre`, `language`, `coder`, and hand mappings `code:<GUID>` and `user:<GUID>`. The
 * body is refused with 413 above the upload limit, by its Content-Length before reading and by
 * counting while it is read.
 */

// Multipart framing and the other fields around the file.
const FRAMING_BYTES = 1024 * 1024;
const MiB = 1024 * 1024;
const FIELDS = new Set(["file", "dryRun", "outlet", "genre", "language", "coder"]);

export interface ProjectUpload {
  bytes: Buffer;
  file: string;
  options: ImportOptions;
}

function tooLarge(): ApiError {
  const limit = QDPX_LIMITS.maxBytes / MiB;
  return new ApiError(
    413,
    `the upload is larger than ${limit} MiB; a project may have at most ${limit} MiB`,
    [{ param: "file", message: `is larger than ${limit} MiB` }],
  );
}

function invalid(param: string, message: string): ApiError {
  return new ApiError(400, `invalid parameter: ${param}`, [{ param, message }]);
}

export async function readProjectUpload(req: Request): Promise<ProjectUpload> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data")
    throw new ApiError(
      415,
      "send the project as a multipart/form-data upload with the file as `file`",
    );
  const limit = QDPX_LIMITS.maxBytes + FRAMING_BYTES;
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  let raw: Buffer;
  try {
    raw = await readBodyBytes(req, limit);
  } catch (err) {
    if (err instanceof ApiError && err.status === 413) throw tooLarge();
    throw err;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw invalid("body", "is not valid multipart/form-data");
  }
  const upload = form.get("file");
  if (!(upload instanceof File))
    throw invalid("file", "is missing: upload the project (.qdpx) as `file`");
  if (upload.size > QDPX_LIMITS.maxBytes) throw tooLarge();
  return {
    bytes: Buffer.from(await upload.arrayBuffer()),
    file: upload.name || "upload.qdpx",
    options: readOptions(form),
  };
}

function readOptions(form: FormData): ImportOptions {
  const options: ImportOptions = { dryRun: false, codeMap: {}, userMap: {} };
  const text = (name: string, value: FormDataEntryValue): string => {
    if (typeof value !== "string") throw invalid(name, "must be a text field, not a file");
    return value.trim();
  };
  for (const [name, entry] of form.entries()) {
    if (name === "file") continue;
    const value = text(name, entry);
    if (name.startsWith("code:")) {
      if (value) options.codeMap![name.slice(5)] = value;
    } else if (name.startsWith("user:")) {
      if (value) options.userMap![name.slice(5)] = value;
    } else if (!FIELDS.has(name)) throw invalid(name, "is not a field of a project import");
    else if (name === "dryRun") {
      if (value !== "true" && value !== "false")
        throw invalid("dryRun", 'must be "true" or "false"');
      options.dryRun = value === "true";
    } else if (value) options[name as "outlet" | "genre" | "language" | "coder"] = value;
  }
  return options;
}
