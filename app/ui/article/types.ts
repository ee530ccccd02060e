import type { PassageVoice } from "@/app/generated/prisma/enums";
import type { Paragraph } from "./segments";

/** What the client-side reader needs: plain, serialisable data prepared on the server. */
export interface ReaderCode {
  key: string;
  label: string;
  colour: string;
  tint: string;
  /** Passages with this code in this article (for the shown coder or coders). */
  count: number;
}

export interface ReaderDimension {
  key: string;
  label: string;
  scope: "passage" | "article";
  codes: ReaderCode[];
  count: number;
}

export interface ReaderPassage {
  id: number;
  dimension: string;
  code: string;
  start: number;
  end: number;
  coder: string;
  coderName: string;
  note: string | null;
  voice: PassageVoice;
  /** REF passages: who decided it, when and why. */
  provenance?: string | null;
  lane: number;
}

export interface ReaderData {
  paragraphs: Paragraph[];
  passages: ReaderPassage[];
  dimensions: ReaderDimension[];
  lanes: number;
}
