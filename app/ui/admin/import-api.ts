import type { PagePreview } from "@/app/lib/import/import";

/** The page to import: an uploaded file (sent as its bytes) or pasted text. */
export type PageSource = { kind: "file"; file: File } | { kind: "paste"; text: string };

/** The admin's choices, as the form holds them (every value a string, as the inputs give it). */
export interface ImportFields {
  filename: string;
  outlet: string;
  newOutlet: {
    slug: string;
    name: string;
    shortName: string;
    country: string;
    language: string;
    kind: string;
    orientation: string;
    orientationSource: string;
  } | null;
  genre: string;
  language: string;
  date: string;
  precision: "exact" | "inferred";
  reason: string;
  assign: string[];
}

/** A refused request: its message and, per field (`published.reason`, `assign`), what is wrong. */
export interface Refusal {
  status: number;
  error: string;
  fields: Record<string, string>;
  /** The existing article, when the page is a duplicate (409). */
  slug?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

function pageForm(source: PageSource): FormData {
  const form = new FormData();
  if (source.kind === "file") form.set("file", source.file, source.file.name);
  else form.set("source", source.text);
  return form;
}

async function send<T>(path: string, form: FormData): Promise<Reply<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", body: form });
  } catch {
    return {
      ok: false,
      refusal: { status: 0, error: "the server could not be reached; try again", fields: {} },
    };
  }
  const body = await res.json().catch(() => ({}));
  if (res.ok) return { ok: true, value: body as T };
  const fields: Record<string, string> = {};
  for (const issue of (body.issues ?? []) as { param: string; message: string }[]) {
    // `assign.1` belongs to the coder list as a whole.
    const param = issue.param.replace(/^assign\.\d+$/, "assign");
    fields[param] = fields[param] ? `${fields[param]}; ${issue.message}` : issue.message;
  }
  return {
    ok: false,
    refusal: {
      status: res.status,
      error: body.error ?? `the server answered ${res.status}`,
      fields,
      slug: typeof body.slug === "string" ? body.slug : undefined,
    },
  };
}

/** What the ingest makes of the page (and whether it is already an article). */
export function requestPreview(source: PageSource): Promise<Reply<PagePreview>> {
  return send("/api/v1/articles/preview", pageForm(source));
}

/** Imports the page with the admin's metadata; nested fields go by dotted names. */
export function requestImport(
  source: PageSource,
  fields: ImportFields,
): Promise<Reply<{ slug: string }>> {
  const form = pageForm(source);
  const set = (name: string, value: string) => {
    if (value.trim()) form.set(name, value);
  };
  set("filename", source.kind === "file" ? source.file.name : fields.filename);
  if (fields.newOutlet)
    for (const [k, v] of Object.entries(fields.newOutlet)) set(`newOutlet.${k}`, v);
  else set("outlet", fields.outlet);
  set("genre", fields.genre);
  set("language", fields.language);
  set("published.date", fields.date);
  set("published.precision", fields.precision);
  set("published.reason", fields.reason);
  for (const key of fields.assign) form.append("assign", key);
  return send("/api/v1/articles", form);
}
