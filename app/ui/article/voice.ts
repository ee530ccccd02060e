import type { PassageVoice } from "@/app/generated/prisma/enums";

/** How each voice reads to a user: a short label and what it means for the outlet's view. */
export const VOICE_TEXT: Record<PassageVoice, { label: string; meaning: string }> = {
  own: { label: "Own voice", meaning: "the article's own view or framing" },
  reported: {
    label: "Reported view",
    meaning: "someone the article quotes or paraphrases; not the article's own view",
  },
  unclear: { label: "Voice unclear", meaning: "the text does not settle whose view this is" },
};
