import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/**
 * The method block of seeds/codebook.yaml (summary, sources, agreement,
 * coding rules). The database stores the dimensions and codes but not this
 * block, so it is read from the seed file itself.
 */

const text = z.string().trim().min(1);

const methodSchema = z.strictObject({
  summary: text,
  sources: z.array(text),
  agreement: text,
  coding_rules: z.array(text),
});

// Only the method block is checked here; the dimensions are validated by the seed loader.
const fileSchema = z.object({ method: methodSchema });

export interface Method {
  summary: string;
  sources: string[];
  agreement: string;
  codingRules: string[];
}

export type MethodResult = { ok: true; method: Method } | { ok: false; error: string };

export const CODEBOOK_PATH = path.join(process.cwd(), "seeds", "codebook.yaml");

/** Reads and validates the method block; never throws, so the page can say what is missing. */
export async function loadMethod(file: string = CODEBOOK_PATH): Promise<MethodResult> {
  let raw: string;
  try {
    raw = await readFile(/*turbopackIgnore: true*/ file, "utf8");
  } catch (err) {
    return {
      ok: false,
      error:
        `could not read ${path.relative(process.cwd(), file)}: ` +
        `${(err as NodeJS.ErrnoException).code ?? "error"}`,
    };
  }
  let data: unknown;
  try {
    data = parseYaml(raw);
  } catch (err) {
    return {
      ok: false,
      error: `seeds/codebook.yaml is not valid YAML: ${(err as Error).message.split("\n")[0]}`,
    };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first.path.join(".") || "(root)";
    return {
      ok: false,
      error: `the method block of seeds/codebook.yaml is invalid at ${at}: ${first.message}`,
    };
  }
  const m = parsed.data.method;
  return {
    ok: true,
    method: {
      summary: m.summary,
      sources: m.sources,
      agreement: m.agreement,
      codingRules: m.coding_rules,
    },
  };
}
