import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from "saxes";
import { GUID_PATTERN } from "./guid";
import {
  emptyProject,
  QDA_NAMESPACE,
  type RefiCode,
  type RefiCoding,
  type RefiNote,
  type RefiProject,
  RefiError,
  type RefiSelection,
  type RefiTextSource,
  type RefiVariable,
  type RefiVariableType,
  type RefiVariableValue,
} from "./model";

/*
 * project.qde -> RefiProject, with saxes (a streaming, non-validating parser with namespaces).
 *
 * A project file is untrusted: any DOCTYPE is refused before its content could matter (so no
 * external entity and no entity expansion: XXE and billion laughs die here), and an entity other
 * than XML's five is an error. Elements Framescope does not read (non-text sources, cases, sets,
 * links, graphs) are counted in `ignored`. A missing or malformed attribute that the model needs
 * is an error naming the element's path, e.g. Project/Sources/TextSource[3]/PlainTextSelection[2].
 */

type Attributes = Record<string, SaxesAttributeNS>;

/** How one open element handles what it contains. */
interface Frame {
  path: string;
  /** Children seen so far, by local name (for the [n] in paths). */
  counts: Map<string, number>;
  /** The frame for a child element of ours; undefined: not read (counted as ignored). */
  child?: (local: string, attrs: Attributes, path: string) => Frame | undefined;
  /** Collected character data, for elements whose content is text. */
  text?: string[];
  close?: (text: string) => void;
  /** Children of an ignored container (Cases, Sets, …) are counted by name. */
  countChildren?: boolean;
}

/** Elements that repeat, so their paths carry an index even when there is one. */
const LIST_ITEMS = new Set([
  "User",
  "Code",
  "Variable",
  "TextSource",
  "PictureSource",
  "PDFSource",
  "AudioSource",
  "VideoSource",
  "PlainTextSelection",
  "Coding",
  "NoteRef",
  "VariableValue",
  "Note",
]);

/** Containers Framescope does not read; their items are counted by name (Case, Set, …). */
const IGNORED_CONTAINERS = new Set(["Cases", "Sets", "Links", "Graphs"]);

const VARIABLE_TYPES: RefiVariableType[] = [
  "Text",
  "Boolean",
  "Integer",
  "Float",
  "Date",
  "DateTime",
];

class Reader {
  readonly project: RefiProject = emptyProject();
  private readonly stack: Frame[] = [];
  /** Depth inside an element that is not read (0: reading). */
  private skipping = 0;

  constructor(private readonly file: string) {}

  fail(path: string, reason: string): never {
    throw new RefiError(this.file, path, reason);
  }

  private ignore(name: string): void {
    this.project.ignored[name] = (this.project.ignored[name] ?? 0) + 1;
  }

  get path(): string {
    return this.stack.at(-1)?.path ?? "XML";
  }

  open(tag: SaxesTagNS): void {
    if (this.skipping > 0) {
      this.skipping++;
      return;
    }
    const parent = this.stack.at(-1);
    if (!parent) {
      this.stack.push(this.root(tag));
      return;
    }
    const n = (parent.counts.get(tag.local) ?? 0) + 1;
    parent.counts.set(tag.local, n);
    const path = `${parent.path}/${tag.local}${LIST_ITEMS.has(tag.local) || n > 1 ? `[${n}]` : ""}`;
    const frame =
      tag.uri === QDA_NAMESPACE ? parent.child?.(tag.local, tag.attributes, path) : undefined;
    if (frame) {
      this.stack.push(frame);
      return;
    }
    if (parent.countChildren || !IGNORED_CONTAINERS.has(tag.local) || tag.uri !== QDA_NAMESPACE) {
      // Sources and the items of ignored containers by their own names (PDFSource, Case); a part
      // of an element that is read by where it sits (Code/NoteRef), so the preview can say what.
      const within =
        parent.path
          .split("/")
          .at(-1)
          ?.replace(/\[\d+\]$/, "") ?? "";
      this.ignore(
        parent.countChildren || within === "Sources" ? tag.local : `${within}/${tag.local}`,
      );
      this.skipping = 1;
    } else {
      this.stack.push({ path, counts: new Map(), countChildren: true });
    }
  }

