import { v5 as uuidv5 } from "uuid";

/*
 * Stable GUIDs: a name-based UUID (version 5) of what the element stands for, so the same corpus
 * exported twice gives the same GUIDs and a project exported from one database matches another.
 * Upper case, as ATLAS.ti and MAXQDA write them.
 */

const FRAMESCOPE_NAMESPACE = "6f1c2d3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f";

export function stableGuid(...parts: (string | number)[]): string {
  return uuidv5(parts.map(String).join("\u001f"), FRAMESCOPE_NAMESPACE).toUpperCase();
}

export const GUID_PATTERN =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

/** A GUID in one form for comparing: braces dropped, upper case. */
export function normalGuid(guid: string): string {
  return guid.replace(/^\{|\}$/g, "").toUpperCase();
}
