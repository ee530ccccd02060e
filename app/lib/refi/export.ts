import "server-only";
import { describeScope } from "../filter-query";
import type { Filters } from "../filters";
import {
  type ArticleCodeRow,
  type ArticleRow,
  type ExportCorpus,
  groupBy,
  type PassageRow,
  readExportCorpus,
} from "./export-read";
import {
  ARTICLE_VARIABLES,
  type ArticleVariableValues,
  PROJECT_ORIGIN,
  refiGuid,
  type Voice,
  VOICES,
  voiceNoteName,
  WHOLE_TEXT_NAME,
} from "./framescope";
import type {
  RefiCode,
  RefiCoding,
  RefiNote,
  RefiProject,
  RefiSelection,
  RefiTextSource,
  RefiUser,
  RefiVariable,
} from "./model";
import { PositionMap } from "./positions";
import { writeProjectXml } from "./xml-write";
import { packQdpx, type QdpxFile } from "./zip";

/*
 * The coded corpus of a filter as a REFI-QDA project, mapped as framescope.ts describes: one
 * TextSource per article (its stored body in Sources/<guid>.txt), the codebook as codes under one
 * parent per dimension, the coders as users, and only public codings, as the public API shows
 * them (export-read.ts reads them). Every list is sorted, so the same corpus gives the same
 * bytes: the project carries no creation time.
 */

export interface ExportOptions {
  filters: Filters;
  /** Coder keys; absent or empty: every coder with public codings in scope. */
  coders?: string[];
}

export interface ProjectExport {
  project: RefiProject;
  files: QdpxFile[];
  articles: number;
}

export { MAX_EXPORT_ARTICLES } from "./export-read";

/** The project of the filter's articles and their public codings, with the source files. */
export async function buildProjectExport(opts: ExportOptions): Promise<ProjectExport> {
  const coders = opts.coders?.length ? [...new Set(opts.coders)].sort() : null;
  const corpus = await readExportCorpus(opts.filters, coders);
  const codebook = toCodebook(corpus);
  const notes = new NoteCollector();
  const users = new Map<string, string>();
  const sources = corpus.articles.map((article) =>
    toSource(article, {
      passages: corpus.passages.get(article.id) ?? [],
      articleCodes: corpus.articleCodes.get(article.id) ?? [],
      codebook,
      notes,
      users,
    }),
  );
  return {
    project: {
      name: `Framescope: ${describeScope(opts.filters)}`,
      origin: PROJECT_ORIGIN,
      creatingUser: null,
      creationDateTime: null,
      description: projectDescription(opts.filters, coders),
      users: [...users.keys()].sort().map(toUser),
      codes: codebook.dimensions.map(toParentCode),
      variables: ARTICLE_VARIABLES.map(toVariable),
      sources,
      notes: notes.list(),
      ignored: {},
    },
    files: corpus.articles.map((a, i) => ({
      path: `Sources/${sources[i].guid}.txt`,
      data: Buffer.from(a.body, "utf8"),
    })),
    articles: corpus.articles.length,
  };
}

/** The export as a .qdpx file: project.qde and the sources, zipped. */
export async function exportProjectQdpx(opts: ExportOptions): Promise<Buffer> {
  const { project, files } = await buildProjectExport(opts);
  return packQdpx(writeProjectXml(project), files);
}

// ---- Mapping ----

/** The codebook as the export writes it: dimensions in order, each with its codes. */
interface ExportDimension {
  key: string;
  label: string;
  definition: string;
  codes: ExportCode[];
}

interface ExportCode {
  key: string;
  label: string;
  definition: string;
  colour: string;
  guid: string;
  /** Position in the codebook (dimension order, then code order), for sorting codings. */
  rank: number;
  dimension: ExportDimension;
}

interface ExportCodebook {
  dimensions: ExportDimension[];
  codes: Map<number, ExportCode>;
}

function toCodebook(corpus: ExportCorpus): ExportCodebook {
  const byDimension = groupBy(corpus.codes, (c) => c.dimension_id);
  const codes = new Map<number, ExportCode>();
  const dimensions = corpus.dimensions.map((d) => {
    const dimension: ExportDimension = { ...d, codes: [] };
    dimension.codes = (byDimension.get(d.id) ?? []).map((c) => {
      const code = { ...c, guid: refiGuid.code(d.key, c.key), rank: codes.size, dimension };
      codes.set(c.id, code);
      return code;
    });
    return dimension;
  });
  return { dimensions, codes };
}

// GUIDs are hashes, and an export makes hundreds of thousands: those shared by many elements are
// made once.
const VOICE_GUID = Object.fromEntries(VOICES.map((v) => [v, refiGuid.voice(v)])) as Record<
  Voice,
  string
