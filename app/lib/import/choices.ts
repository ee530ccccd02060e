import "server-only";
import { getDb } from "../db";
import { GENRES } from "./input";

/** What the import form offers: outlets, genres and the coders that can be assigned. */
export interface ImportChoices {
  outlets: { slug: string; name: string; language: string }[];
  genres: readonly string[];
  /** Coders of active accounts (seed coders have no account, so nobody could code as them). */
  coders: { key: string; name: string }[];
}

export async function getImportChoices(): Promise<ImportChoices> {
  const db = getDb();
  const [outlets, coders] = await Promise.all([
    db.outlet.findMany({
      where: { synthetic: false },
      select: { slug: true, name: true, language: true },
      orderBy: { name: "asc" },
    }),
    db.coder.findMany({
      where: { user: { is: { OR: [{ banned: false }, { banned: null }] } } },
      select: { key: true, user: { select: { name: true } } },
      orderBy: { key: "asc" },
    }),
  ]);
  return {
    outlets,
    genres: GENRES,
    coders: coders.map((c) => ({ key: c.key, name: c.user?.name ?? c.key })),
  };
}
