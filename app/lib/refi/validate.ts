import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

/*
 * Validation of project.qde against the REFI-QDA Project schema with libxml2 (xmllint compiled to
 * WebAssembly), so no system tool is needed. xmllint-wasm starts a worker from a file beside its
 * own module, so Next.js must leave the package unbundled (serverExternalPackages).
 */

/** Where the schema lives, from the project root (the working directory of Next and Vitest). */
export const SCHEMA_PATH = path.join(process.cwd(), "app/lib/refi/schema/Project-mrt2019.xsd");
const SCHEMA_FILE = "Project.xsd";
const XML_FILE = "project.qde";

let schema: string | null = null;

function projectSchema(): string {
  schema ??= readFileSync(SCHEMA_PATH, "utf8");
  return schema;
}

/** 64 KiB WebAssembly pages: libxml2 needs a few times the document's size, 32 MiB at least. */
function memoryPages(xml: string): number {
  const bytes = Buffer.byteLength(xml, "utf8");
  return Math.min(65_536, Math.max(512, Math.ceil((bytes * 8) / 65_536) + 512));
}

/** Whether the XML is a valid REFI-QDA project, with libxml2's messages ("line 3: …") if not. */
export async function validateProjectXml(
  xml: string,
): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: XML_FILE, contents: xml }],
    schema: [{ fileName: SCHEMA_FILE, contents: projectSchema() }],
    initialMemoryPages: 256,
    maxMemoryPages: memoryPages(xml),
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) =>
      e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message,
    ),
  };
}
