import "server-only";
import { getDb } from "../db";

export interface CoderInfo {
  key: string;
  name: string;
  kind: string;
}

/** Everyone (and everything) that has coded, by key. */
export async function getCoders(): Promise<CoderInfo[]> {
  return getDb().coder.findMany({ orderBy: { key: "asc" }, select: { key: true, name: true, kind: true } });
}
