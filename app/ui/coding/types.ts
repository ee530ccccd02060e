import type { Voice } from "./coding-api";

/** One codebook code as the workspace shows it. */
export interface WorkspaceCode {
  key: string;
  label: string;
  definition: string;
  colour: string;
  tint: string;
}

/** One codebook dimension as the workspace shows it (plain data from the server page). */
export interface WorkspaceDimension {
  key: string;
  label: string;
  question: string;
  definition: string;
  scope: "passage" | "article";
  codes: WorkspaceCode[];
}

/** The voices a passage can state, in the order the workspace offers them. */
export const VOICES: { value: Voice; label: string; hint: string }[] = [
  { value: "own", label: "Own", hint: "the article's own view" },
  { value: "reported", label: "Reported", hint: "a view the article quotes or paraphrases" },
  { value: "unclear", label: "Unclear", hint: "mixed, or the text does not decide" },
];
