/*
 * The answer of a project import (`POST /api/v1/import/project`), preview and write alike: the
 * counts the admin confirms, and the details behind each count. Kept apart from the engine so the
 * admin page can import the types without the server code.
 */

export type SourceStatus = "matched" | "new" | "skipped";
export type MatchedBy = "content hash" | "text" | "normalised text";
export type CodeStatus = "mapped" | "unmatched" | "skipped";

export interface ImportedSource {
  guid: string;
  name: string;
  status: SourceStatus;
  /** The article's slug (the new one's, for a new article). */
  article: string | null;
  matchedBy: MatchedBy | null;
  /** Why it is skipped (or how it was matched when that needs saying). */
  reason: string | null;
  selections: number;
}

export interface ImportedCoder {
  /** The REFI user's GUID; "" for the form's coder (codings that name no user). */
  guid: string;
  user: string;
  coder: string;
  status: "existing" | "new";
  codings: number;
}

export interface ImportedCode {
  guid: string;
  path: string;
  status: CodeStatus;
  dimension: string | null;
  code: string | null;
  codings: number;
}

export interface InvalidSelection {
  source: string;
  guid: string;
  name: string | null;
  start: number;
  end: number;
  reason: string;
}

export interface ImportConflict {
  article: string;
  coder: string;
  dimension: string;
  reason: string;
}

export interface ImportWritten {
  articles: number;
  coders: number;
  passageCodes: number;
  articleCodes: number;
  unchanged: number;
}

export interface ImportResult {
  dryRun: boolean;
  project: { name: string; origin: string | null };
  sources: { matched: number; new: number; skipped: number };
  coders: ImportedCoder[];
  codes: { mapped: number; unmatched: number };
  selections: { ok: number; invalid: number };
  written: ImportWritten | null;
  details: {
    sources: ImportedSource[];
    codes: ImportedCode[];
    invalidSelections: InvalidSelection[];
    conflicts: ImportConflict[];
    ignored: Record<string, number>;
    warnings: string[];
  };
}
