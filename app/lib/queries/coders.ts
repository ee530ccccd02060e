import "server-only";
import { cache } from "react";
import { readDb as getDb } from "../db";
import type { CoderKind } from "../../generated/prisma/client";

export interface CoderInfo {
  key: string;
  name: string;
  kind: CoderKind;
  version: string | null;
  description: string | null;
}

/** Everyone (and everything) that has coded, by key. Deduplicated within one request (React cache). */
export const getCoders = cache(
  async (): Promise<CoderInfo[]> =>
    getDb().coder.findMany({
      orderBy: { key: "asc" },
      select: { key: true, name: true, kind: true, version: true, description: true },
    }),
);
