import type { RefiProject, RefiTextSource } from "./model";
import { parseProjectXml } from "./xml-read";
import { PROJECT_ENTRY, QDPX_LIMITS, readQdpx } from "./zip";

/*
 * A .qdpx as the import reads it: the project with each source's text resolved. A source whose
 * text is missing or unreadable is kept with a `problem` so the preview can list it; only a file
 * that cannot be read at all (a broken or hostile zip, malformed XML) throws.
 */

export interface LoadedSource extends RefiTextSource {
  /** The plain text, UTF-8 decoded, BOM dropped; null when it could not be had. */
  text: string | null;
  /** Why text is null. */
  problem: string | null;
}

export interface LoadedProject extends Omit<RefiProject, "sources"> {
  sources: LoadedSource[];
}

const SOURCE_FOLDERS = ["Sources/", "sources/"];

/**
 * The zip entries a plainTextPath may name, in the order to try them: `internal://x` is x under
 * Sources/ (or sources/), also percent-decoded; a path without a scheme is taken as it is, then
 * under the source folders. Anything else (file://, relative:// to the tool's base path, an
 * absolute path) points outside the zip and is never read: null.
 */
function candidates(plainTextPath: string): string[] | null {
  const internal = /^internal:\/\/\/?(.*)$/i.exec(plainTextPath);
  const name = internal ? internal[1] : plainTextPath.replace(/^\.\//, "");
  if (!internal && (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith("/"))) return null;
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all.
  }
  const names = decoded === name ? [name] : [name, decoded];
  return [...(internal ? [] : names), ...names.flatMap((n) => SOURCE_FOLDERS.map((f) => f + n))];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text a plainTextPath names, or why there is none. */
function resolveText(
  plainTextPath: string,
  files: Map<string, Buffer>,
): { text: string; problem: null } | { text: null; problem: string } {
  const names = candidates(plainTextPath);
  if (!names)
    return {
      text: null,
      problem: `${plainTextPath} is outside the project file (only internal:// paths and paths inside the zip are read)`,
    };
  const name = names.find((n) => files.has(n));
  if (!name) return { text: null, problem: `${names[0]} is not in the project file` };
  try {
    return { text: utf8.decode(files.get(name)), problem: null };
  } catch {
    return { text: null, problem: `${name} is not valid UTF-8 text` };
  }
}

function loadSource(source: RefiTextSource, files: Map<string, Buffer>): LoadedSource {
  if (source.plainTextPath !== null) {
    const found = resolveText(source.plainTextPath, files);
    // The schema wants one of the two; a tool that wrote both still has the inline text.
    if (found.text === null && source.plainTextContent !== null)
      return { ...source, text: source.plainTextContent, problem: null };
    return { ...source, ...found };
  }
  if (source.plainTextContent !== null)
    return { ...source, text: source.plainTextContent, problem: null };
  return {
    ...source,
    text: null,
    problem: "the source has neither plainTextPath nor PlainTextContent",
  };
}

/**
 * The project in a .qdpx with its sources' and notes' texts. Throws a RefiError (file, element,
 * reason) when the file is not a readable, safe project file.
 */
export async function loadProject(bytes: Buffer, file = "upload.qdpx"): Promise<LoadedProject> {
  const { projectXml, files } = await readQdpx(bytes, QDPX_LIMITS, file);
  const project = parseProjectXml(projectXml, `${file}/${PROJECT_ENTRY}`);
  return {
    ...project,
    sources: project.sources.map((s) => loadSource(s, files)),
    notes: project.notes.map((note) =>
      note.text === null && note.plainTextPath !== null
        ? { ...note, text: resolveText(note.plainTextPath, files).text }
        : note,
    ),
  };
}
