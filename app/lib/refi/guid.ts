import { createHash } from "node:crypto";

/*
 * Stable GUIDs: a name-based UUID (version 5) of what the element stands for, so the same corpus
 * exported twice gives the same GUIDs and a project exported from one database matches another.
 * Upper case, as ATLAS.ti and MAXQDA write them.
 */

export const FRAMESCOPE_NAMESPACE = "6f1c2d3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f";
const NAMESPACE_BYTES = Buffer.from(FRAMESCOPE_NAMESPACE.replace(/-/g, ""), "hex");

/**
 * The UUID v5 of the parts (joined by U+001F) in Framescope's namespace: what uuid's v5 gives
 * (guid.test.ts checks it), computed here with one hash and no parsing, since an export of
 * thousands of articles makes hundreds of thousands of them.
 */
export function stableGuid(...parts: (string | number)[]): string {
  const hash = createHash("sha1")
    .update(NAMESPACE_BYTES)
    .update(parts.map(String).join("\u001f"), "utf8")
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.toString("hex", 0, 16).toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const GUID_PATTERN =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

/** A GUID in one form for comparing: braces dropped, upper case. */
export function normalGuid(guid: string): string {
  return guid.replace(/^\{|\}$/g, "").toUpperCase();
}
