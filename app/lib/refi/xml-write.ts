import {
  QDA_NAMESPACE,
  type RefiCode,
  type RefiCoding,
  type RefiNote,
  type RefiProject,
  type RefiSelection,
  type RefiTextSource,
  type RefiUser,
  type RefiVariable,
  type RefiVariableType,
  type RefiVariableValue,
} from "./model";

/*
 * RefiProject -> project.qde (QDA-XML, urn:QDA-XML:project:1.0).
 *
 * A small serializer of its own rather than xmlbuilder2: xmlbuilder2 4.0 writes tab, LF and CR in
 * attribute values as raw characters (a parser normalises them to spaces), writes CR in text raw
 * (a parser turns it into LF), drops C0 control characters silently and lets U+FFFE/U+FFFF
 * through, which no XML parser accepts. Here every string goes through two escapers
 * (escapeText, escapeAttribute) that keep tab, LF and CR exactly, as character references where
 * XML would normalise them, and replace what XML 1.0 forbids by U+FFFD.
 *
 * Elements follow the XSD's sequence order; containers with nothing in them are left out because
 * the schema requires at least one child in each.
 */

/** A quick test for anything xmlSafe might have to replace (surrogates are usually in pairs). */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** What XML 1.0 cannot carry: C0 controls but tab/LF/CR, surrogates not in a pair, U+FFFE/FFFF. */
function forbiddenUnit(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) ||
    (c >= 0xd800 && c <= 0xdfff) ||
    c === 0xfffe ||
    c === 0xffff
  );
}

/** The text with every character XML 1.0 forbids replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  if (!MAYBE_FORBIDDEN.test(text)) return text;
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (forbiddenUnit(c)) {
      out += `${text.slice(last, i)}\uFFFD`;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

const TEXT_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\r": "&#xD;",
};

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
};

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;

/** Character data: markup escaped, CR as a reference (a parser would turn a raw CR into LF). */
export function escapeText(text: string): string {
  const safe = xmlSafe(text);
  TEXT_SPECIAL.lastIndex = 0;
  return TEXT_SPECIAL.test(safe) ? safe.replace(TEXT_SPECIAL, (c) => TEXT_ESCAPES[c]) : safe;
}

/** A double-quoted attribute value: tab, LF and CR as references, or a parser makes them spaces. */
export function escapeAttribute(value: string): string {
  const safe = xmlSafe(value);
  ATTRIBUTE_SPECIAL.lastIndex = 0;
  return ATTRIBUTE_SPECIAL.test(safe)
    ? safe.replace(ATTRIBUTE_SPECIAL, (c) => ATTRIBUTE_ESCAPES[c])
    : safe;
}

type AttributeValue = string | number | boolean | null | undefined;

/** One element: attributes (null/undefined ones left out), then text or child elements. */
interface XmlElement {
  name: string;
  attributes?: Record<string, AttributeValue>;
  text?: string;
  children?: (XmlElement | null)[];
}

function serialize(el: XmlElement, indent: string, out: string[]): void {
  let open = `${indent}<${el.name}`;
  for (const [key, value] of Object.entries(el.attributes ?? {})) {
    if (value === null || value === undefined) continue;
    open += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  const children = (el.children ?? []).filter((c): c is XmlElement => c !== null);
  if (el.text !== undefined) {
    out.push(`${open}>${escapeText(el.text)}</${el.name}>`);
  } else if (children.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const child of children) serialize(child, `${indent}  `, out);
    out.push(`${indent}</${el.name}>`);
  }
}

/** A container element, or null when it would be empty (the schema wants at least one child). */
function container(name: string, children: XmlElement[]): XmlElement | null {
  return children.length > 0 ? { name, children } : null;
}

function textElement(name: string, text: string | null): XmlElement | null {
  return text === null ? null : { name, text };
}

const noteRefs = (guids: string[]): XmlElement[] =>
  guids.map((guid) => ({ name: "NoteRef", attributes: { targetGUID: guid } }));

function userElement(user: RefiUser): XmlElement {
  return { name: "User", attributes: { guid: user.guid, name: user.name, id: user.id } };
}

const RGB = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

function codeElement(code: RefiCode): XmlElement {
  return {
    name: "Code",
    attributes: {
      guid: code.guid,
      name: code.name,
      isCodable: code.isCodable,
      // A colour the schema would refuse is cosmetic; leave it out rather than fail the export.
      color: code.color && RGB.test(code.color) ? code.color : null,
    },
    children: [textElement("Description", code.description), ...code.children.map(codeElement)],
  };
}

function variableElement(variable: RefiVariable): XmlElement {
  return {
    name: "Variable",
    attributes: { guid: variable.guid, name: variable.name, typeOfVariable: variable.type },
    children: [textElement("Description", variable.description)],
  };
}

