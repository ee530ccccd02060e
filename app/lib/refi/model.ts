/*
 * A REFI-QDA project (QDA-XML, urn:QDA-XML:project:1.0) as plain data: what the writer turns into
 * project.qde and what the reader makes of one. Only the parts Framescope writes or reads are
 * modelled; other elements (Cases, Sets, Links, Graphs, non-text sources) are read as counts so an
 * import can say what it left out.
 *
 * Positions (`start`, `end`) are Unicode code points of the source's plain text, as the file
 * holds them: start counts from 0 and end is exclusive (text[start:end]). See positions.ts for the
 * conversion from and to Framescope's UTF-16 offsets.
 */

export const QDA_NAMESPACE = "urn:QDA-XML:project:1.0";

export interface RefiUser {
  guid: string;
  name: string | null;
  id: string | null;
}

export interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color: string | null;
  description: string | null;
  children: RefiCode[];
}

export type RefiVariableType = "Text" | "Boolean" | "Integer" | "Float" | "Date" | "DateTime";

export interface RefiVariable {
  guid: string;
  name: string;
  type: RefiVariableType;
  description: string | null;
}

/** A source's value of a variable; dates as YYYY-MM-DD, date-times as ISO strings. */
export interface RefiVariableValue {
  variableGuid: string;
  value: string | number | boolean | null;
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUser: string | null;
  creationDateTime: string | null;
  noteGuids: string[];
}

export interface RefiSelection {
  guid: string;
  name: string | null;
  description: string | null;
  /** Code points, from 0. */
  start: number;
  /** Code points, exclusive. */
  end: number;
  creatingUser: string | null;
  creationDateTime: string | null;
  codings: RefiCoding[];
  noteGuids: string[];
}

export interface RefiTextSource {
  guid: string;
  name: string | null;
  description: string | null;
  /** `internal://<file>` (a file under Sources/), a relative path, or null when inline. */
  plainTextPath: string | null;
  /** Inline text (PlainTextContent), when the file carries the text in the XML. */
  plainTextContent: string | null;
  creatingUser: string | null;
  creationDateTime: string | null;
  selections: RefiSelection[];
  /** Codings of the whole source (TextSource/Coding). */
  codings: RefiCoding[];
  noteGuids: string[];
  variableValues: RefiVariableValue[];
}

export interface RefiNote {
  guid: string;
  name: string | null;
  /** The note's text (inline PlainTextContent, or the file plainTextPath names once resolved). */
  text: string | null;
  plainTextPath: string | null;
}

export interface RefiProject {
  name: string;
  origin: string | null;
  creatingUser: string | null;
  creationDateTime: string | null;
  description: string | null;
  users: RefiUser[];
  /** Top-level codes; children nest. */
  codes: RefiCode[];
  variables: RefiVariable[];
  sources: RefiTextSource[];
  notes: RefiNote[];
  /** What the reader met but does not import, e.g. { PDFSource: 2, Case: 3 }. Empty when writing. */
  ignored: Record<string, number>;
}

/** A project with nothing in it yet: the start of a reader's or a test's project. */
export function emptyProject(name = ""): RefiProject {
  return {
    name,
    origin: null,
    creatingUser: null,
    creationDateTime: null,
    description: null,
    users: [],
    codes: [],
    variables: [],
    sources: [],
    notes: [],
    ignored: {},
  };
}

/** A problem with a project file: which file, which element, and why. */
export class RefiError extends Error {
  constructor(
    readonly file: string,
    readonly element: string,
    readonly reason: string,
  ) {
    super(`${file}: ${element}: ${reason}`);
    this.name = "RefiError";
  }
}
