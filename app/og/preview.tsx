import { ImageResponse } from "next/og";
import type { ReactNode } from "react";
import { PREVIEW_SIZE } from "./preview-url";

const MUTED = "#55555d";

/** Text shorter than `max` characters, cut at a word with an ellipsis: a preview has room for a few lines. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** "2024-03-05 to 2024-04-30", "from …", "until …" or "all dates". */
export function dateRange(from: string | null, to: string | null): string {
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return "all dates";
}

/** A coloured square and its label, for legends. */
export function Chip({ colour, label }: { colour: string; label: string }) {
  return (
    <div style={{ display: "flex", alignItems: "center", marginRight: 22, marginBottom: 6 }}>
      <div style={{ display: "flex", width: 16, height: 16, background: colour, marginRight: 6 }} />
      {label}
    </div>
  );
}

/** One 100 % bar of coloured segments. */
export function ShareBar({
  segments,
  width,
}: {
  segments: { key: string; colour: string; share: number }[];
  width: number;
}) {
  return (
    <div style={{ display: "flex", width, height: 32, border: "1px solid #d6d6dc" }}>
      {segments
        .filter((s) => s.share > 0)
        .map((s) => (
          <div
            key={s.key}
            style={{
              display: "flex",
              width: `${s.share * 100}%`,
              height: "100%",
              background: s.colour,
            }}
          />
        ))}
    </div>
  );
}

/**
 * A preview image: the brand and a kicker, a title (the finding), lines of
 * facts under it, then the page's own picture. Cached for five minutes.
 */
export function previewImage({
  kicker,
  title,
  facts,
  children,
}: {
  kicker: string;
  title: string;
  facts: string[];
  children?: ReactNode;
}): ImageResponse {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        padding: "44px 56px",
        background: "#fff",
        color: "#1d1d1f",
        fontSize: 24,
      }}
    >
      <div style={{ display: "flex", fontSize: 24, color: "#1f4e9c", fontWeight: 700 }}>
        {`Framescope · ${kicker}`}
      </div>
      <div
        style={{
          display: "flex",
          flexShrink: 0,
          fontSize: 34,
          fontWeight: 700,
          marginTop: 10,
          lineHeight: 1.2,
        }}
      >
        {clip(title, 240)}
      </div>
      {facts.map((f) => (
        <div
          key={f}
          style={{ display: "flex", flexShrink: 0, fontSize: 22, color: MUTED, marginTop: 8 }}
        >
          {clip(f, 100)}
        </div>
      ))}
      <div style={{ display: "flex", flexDirection: "column", flexShrink: 0, marginTop: 20 }}>
        {children}
      </div>
    </div>,
    { ...PREVIEW_SIZE, headers: { "Cache-Control": "public, max-age=300" } },
  );
}