/** A number as xsd:decimal, which has no exponent form. */
export function decimalString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} is not a decimal number`);
  const plain = String(n);
  if (!/e/i.test(plain)) return plain;
  // 1e21 and above are whole numbers that toFixed would still write with an exponent.
  if (Math.abs(n) >= 1e21) return BigInt(n).toString();
  return n.toFixed(20).replace(/\.?0+$/, "");
}

function valueElement(
  value: RefiVariableValue["value"],
  type: RefiVariableType | undefined,
  variableGuid: string,
): XmlElement | null {
  if (value === null) return null;
  const fail = (expected: string) => {
    throw new Error(
      `variable ${variableGuid}: ${JSON.stringify(value)} is not ${expected} (typeOfVariable ${type})`,
    );
  };
  const kind =
    type ?? (typeof value === "boolean" ? "Boolean" : typeof value === "number" ? "Float" : "Text");
  switch (kind) {
    case "Text":
      return { name: "TextValue", text: String(value) };
    case "Boolean":
      if (typeof value === "boolean") return { name: "BooleanValue", text: String(value) };
      if (value === "true" || value === "false") return { name: "BooleanValue", text: value };
      return fail("true or false");
    case "Integer":
      if (typeof value === "number" && Number.isSafeInteger(value))
        return { name: "IntegerValue", text: String(value) };
      if (typeof value === "string" && /^[+-]?\d+$/.test(value))
        return { name: "IntegerValue", text: value };
      return fail("an integer");
    case "Float":
      if (typeof value === "number" && Number.isFinite(value))
        return { name: "FloatValue", text: decimalString(value) };
      if (typeof value === "string" && /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(value))
        return { name: "FloatValue", text: value };
      return fail("a decimal number");
    case "Date":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
        return { name: "DateValue", text: value };
      return fail("a date (YYYY-MM-DD)");
    case "DateTime":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value))
        return { name: "DateTimeValue", text: value };
      return fail("a date-time (ISO 8601)");
  }
}

function codingElement(coding: RefiCoding): XmlElement {
  return {
    name: "Coding",
    attributes: {
      guid: coding.guid,
      creatingUser: coding.creatingUser,
      creationDateTime: coding.creationDateTime,
    },
    children: [
      { name: "CodeRef", attributes: { targetGUID: coding.codeGuid } },
      ...noteRefs(coding.noteGuids),
    ],
  };
}

function selectionElement(selection: RefiSelection): XmlElement {
  return {
    name: "PlainTextSelection",
    attributes: {
      guid: selection.guid,
      name: selection.name,
      startPosition: selection.start,
      endPosition: selection.end,
      creatingUser: selection.creatingUser,
      creationDateTime: selection.creationDateTime,
    },
    children: [
      textElement("Description", selection.description),
      ...selection.codings.map(codingElement),
      ...noteRefs(selection.noteGuids),
    ],
  };
}

function sourceElement(source: RefiTextSource, types: Map<string, RefiVariableType>): XmlElement {
  return {
    name: "TextSource",
    attributes: {
      guid: source.guid,
      name: source.name,
      plainTextPath: source.plainTextPath,
      creatingUser: source.creatingUser,
      creationDateTime: source.creationDateTime,
    },
    children: [
      textElement("Description", source.description),
      // The schema allows the text inline or in a file, not both: a path wins.
      source.plainTextPath === null
        ? textElement("PlainTextContent", source.plainTextContent)
        : null,
      ...source.selections.map(selectionElement),
      ...source.codings.map(codingElement),
      ...noteRefs(source.noteGuids),
      ...source.variableValues.map((v) => ({
        name: "VariableValue",
        children: [
          { name: "VariableRef", attributes: { targetGUID: v.variableGuid } },
          valueElement(v.value, types.get(v.variableGuid), v.variableGuid),
        ],
      })),
    ],
  };
}

function noteElement(note: RefiNote): XmlElement {
  return {
    name: "Note",
    attributes: { guid: note.guid, name: note.name, plainTextPath: note.plainTextPath },
    children: [note.plainTextPath === null ? textElement("PlainTextContent", note.text) : null],
  };
}

/** The project as project.qde: UTF-8 XML, valid against Project-mrt2019.xsd. */
export function writeProjectXml(project: RefiProject): string {
  const types = new Map(project.variables.map((v) => [v.guid, v.type]));
  const root: XmlElement = {
    name: "Project",
    attributes: {
      xmlns: QDA_NAMESPACE,
      name: project.name,
      origin: project.origin,
      creatingUserGUID: project.creatingUser,
      creationDateTime: project.creationDateTime,
    },
    children: [
      container("Users", project.users.map(userElement)),
      project.codes.length > 0
        ? { name: "CodeBook", children: [container("Codes", project.codes.map(codeElement))] }
        : null,
      container("Variables", project.variables.map(variableElement)),
      container(
        "Sources",
        project.sources.map((s) => sourceElement(s, types)),
      ),
      container("Notes", project.notes.map(noteElement)),
      textElement("Description", project.description),
    ],
  };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  serialize(root, "", out);
  return `${out.join("\n")}\n`;
}