>;
const VARIABLE_GUID = ARTICLE_VARIABLES.map((v) => refiGuid.variable(v.name));

const VOICE_TEXT: Record<Voice, string> = {
  own: "The passage states the article's own view.",
  reported: "The passage reports the view of someone the article quotes or cites.",
  unclear: "Whose view the passage states cannot be decided.",
};

/** The project's notes: each coding's note, and the voice notes that codings refer to. */
class NoteCollector {
  private readonly voices = new Set<Voice>();
  private readonly codingNotes: RefiNote[] = [];

  /** The NoteRefs of a coding: its own note (when it has one), then its voice (passages). */
  refs(codingGuid: string, name: string, text: string | null, voice?: Voice): string[] {
    const out: string[] = [];
    if (text !== null && text !== "") {
      const guid = refiGuid.note(codingGuid);
      this.codingNotes.push({ guid, name, text, plainTextPath: null });
      out.push(guid);
    }
    if (voice) {
      this.voices.add(voice);
      out.push(VOICE_GUID[voice]);
    }
    return out;
  }

  list(): RefiNote[] {
    const voices = VOICES.filter((v) => this.voices.has(v)).map((v) => ({
      guid: VOICE_GUID[v],
      name: voiceNoteName(v),
      text: VOICE_TEXT[v],
      plainTextPath: null,
    }));
    return [...voices, ...this.codingNotes];
  }
}

interface SourceContext {
  passages: PassageRow[];
  articleCodes: ArticleCodeRow[];
  codebook: ExportCodebook;
  notes: NoteCollector;
  /** The coders met so far, with their user GUIDs. */
  users: Map<string, string>;
}

/** A coder's user GUID; the coder becomes one of the project's users. */
function userOf(ctx: SourceContext, coder: string): string {
  let guid = ctx.users.get(coder);
  if (!guid) {
    guid = refiGuid.coder(coder);
    ctx.users.set(coder, guid);
  }
  return guid;
}

function toSource(article: ArticleRow, ctx: SourceContext): RefiTextSource {
  const guid = refiGuid.article(article.slug);
  const positions = new PositionMap(article.body);
  const selections = [
    ...passageSelections(article, positions, ctx),
    ...wholeTextSelections(article, positions, ctx),
  ].sort(bySpanThenCoder);
  const values = articleValues(article);
  return {
    guid,
    name: article.headline,
    description: null,
    plainTextPath: `internal://${guid}.txt`,
    plainTextContent: null,
    creatingUser: null,
    creationDateTime: null,
    selections: selections.map((s) => s.selection),
    codings: [],
    noteGuids: [],
    variableValues: ARTICLE_VARIABLES.flatMap((v, i) =>
      values[v.field] === null ? [] : [{ variableGuid: VARIABLE_GUID[i], value: values[v.field] }],
    ),
  };
}

interface SortableSelection {
  selection: RefiSelection;
  coder: string;
  /** Whole-text selections after a passage on the same span. */
  whole: boolean;
}

