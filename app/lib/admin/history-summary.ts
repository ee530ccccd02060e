/*
 * One line of plain text for a coding_history `before` or `after` value, as /admin/activity
 * shows it. The shapes are the coding service's (a passage, article-level codes, done state,
 * an assignment); anything else is shown as its fields, so a new kind of entry still reads.
 */

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string")
    return ISO.test(value) ? `${value.slice(0, 16).replace("T", " ")} UTC` : clip(value, 60);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return clip(JSON.stringify(value), 60);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function passage(v: Obj): string {
  const parts = [`${v.dimension} = ${v.code}`];
  if (typeof v.quote === "string" && v.quote) parts.push(`“${clip(v.quote, 70)}”`);
  if (typeof v.start === "number" && typeof v.end === "number") parts.push(`[${v.start}–${v.end}]`);
  if (typeof v.voice === "string") parts.push(`voice ${v.voice}`);
  if (typeof v.note === "string" && v.note) parts.push(`note: ${clip(v.note, 50)}`);
  return parts.join(" ");
}

/** Article-level codes: `{ weapons: { code, note } | null, … }`. */
function isCodeMap(v: Obj): boolean {
  const values = Object.values(v);
  const coded = (x: unknown) => isObj(x) && typeof x.code === "string";
  return values.some(coded) && values.every((x) => x === null || coded(x));
}

function codeMap(v: Obj): string {
  return Object.entries(v)
    .map(([dim, x]) => {
      if (!isObj(x)) return `${dim} = none`;
      const note = typeof x.note === "string" && x.note ? ` (note: ${clip(x.note, 40)})` : "";
      return `${dim} = ${x.code}${note}`;
    })
    .join("; ");
}

/** A `before`/`after` value in one line of at most about 200 characters; "—" for none. */
export function summarizeHistoryValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (!isObj(value)) return scalar(value);
  if (typeof value.dimension === "string" && typeof value.code === "string") return passage(value);
  if (isCodeMap(value)) return codeMap(value);
  const fields = Object.entries(value).map(([k, v]) => `${k} ${scalar(v)}`);
  return fields.length ? clip(fields.join(", "), 200) : "—";
}
