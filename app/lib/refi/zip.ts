import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import yazl from "yazl";
import { RefiError } from "./model";

/*
 * The .qdpx container: a zip with project.qde at the root and the sources' texts under Sources/.
 *
 * Reading treats the upload as hostile: the entry count is checked against the central directory
 * before anything is inflated; a declared size over the cap is refused at once, and since a
 * declared size proves nothing, bytes are counted as they come out of the inflater (yauzl also
 * stops an entry that inflates past its declared size); entry names that could leave a folder
 * are refused, and so are encrypted entries. Only project.qde and files under Sources/ (or sources/, as some tools write
 * it) are read; every name is checked all the same.
 */

export interface QdpxFile {
  path: string;
  data: Buffer | string;
}

const MiB = 1024 * 1024;

export interface QdpxLimits {
  /** The upload itself. */
  maxBytes: number;
  maxEntries: number;
  /** One entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries read, uncompressed. */
  maxTotalBytes: number;
}

export const QDPX_LIMITS: QdpxLimits = {
  maxBytes: 100 * MiB,
  maxEntries: 20_000,
  maxEntryBytes: 50 * MiB,
  maxTotalBytes: 200 * MiB,
};

export const PROJECT_ENTRY = "project.qde";
const SOURCE_FOLDERS = ["Sources/", "sources/"];

// A fixed time stamp, in DOS form only (local time, no UTC extra field): the same project packs
// to the same bytes on any machine.
const ENTRY_OPTIONS = { mtime: new Date(2020, 0, 1), forceDosTimestamp: true, compress: true };

/** Why an entry name is unsafe to use as a path, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes("\\")) return "the entry name contains a backslash (zip paths use /)";
  if (/^[a-zA-Z]:/.test(name)) return "the entry name starts with a drive letter";
  if (name.startsWith("/")) return "the entry name is an absolute path";
  if (name.split("/").includes("..")) return "the entry name climbs out of the archive (..)";
  if (name.includes("\u0000")) return "the entry name contains a NUL character";
  return null;
}

/** A zip of project.qde (first) and the given files, deflated. */
export async function packQdpx(projectXml: string, files: QdpxFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(projectXml, "utf8"), PROJECT_ENTRY, ENTRY_OPTIONS);
  for (const file of files) {
    const problem = unsafeEntryName(file.path);
    if (problem) throw new Error(`${file.path}: ${problem}`);
    const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
    zip.addBuffer(data, file.path, ENTRY_OPTIONS);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function formatBytes(n: number): string {
  return n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MiB` : `${n} bytes`;
}

/** yauzl's own complaints in words a user can act on. */
function zipProblem(file: string, err: unknown): RefiError {
  if (err instanceof RefiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/end of central directory record signature not found/i.test(message))
    return new RefiError(file, "zip", "not a zip file (no zip directory at its end; truncated?)");
  if (/too many bytes in the stream|not enough bytes in the stream/i.test(message))
    return new RefiError(file, "zip", `an entry's size is not what it declares (${message})`);
  if (/encrypt/i.test(message))
    return new RefiError(file, "zip", "encrypted entries are not supported");
  return new RefiError(file, "zip", `the zip is damaged: ${message}`);
}

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
}

/** Whether the reader keeps this entry: project.qde at the root, files under Sources/. */
function wanted(name: string): boolean {
  if (name === PROJECT_ENTRY) return true;
  return SOURCE_FOLDERS.some((f) => name.startsWith(f) && name.length > f.length);
}

interface Budget {
  total: number;
}

/** The entry's bytes, refusing it as soon as it outgrows the caps. */
function inflate(
  zip: ZipFile,
  entry: Entry,
  name: string,
  file: string,
  limits: QdpxLimits,
  budget: Budget,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(zipProblem(file, err));
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        chunks.length = 0;
        stream.destroy();
        reject(e instanceof RefiError ? e : zipProblem(file, e));
      };
      stream.on("data", (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        budget.total += chunk.length;
        if (size > limits.maxEntryBytes)
          return fail(
            new RefiError(
              file,
              name,
              `uncompressed, the entry is larger than ${formatBytes(limits.maxEntryBytes)} (a zip bomb?)`,
            ),
          );
        if (budget.total > limits.maxTotalBytes)
          return fail(
            new RefiError(
              file,
              name,
              `uncompressed, the entries are larger than ${formatBytes(limits.maxTotalBytes)} together (a zip bomb?)`,
            ),
          );
        chunks.push(chunk);
      });
      stream.on("error", (e) =>
        fail(
          /too many bytes|not enough bytes/.test(String(e))
            ? new RefiError(file, name, `the entry's size is not what it declares (${e.message})`)
            : e,
        ),
      );
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener("entry", onEntry);
      zip.removeListener("end", onEnd);
      zip.removeListener("error", onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

/** Check one entry before reading it; throws when it must not be read. */
function checkEntry(entry: Entry, name: string, file: string, limits: QdpxLimits): void {
  const problem = unsafeEntryName(name);
  if (problem) throw new RefiError(file, name, problem);
  if (!wanted(name)) return;
  if (entry.isEncrypted()) throw new RefiError(file, name, "the entry is encrypted");
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw new RefiError(
      file,
      name,
      `compression method ${entry.compressionMethod} is not supported (only stored and deflated)`,
    );
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw new RefiError(
      file,
      name,
      `the entry declares ${formatBytes(entry.uncompressedSize)}; the limit is ${formatBytes(limits.maxEntryBytes)}`,
    );
}

/**
 * project.qde and the files under Sources/ of a .qdpx, checked against the limits. Throws a
 * RefiError naming the file, the entry and the reason.
 */
export async function readQdpx(
  bytes: Buffer,
  limits: QdpxLimits = QDPX_LIMITS,
  file = "upload.qdpx",
): Promise<{ projectXml: string; files: Map<string, Buffer> }> {
  if (bytes.length > limits.maxBytes)
    throw new RefiError(
      file,
      "zip",
      `the file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)}`,
    );
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (err) {
    throw zipProblem(file, err);
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new RefiError(
        file,
        "zip",
        `the zip has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
      );
    const files = new Map<string, Buffer>();
    let projectXml: Buffer | null = null;
    const budget: Budget = { total: 0 };
    for (;;) {
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (err) {
        throw zipProblem(file, err);
      }
      if (!entry) break;
      const name = entryName(entry);
      checkEntry(entry, name, file, limits);
      if (!wanted(name) || name.endsWith("/")) continue;
      if (name === PROJECT_ENTRY ? projectXml !== null : files.has(name))
        throw new RefiError(file, name, "the zip holds two entries of this name");
      const data = await inflate(zip, entry, name, file, limits, budget);
      if (name === PROJECT_ENTRY) projectXml = data;
      else files.set(name, data);
    }
    if (!projectXml)
      throw new RefiError(file, PROJECT_ENTRY, "the zip has no project.qde at its root");
    return { projectXml: decodeProjectXml(projectXml, file), files };
  } finally {
    zip.close();
  }
}

/** project.qde as text: UTF-8 (a BOM dropped); any other encoding is refused. */
function decodeProjectXml(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RefiError(file, PROJECT_ENTRY, "project.qde is not valid UTF-8");
  }
}