function bySpanThenCoder(a: SortableSelection, b: SortableSelection): number {
  return (
    a.selection.start - b.selection.start ||
    a.selection.end - b.selection.end ||
    compareStrings(a.coder, b.coder) ||
    Number(a.whole) - Number(b.whole)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One selection per coder and span, with one Coding per code (in codebook order). */
function passageSelections(
  article: ArticleRow,
  positions: PositionMap,
  ctx: SourceContext,
): SortableSelection[] {
  const spans = groupBy(ctx.passages, (p) => `${p.coder}\u001f${p.start}\u001f${p.end}`);
  return [...spans.values()].map((rows) => {
    const { coder, start, end } = rows[0];
    const user = userOf(ctx, coder);
    const codings = rows
      .map((row) => ({ row, code: codeOf(ctx.codebook, row.code_id) }))
      .sort((x, y) => x.code.rank - y.code.rank)
      .map(({ row, code }): RefiCoding => {
        const guid = refiGuid.passageCoding(
          article.slug,
          coder,
          code.dimension.key,
          code.key,
          start,
          end,
        );
        return {
          guid,
          codeGuid: code.guid,
          creatingUser: user,
          creationDateTime: null,
          noteGuids: ctx.notes.refs(guid, noteName(coder, code), row.note, row.voice),
        };
      });
    const from = codePointStart(positions, start);
    const to = Math.max(from, codePointEnd(positions, end));
    return {
      coder,
      whole: false,
      selection: {
        guid: refiGuid.selection(article.slug, coder, start, end),
        name: excerpt(article.body, start, end),
        description: null,
        start: from,
        end: to,
        creatingUser: user,
        creationDateTime: null,
        codings,
        noteGuids: [],
      },
    };
  });
}

/** One whole-text selection per coder of article-level codes, a Coding per dimension. */
function wholeTextSelections(
  article: ArticleRow,
  positions: PositionMap,
  ctx: SourceContext,
): SortableSelection[] {
  const byCoder = groupBy(ctx.articleCodes, (r) => r.coder);
  return [...byCoder].map(([coder, rows]) => {
    const user = userOf(ctx, coder);
    const codings = rows
      .map((row) => ({ row, code: codeOf(ctx.codebook, row.code_id) }))
      .sort((x, y) => x.code.rank - y.code.rank)
      .map(({ row, code }): RefiCoding => {
        const guid = refiGuid.articleCoding(article.slug, coder, code.dimension.key);
        return {
          guid,
          codeGuid: code.guid,
          creatingUser: user,
          creationDateTime: null,
          noteGuids: ctx.notes.refs(guid, noteName(coder, code), row.note),
        };
      });
    return {
      coder,
      whole: true,
      selection: {
        guid: refiGuid.wholeText(article.slug, coder),
        name: WHOLE_TEXT_NAME,
        description: null,
        start: 0,
        end: positions.codePoints,
        creatingUser: user,
        creationDateTime: null,
        codings,
        noteGuids: [],
      },
    };
  });
}

function codeOf(codebook: ExportCodebook, id: number): ExportCode {
  const code = codebook.codes.get(id);
  // A foreign key guarantees it; only a codebook changed between the reads could miss one.
  if (!code) throw new Error(`code ${id} is not in the codebook`);
  return code;
}

/** A coding note's name, e.g. "FS-1 · ties: Bloc rivalry". */
function noteName(coder: string, code: ExportCode): string {
  return `${coder} · ${code.dimension.key}: ${code.label}`;
}

const EXCERPT_POINTS = 60;

/**
 * The start of a passage (from..to of the body) as the selection's name, the way other tools name
 * their quotations. Only its head is read: passages can be long, and there are thousands.
 */
function excerpt(body: string, from: number, to: number): string {
  const head = body.slice(from, Math.min(to, from + EXCERPT_POINTS * 4));
  const points = Array.from(head.replace(/\s+/g, " ").trim());
  return points.length > EXCERPT_POINTS || from + head.length < to
    ? `${points.slice(0, EXCERPT_POINTS).join("")}…`
    : points.join("");
}

/** A stored start as a code point; one inside a surrogate pair widens to the pair's start. */
function codePointStart(positions: PositionMap, unit: number): number {
  const u = Math.min(Math.max(unit, 0), positions.text.length);
  return positions.toCodePoint(u) ?? (positions.toCodePoint(u - 1) as number);
}

/** A stored end as a code point; one inside a surrogate pair widens to the pair's end. */
function codePointEnd(positions: PositionMap, unit: number): number {
  const u = Math.min(Math.max(unit, 0), positions.text.length);
  return positions.toCodePoint(u) ?? (positions.toCodePoint(u + 1) as number);
}

function articleValues(a: ArticleRow): ArticleVariableValues {
  return {
    slug: a.slug,
    outlet: a.outlet,
    outletName: a.outlet_name,
    genre: a.genre,
    published: a.published,
    datePrecision: a.date_precision,
    dateReason: a.date_reason,
    language: a.language,
    byline: a.byline,
    headline: a.headline,
    headlineLabel: a.headline_label,
    standfirst: a.standfirst,
    authorNote: a.author_note,
    captions: a.captions.length ? a.captions.join("\n") : null,
    contentHash: a.content_hash,
  };
}

function toUser(key: string): RefiUser {
  return { guid: refiGuid.coder(key), name: key, id: key };
}

function toParentCode(d: ExportDimension): RefiCode {
  return {
    guid: refiGuid.dimension(d.key),
    name: d.label,
    isCodable: false,
    color: null,
    description: d.definition,
    children: d.codes.map((c) => ({
      guid: c.guid,
      name: c.label,
      isCodable: true,
      color: c.colour,
      description: c.definition,
      children: [],
    })),
  };
}

function toVariable(v: (typeof ARTICLE_VARIABLES)[number], i: number): RefiVariable {
  return {
    guid: VARIABLE_GUID[i],
    name: v.name,
    type: v.type,
    description: v.description,
  };
}

function projectDescription(filters: Filters, coders: string[] | null): string {
  return [
    `Exported from Framescope: the articles of ${describeScope(filters)}, with the public codings of ${coders ? `the coders ${coders.join(", ")}` : "every coder"}.`,
    "Positions count Unicode code points from 0; endPosition is exclusive (text[start:end]).",
    `Article-level codes are codings of a selection of the whole text, named "${WHOLE_TEXT_NAME}".`,
    'A coding\'s voice (own, reported, unclear) is a reference to one of the shared notes named "Framescope voice: …".',
  ].join("\n");
}
