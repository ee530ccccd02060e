import "server-only";
import { getDb } from "../db";

export interface CoderDetail {
  key: string;
  name: string;
  kind: "person" | "automatic";
  version: string | null;
  description: string | null;
}

/** Every coder with what the codebook page says about it, by key. */
export async function getCoderDetails(): Promise<CoderDetail[]> {
  return getDb().coder.findMany({
    orderBy: { key: "asc" },
    select: { key: true, name: true, kind: true, version: true, description: true },
  });
}
