import iconv from "iconv-lite";

/*
 * Korean pages are often served as EUC-KR / CP949 but read as Latin-1, which
 * turns "상단여백" into "»ó´Ü¿©¹é". Such text is recoverable: re-encode the
 * run to the bytes it came from and decode those bytes as CP949.
 */

// A run of two or more characters that a Latin-1 decoder makes out of bytes
// 0x80–0xFF (EUC-KR lead and trail bytes are all in 0xA1–0xFE). Single
// characters (©, é, a no-break space) are left alone: they are usually
// genuine, and curly quotes or dashes in English text never start a run.
const SUSPECT_RUN = /[\u0080-\u009F\u00A1-\u00FF]{2,}/g;

const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/;
// What a repaired run may contain: Hangul, ASCII and common symbols (▲ and
// friends). Hanja in a repaired run almost always means the bytes were
// damaged before they reached us, so such a run is not trusted.
const REPAIRED_OK =
  /^[\uAC00-\uD7A3\u3131-\u318E\u0020-\u007E\u00B7\u2010-\u2027\u2190-\u21FF\u25A0-\u25FF\u3000-\u303F]+$/;

export interface RepairResult {
  text: string;
  repaired: number;
  dropped: string[];
}

/**
 * Decodes one Latin-1-read run as CP949, or returns null if it does not decode to plausible Korean.
 */
export function repairRun(run: string): string | null {
  const decoded = iconv.decode(Buffer.from(run, "latin1"), "cp949");
  if (decoded.includes("\uFFFD") || !REPAIRED_OK.test(decoded)) return null;
  // A lone symbol such as ▲ is a real repair too (bullet markers in captions).
  return HANGUL.test(decoded) || /^[\u2190-\u21FF\u25A0-\u25FF]+$/.test(decoded) ? decoded : null;
}

/**
 * Repairs every Latin-1-read Korean run in `text`; runs that cannot be repaired are removed and
 * reported.
 */
export function repairKoreanMojibake(text: string): RepairResult {
  let repaired = 0;
  const dropped: string[] = [];
  const out = text.replace(SUSPECT_RUN, (run) => {
    const fixed = repairRun(run);
    if (fixed !== null) {
      repaired++;
      return fixed;
    }
    dropped.push(run);
    return "";
  });
  return { text: out, repaired, dropped };
}
