import { randomUUID } from "node:crypto";
import { ZipFile } from "yazl";

/*
 * REFI-QDA project files for the specs that import them, made here as another tool would make
 * them (no Framescope code involved): a project.qde and its sources, zipped.
 */

export const QDA_NAMESPACE = "urn:QDA-XML:project:1.0";

/** A fresh GUID in the upper-case form most tools write. */
export const guid = (): string => randomUUID().toUpperCase();

/** Zips entries (name → text or bytes) in the given order, as a .qdpx. */
export function zip(entries: [string, string | Buffer][]): Promise<Buffer> {
  const file = new ZipFile();
  for (const [name, data] of entries)
    file.addBuffer(typeof data === "string" ? Buffer.from(data) : data, name);
  file.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    file.outputStream.on("data", (c: Buffer) => chunks.push(c));
    file.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    file.outputStream.on("error", reject);
  });
}

/** A project file: project.qde and each source under Sources/. */
export function qdpx(projectXml: string, sources: Record<string, string> = {}): Promise<Buffer> {
  return zip([
    ["project.qde", projectXml],
    ...Object.entries(sources).map(([name, text]): [string, string] => [`Sources/${name}`, text]),
  ]);
}

/** Escapes text for an XML attribute or element. */
export function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A selection's code-point positions (end exclusive) of `quote` in `text`. */
export function codePoints(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(quote).length };
}

/** A project with users only: imports nothing, for requests that only need a valid file. */
export function emptyProject(name: string): Promise<Buffer> {
  return qdpx(
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="${QDA_NAMESPACE}" name="${xml(name)}" origin="Framescope e2e">` +
      `<Users><User guid="${guid()}" name="Nobody"/></Users></Project>`,
  );
}