  close(): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const frame = this.stack.pop();
    frame?.close?.(frame.text?.join("") ?? "");
  }

  text(text: string): void {
    if (this.skipping > 0) return;
    this.stack.at(-1)?.text?.push(text);
  }

  // ---- attributes ----

  attr(attrs: Attributes, name: string): string | null {
    const a = attrs[name];
    return a && a.uri === "" ? a.value : null;
  }

  guid(attrs: Attributes, path: string, name = "guid"): string {
    const value = this.attr(attrs, name);
    if (value === null) this.fail(path, `the attribute ${name} is missing`);
    return this.checkGuid(value.trim(), path, name);
  }

  optionalGuid(attrs: Attributes, path: string, name: string): string | null {
    const value = this.attr(attrs, name);
    return value === null || value.trim() === "" ? null : this.checkGuid(value.trim(), path, name);
  }

  private checkGuid(value: string, path: string, name: string): string {
    if (!GUID_PATTERN.test(value))
      this.fail(path, `${name} ${JSON.stringify(value)} is not a GUID`);
    return value;
  }

  position(attrs: Attributes, path: string, name: string): number {
    const value = this.attr(attrs, name);
    if (value === null) this.fail(path, `the attribute ${name} is missing`);
    const n = /^\s*\+?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n))
      this.fail(path, `${name} ${JSON.stringify(value)} is not a whole number ≥ 0`);
    return n;
  }

  // ---- elements ----

  private root(tag: SaxesTagNS): Frame {
    if (tag.uri !== QDA_NAMESPACE)
      this.fail(
        tag.local,
        `wrong namespace: expected ${QDA_NAMESPACE}, found ${tag.uri ? tag.uri : "no namespace"}`,
      );
    if (tag.local !== "Project")
      this.fail(tag.local, `the root element is ${tag.local}; a REFI-QDA project has Project`);
    const p = this.project;
    const attrs = tag.attributes;
    p.name = this.attr(attrs, "name") ?? "";
    p.origin = this.attr(attrs, "origin");
    p.creatingUser = this.optionalGuid(attrs, "Project", "creatingUserGUID");
    p.creationDateTime = this.attr(attrs, "creationDateTime");
    const children: Record<string, (path: string) => Frame> = {
      Users: (path) => this.container(path, { User: (a, q) => this.user(a, q) }),
      CodeBook: (path) =>
        this.container(path, {
          Codes: (_, q) => this.container(q, { Code: (a, r) => this.code(a, r, p.codes) }),
        }),
      Variables: (path) => this.container(path, { Variable: (a, q) => this.variable(a, q) }),
      Sources: (path) => this.container(path, { TextSource: (a, q) => this.source(a, q) }),
      Notes: (path) => this.container(path, { Note: (a, q) => this.note(a, q) }),
      Description: (path) =>
        this.textFrame(path, (t) => {
          p.description = t;
        }),
    };
    return {
      path: "Project",
      counts: new Map(),
      child: (local, _attrs, path) => children[local]?.(path),
    };
  }

  private container(
    path: string,
    items: Record<string, (attrs: Attributes, path: string) => Frame>,
  ): Frame {
    return { path, counts: new Map(), child: (local, attrs, q) => items[local]?.(attrs, q) };
  }

  private textFrame(path: string, close: (text: string) => void): Frame {
    return { path, counts: new Map(), text: [], close };
  }

  private user(attrs: Attributes, path: string): Frame {
    this.project.users.push({
      guid: this.guid(attrs, path),
      name: this.attr(attrs, "name"),
      id: this.attr(attrs, "id"),
    });
    return { path, counts: new Map() };
  }

  private code(attrs: Attributes, path: string, siblings: RefiCode[]): Frame {
    const name = this.attr(attrs, "name");
    if (name === null) this.fail(path, "the attribute name is missing");
    const codable = this.attr(attrs, "isCodable")?.trim() ?? "true";
    if (!/^(true|false|1|0)$/.test(codable))
      this.fail(path, `isCodable ${JSON.stringify(codable)} is not true or false`);
    const code: RefiCode = {
      guid: this.guid(attrs, path),
      name,
      isCodable: codable === "true" || codable === "1",
      color: this.attr(attrs, "color"),
      description: null,
      children: [],
    };
    siblings.push(code);
    return {
      path,
      counts: new Map(),
      child: (local, a, q) => {
        if (local === "Code") return this.code(a, q, code.children);
        if (local === "Description")
          return this.textFrame(q, (t) => {
            code.description = t;
          });
        return undefined;
      },
    };
  }

  private variable(attrs: Attributes, path: string): Frame {
    const name = this.attr(attrs, "name");
    if (name === null) this.fail(path, "the attribute name is missing");
    const type = this.attr(attrs, "typeOfVariable")?.trim() ?? "";
    if (!VARIABLE_TYPES.includes(type as RefiVariableType))
      this.fail(
        path,
        `typeOfVariable ${JSON.stringify(type)} is not one of ${VARIABLE_TYPES.join(", ")}`,
      );
    const variable: RefiVariable = {
      guid: this.guid(attrs, path),
      name,
      type: type as RefiVariableType,
      description: null,
    };
    this.project.variables.push(variable);
    return {
      path,
      counts: new Map(),
      child: (local, _a, q) =>
        local === "Description"
          ? this.textFrame(q, (t) => {
              variable.description = t;
            })
          : undefined,
    };
  }

  private source(attrs: Attributes, path: string): Frame {
    const source: RefiTextSource = {
      guid: this.guid(attrs, path),
      name: this.attr(attrs, "name"),
      description: null,
      plainTextPath: this.attr(attrs, "plainTextPath"),
      plainTextContent: null,
      creatingUser: this.optionalGuid(attrs, path, "creatingUser"),
      creationDateTime: this.attr(attrs, "creationDateTime"),
      selections: [],
      codings: [],
      noteGuids: [],
      variableValues: [],
    };
    this.project.sources.push(source);
    return {
      path,
      counts: new Map(),
      child: (local, a, q) => {
        switch (local) {
          case "Description":
            return this.textFrame(q, (t) => {
              source.description = t;
            });
          case "PlainTextContent":
            return this.textFrame(q, (t) => {
              source.plainTextContent = t;
            });
          case "PlainTextSelection":
            return this.selection(a, q, source.selections);
          case "Coding":
            return this.coding(a, q, source.codings);
          case "NoteRef":
            return this.noteRef(a, q, source.noteGuids);
          case "VariableValue":
            return this.variableValue(q, source.variableValues);
          default:
            return undefined;
        }
      },
    };
  }

  private selection(attrs: Attributes, path: string, list: RefiSelection[]): Frame {
    const start = this.position(attrs, path, "startPosition");
    const end = this.position(attrs, path, "endPosition");
    if (end < start) this.fail(path, `endPosition ${end} is before startPosition ${start}`);
    const selection: RefiSelection = {
      guid: this.guid(attrs, path),
      name: this.attr(attrs, "name"),
      description: null,
      start,
      end,
      creatingUser: this.optionalGuid(attrs, path, "creatingUser"),
      creationDateTime: this.attr(attrs, "creationDateTime"),
      codings: [],
      noteGuids: [],
    };
    list.push(selection);
    return {
      path,
      counts: new Map(),
      child: (local, a, q) => {
        if (local === "Description")
          return this.textFrame(q, (t) => {
            selection.description = t;
          });
        if (local === "Coding") return this.coding(a, q, selection.codings);
        if (local === "NoteRef") return this.noteRef(a, q, selection.noteGuids);
        return undefined;
      },
    };
  }

  private coding(attrs: Attributes, path: string, list: RefiCoding[]): Frame {
    const coding: RefiCoding = {
      guid: this.guid(attrs, path),
      codeGuid: "",
      creatingUser: this.optionalGuid(attrs, path, "creatingUser"),
      creationDateTime: this.attr(attrs, "creationDateTime"),
      noteGuids: [],
    };
    list.push(coding);
    return {
      path,
      counts: new Map(),
      child: (local, a, q) => {
        if (local === "CodeRef") {
          coding.codeGuid = this.guid(a, q, "targetGUID");
          return { path: q, counts: new Map() };
        }
        if (local === "NoteRef") return this.noteRef(a, q, coding.noteGuids);
        return undefined;
      },
      close: () => {
        if (!coding.codeGuid) this.fail(path, "the Coding has no CodeRef");
      },
    };
  }

  private noteRef(attrs: Attributes, path: string, list: string[]): Frame {
    list.push(this.guid(attrs, path, "targetGUID"));
    return { path, counts: new Map() };
  }

  private variableValue(path: string, list: RefiVariableValue[]): Frame {
    const value: RefiVariableValue = { variableGuid: "", value: null };
    list.push(value);
    const typed =
      (parse: (text: string, q: string) => RefiVariableValue["value"]) =>
      (_a: Attributes, q: string): Frame =>
        this.textFrame(q, (t) => {
          value.value = parse(t, q);
        });
    const values: Record<string, (a: Attributes, q: string) => Frame> = {
      TextValue: typed((t) => t),
      BooleanValue: typed((t, q) => {
        const v = t.trim();
        if (!/^(true|false|1|0)$/.test(v)) this.fail(q, `${JSON.stringify(v)} is not a boolean`);
        return v === "true" || v === "1";
      }),
      IntegerValue: typed((t, q) => {
        const v = t.trim();
        if (!/^[+-]?\d+$/.test(v)) this.fail(q, `${JSON.stringify(v)} is not an integer`);
        return Number(v);
      }),
      FloatValue: typed((t, q) => {
        const v = t.trim();
        if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v))
          this.fail(q, `${JSON.stringify(v)} is not a number`);
        return Number(v);
      }),
      DateValue: typed((t) => t.trim()),
      DateTimeValue: typed((t) => t.trim()),
    };
    return {
      path,
      counts: new Map(),
      child: (local, a, q) => {
        if (local === "VariableRef") {
          value.variableGuid = this.guid(a, q, "targetGUID");
          return { path: q, counts: new Map() };
        }
        return values[local]?.(a, q);
      },
      close: () => {
        if (!value.variableGuid) this.fail(path, "the VariableValue has no VariableRef");
      },
    };
  }

  private note(attrs: Attributes, path: string): Frame {
    const note: RefiNote = {
      guid: this.guid(attrs, path),
      name: this.attr(attrs, "name"),
      text: null,
      plainTextPath: this.attr(attrs, "plainTextPath"),
    };
    this.project.notes.push(note);
    return {
      path,
      counts: new Map(),
      child: (local, _a, q) =>
        local === "PlainTextContent"
          ? this.textFrame(q, (t) => {
              note.text = t;
            })
          : undefined,
    };
  }
}

/** "3:17: undefined entity." -> "line 3, column 17: undefined entity" */
function saxesMessage(err: Error): string {
  const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
  const text = (m ? m[3] : err.message).replace(/\.$/, "");
  return m ? `line ${m[1]}, column ${m[2]}: ${text}` : text;
}

/**
 * The project in project.qde. Throws a RefiError naming the file, the element and the reason
 * when the XML is malformed, declares a DOCTYPE, is not a QDA-XML project, or lacks what the
 * model needs.
 */
export function parseProjectXml(xml: string, file = "project.qde"): RefiProject {
  const reader = new Reader(file);
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on("doctype", () =>
    reader.fail(
      "DOCTYPE",
      "a DOCTYPE is not allowed in a project file (DTDs, external entities and entity expansion are refused)",
    ),
  );
  parser.on("error", (err) => {
    throw new RefiError(file, reader.path, saxesMessage(err));
  });
  parser.on("opentag", (tag) => reader.open(tag));
  parser.on("closetag", () => reader.close());
  parser.on("text", (text) => reader.text(text));
  parser.on("cdata", (text) => reader.text(text));
  // close() reports unclosed elements and a missing root, so a document that ends is whole.
  parser.write(xml).close();
  return reader.project;
}
