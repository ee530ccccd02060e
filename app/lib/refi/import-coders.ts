import { normalGuid } from "./guid";
import type { ImportContext } from "./import-context";
import type { ImportedCoder } from "./import-result";
import type { RefiCoding, RefiProject, RefiSelection } from "./model";

/*
 * A project's users mapped onto coders: a user whose id or name is a coder key (case-sensitive)
 * is that coder; a hand mapping (`user:<GUID>`) names the coder outright; any other user becomes a
 * new coder whose key is made from the name. A key made earlier from the same name (a coder with
 * that key and that name) is reused, so importing a file twice does not make a second coder.
 */

export const CODER_KEY = /^[A-Za-z0-9._-]{1,32}$/;
const MAX_KEY = 32;

export interface PlannedCoder {
  key: string;
  /** The coder's id; null for a coder the import creates. */
  id: number | null;
  name: string;
  /** REF (adjudicated): an import never writes its codings. */
  adjudicated: boolean;
}

export interface CoderMapping {
  /** User GUID (normalised) → coder. */
  byUser: Map<string, PlannedCoder>;
  /** The form's coder, for codings that name no user. */
  fallback: PlannedCoder | null;
  /** The coders the import creates. */
  created: PlannedCoder[];
  details: ImportedCoder[];
}

/** The key a new coder gets from a user's name: its allowed characters, at most 32, unique. */
function keyFromName(name: string, taken: (key: string) => boolean): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, MAX_KEY) || "coder";
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const key = `${base.slice(0, MAX_KEY - suffix.length)}${suffix}`;
    if (!taken(key)) return key;
  }
}

/** The user GUID a Coding is attributed to: its own creatingUser, else its selection's. */
export function codingUser(coding: RefiCoding, selection: RefiSelection | null): string | null {
  const user = coding.creatingUser ?? selection?.creatingUser ?? null;
  return user ? normalGuid(user) : null;
}

export function mapCoders(
  ctx: ImportContext,
  project: Pick<RefiProject, "users" | "sources">,
  userMap: Record<string, string>,
  formCoder: string | undefined,
): CoderMapping {
  const hand = new Map(Object.entries(userMap).map(([g, v]) => [normalGuid(g), v]));
  const planned = new Map<string, PlannedCoder>();
  const created: PlannedCoder[] = [];
  const coder = (key: string, name: string): PlannedCoder => {
    const known = planned.get(key);
    if (known) return known;
    const row = ctx.coders.get(key);
    const made: PlannedCoder = row
      ? { key, id: row.id, name: row.name, adjudicated: row.kind === "adjudicated" }
      : { key, id: null, name, adjudicated: key === "REF" };
    if (!row) created.push(made);
    planned.set(key, made);
    return made;
  };
  const counts = codingsPerUser(project);
  const byUser = new Map<string, PlannedCoder>();
  const details: ImportedCoder[] = [];
  for (const user of project.users) {
    const guid = normalGuid(user.guid);
    const name = user.name?.trim() || user.id?.trim() || user.guid;
    const manual = hand.get(guid);
    let key: string;
    if (manual) key = manual;
    else if (user.id && ctx.coders.has(user.id)) key = user.id;
    else if (user.name && ctx.coders.has(user.name)) key = user.name;
    else {
      const reuse = (k: string) => ctx.coders.get(k)?.name === name;
      key = keyFromName(name, (k) => (ctx.coders.has(k) && !reuse(k)) || planned.has(k));
    }
    const c = coder(key, name);
    byUser.set(guid, c);
    details.push({
      guid: user.guid,
      user: name,
      coder: c.key,
      status: c.id === null ? "new" : "existing",
      codings: counts.get(guid) ?? 0,
    });
  }
  let fallback: PlannedCoder | null = null;
  const unnamed = counts.get("") ?? 0;
  if (formCoder) {
    fallback = coder(formCoder, formCoder);
    if (unnamed)
      details.push({
        guid: "",
        user: "codings that name no user",
        coder: fallback.key,
        status: fallback.id === null ? "new" : "existing",
        codings: unnamed,
      });
  }
  return { byUser, fallback, created, details };
}

/** Codings per user GUID ("" for codings that name none). */
function codingsPerUser(project: Pick<RefiProject, "sources">): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (user: string | null) => counts.set(user ?? "", (counts.get(user ?? "") ?? 0) + 1);
  for (const s of project.sources) {
    for (const c of s.codings) add(codingUser(c, null));
    for (const sel of s.selections) for (const c of sel.codings) add(codingUser(c, sel));
  }
  return counts;
}
