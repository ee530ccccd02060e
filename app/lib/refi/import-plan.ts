import "server-only";
import type { Tx } from "../coding/transaction";
import { readInOrder } from "../db";
import {
  IMPORTED_VOICE,
  PROJECT_ORIGIN,
  type Voice,
  voiceOfNote,
  WHOLE_TEXT_NAME,
} from "./framescope";
import { normalGuid } from "./guid";
import { type CodeMapping, mapCodes } from "./import-codes";
import { type CoderMapping, codingUser, mapCoders, type PlannedCoder } from "./import-coders";
import type { ImportContext } from "./import-context";
import type { ImportConflict, ImportResult, InvalidSelection } from "./import-result";
import { planSources, type SourceDefaults, type SourcePlan, type Target } from "./import-sources";
import type { LoadedProject, LoadedSource } from "./load";
import type { RefiCoding, RefiSelection } from "./model";
import { PositionMap } from "./positions";

/*
 * The plan of a project import, made before anything is written: what each source, user, code
 * and selection becomes, the codings to write, those already there, and the conflicts.
 */

export interface PlannedPassage {
  target: Target;
  coder: PlannedCoder;
  codeId: number;
  dimensionKey: string;
  start: number;
  end: number;
  quote: string;
  note: string | null;
  voice: Voice;
}

export interface PlannedArticleCode {
  target: Target;
  coder: PlannedCoder;
  dimensionId: number;
  dimensionKey: string;
  codeId: number;
  note: string | null;
}

export interface ImportPlan {
  result: Omit<ImportResult, "dryRun" | "written">;
  sources: SourcePlan[];
  coders: CoderMapping;
  passages: PlannedPassage[];
  articleCodes: PlannedArticleCode[];
  unchanged: number;
}

export interface PlanOptions extends SourceDefaults {
  coder?: string;
  codeMap: Record<string, string>;
  userMap: Record<string, string>;
}

export async function planImport(
  tx: Tx,
  ctx: ImportContext,
  project: LoadedProject,
  file: string,
  opts: PlanOptions,
): Promise<ImportPlan> {
  const codes = mapCodes(ctx, project, opts.codeMap);
  const coders = mapCoders(ctx, project, opts.userMap, opts.coder);
  const { plans, warnings } = await planSources(tx, ctx, project, file, opts);
  const notes = new Map(project.notes.map((n) => [normalGuid(n.guid), n]));
  const codings = new CodingCollector(codes, coders, notes, warnings);
  const invalid: InvalidSelection[] = [];
  let ok = 0;
  const framescope = project.origin === PROJECT_ORIGIN;
  for (const plan of plans) {
    const { source, target } = plan;
    if (source.text === null) continue;
    const points = new PositionMap(source.text).codePoints;
    for (const sel of source.selections) {
      const reason = selectionProblem(sel, points);
      if (reason) {
        invalid.push({
          source: plan.detail.name,
          guid: sel.guid,
          name: sel.name,
          start: sel.start,
          end: sel.end,
          reason,
        });
        continue;
      }
      ok++;
      // A Framescope export writes article codes on a selection of the whole text, named so;
      // another tool's selection of the whole text is taken as coding the article.
      const whole =
        sel.start === 0 && sel.end === points && (!framescope || sel.name === WHOLE_TEXT_NAME);
      if (target) for (const c of sel.codings) codings.add(source, target, c, sel, whole);
    }
    if (target) for (const c of source.codings) codings.add(source, target, c, null, true);
  }
  const conflicts = [...codings.conflicts];
  const { passages, articleCodes, unchanged } = await dropExisting(tx, codings, conflicts);
  const count = (s: string) => plans.filter((p) => p.detail.status === s).length;
  return {
    result: {
      project: { name: project.name, origin: project.origin },
      sources: { matched: count("matched"), new: count("new"), skipped: count("skipped") },
      coders: coders.details,
      codes: {
        mapped: codes.details.filter((c) => c.status === "mapped").length,
        unmatched: codes.details.filter((c) => c.status === "unmatched").length,
      },
      selections: { ok, invalid: invalid.length },
      details: {
        sources: plans.map((p) => p.detail),
        codes: codes.details,
        invalidSelections: invalid,
        conflicts,
        ignored: project.ignored,
        warnings: [...warnings, ...codings.summary()],
      },
    },
    sources: plans,
    coders,
    passages,
    articleCodes,
    unchanged,
  };
}

function selectionProblem(sel: RefiSelection, points: number): string | null {
  if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end))
    return "its positions are not whole numbers";
  if (sel.start < 0) return `it starts at ${sel.start}, before the text`;
  if (sel.end > points) return `it ends at ${sel.end}, after the text's ${points} characters`;
  if (sel.start >= sel.end) return `it ends (${sel.end}) where or before it starts (${sel.start})`;
  return null;
}

/** Turns Codings into passage and article codes, one per key, counting what it leaves out. */
class CodingCollector {
  readonly passages = new Map<string, PlannedPassage>();
  readonly articleCodes = new Map<string, PlannedArticleCode>();
  readonly conflicts: ImportConflict[] = [];
  private unmapped = 0;
  private noCoder = 0;
  private reference = 0;
  private unknownUser = 0;

  constructor(
    private readonly codes: CodeMapping,
    private readonly coders: CoderMapping,
    private readonly notes: Map<string, { name: string | null; text: string | null }>,
    private readonly warnings: string[],
  ) {}

  /**
   * One Coding: an article code when its dimension is article-level and it codes the whole text
   * (`whole`), else a passage code (Framescope's passages also carry article-level codes).
   */
  add(
    source: LoadedSource,
    target: Target,
    coding: RefiCoding,
    sel: RefiSelection | null,
    whole: boolean,
  ): void {
    const code = this.codes.targets.get(normalGuid(coding.codeGuid));
    if (!code) {
      this.unmapped++;
      return;
    }
    const user = codingUser(coding, sel);
    const coder = user ? this.coders.byUser.get(user) : this.coders.fallback;
    if (!coder) {
      if (user) this.unknownUser++;
      else this.noCoder++;
      return;
    }
    if (coder.adjudicated) {
      this.reference++;
      return;
    }
    const { voice, note } = this.notesOf(coding, sel);
    if (code.scope === "article" && whole) {
      const key = `${target.key}|${code.dimensionId}|${coder.key}`;
      const had = this.articleCodes.get(key);
      if (had && (had.codeId !== code.codeId || had.note !== note))
        this.conflicts.push({
          article: target.slug,
          coder: coder.key,
          dimension: code.dimensionKey,
          reason: `the project codes ${code.dimensionKey} more than once for this coder; the first is kept`,
        });
      if (!had)
        this.articleCodes.set(key, {
          target,
          coder,
          dimensionId: code.dimensionId,
          dimensionKey: code.dimensionKey,
          codeId: code.codeId,
          note,
        });
      return;
    }
    const start = sel === null ? 0 : target.toBody(sel.start);
    const end = sel === null ? target.body.length : target.toBody(sel.end);
    if (start === null || end === null || start >= end) {
      this.warnings.push(
        `${source.name ?? source.guid}: a selection does not reach the article's text`,
      );
      return;
    }
    const key = `${target.key}|${code.codeId}|${coder.key}|${start}|${end}`;
    const had = this.passages.get(key);
    if (had) {
      if (had.note !== note || had.voice !== voice)
        this.conflicts.push({
          article: target.slug,
          coder: coder.key,
          dimension: code.dimensionKey,
          reason: `the project codes ${code.codeKey} twice on ${start}–${end} with other notes; the first is kept`,
        });
      return;
    }
    this.passages.set(key, {
      target,
      coder,
      codeId: code.codeId,
      dimensionKey: code.dimensionKey,
      start,
      end,
      quote: target.body.slice(start, end),
      note,
      voice: voice ?? IMPORTED_VOICE,
    });
  }

  /** The voice (from a voice note) and the other notes' text, joined by a blank line. */
  private notesOf(
    coding: RefiCoding,
    sel: RefiSelection | null,
  ): { voice: Voice | null; note: string | null } {
    let voice: Voice | null = null;
    const texts: string[] = [];
    const guids = [...new Set([...coding.noteGuids, ...(sel?.noteGuids ?? [])].map(normalGuid))];
    for (const guid of guids) {
      const n = this.notes.get(guid);
      if (!n) continue;
      const v = voiceOfNote(n.name);
      if (v) voice ??= v;
      else if (n.text?.trim()) texts.push(n.text);
    }
    return { voice, note: texts.length ? texts.join("\n\n") : null };
  }

  summary(): string[] {
    const out: string[] = [];
    if (this.unmapped)
      out.push(
        `${this.unmapped} codings use codes that are not mapped to the codebook; they are not imported`,
      );
    if (this.reference)
      out.push(
        `${this.reference} codings by REF (the reference coding) are not imported: only adjudication writes REF`,
      );
    if (this.noCoder)
      out.push(`${this.noCoder} codings name no user: choose a coder in the form to import them`);
    if (this.unknownUser)
      out.push(
        `${this.unknownUser} codings name a user the project does not list; they are not imported`,
      );
    return out;
  }
}

/**
 * Leaves out the codings the database already holds: the same passage code with the same note and
 * voice, the same article code with the same note, each counted unchanged. A different one of the
 * coder's is a conflict, listed and not overwritten.
 */
async function dropExisting(
  tx: Tx,
  codings: CodingCollector,
  conflicts: ImportConflict[],
): Promise<{ passages: PlannedPassage[]; articleCodes: PlannedArticleCode[]; unchanged: number }> {
  const ids = new Set<number>();
  for (const p of codings.passages.values()) if (p.target.articleId) ids.add(p.target.articleId);
  for (const a of codings.articleCodes.values())
    if (a.target.articleId) ids.add(a.target.articleId);
  const articleIds = [...ids];
  const [passages, articleCodes] = await readInOrder([
    () =>
      tx.passageCode.findMany({
        where: { articleId: { in: articleIds } },
        select: {
          articleId: true,
          codeId: true,
          start: true,
          end: true,
          note: true,
          voice: true,
          coder: { select: { key: true } },
        },
      }),
    () =>
      tx.articleCode.findMany({
        where: { articleId: { in: articleIds } },
        select: {
          articleId: true,
          dimensionId: true,
          codeId: true,
          note: true,
          coder: { select: { key: true } },
        },
      }),
  ]);
  const havePassage = new Map(
    passages.map((p) => [`id:${p.articleId}|${p.codeId}|${p.coder.key}|${p.start}|${p.end}`, p]),
  );
  const haveCode = new Map(
    articleCodes.map((a) => [`id:${a.articleId}|${a.dimensionId}|${a.coder.key}`, a]),
  );
  let unchanged = 0;
  const outPassages: PlannedPassage[] = [];
  for (const [key, p] of codings.passages) {
    const had = havePassage.get(key);
    if (!had) outPassages.push(p);
    else if (had.note === p.note && had.voice === p.voice) unchanged++;
    else
      conflicts.push({
        article: p.target.slug,
        coder: p.coder.key,
        dimension: p.dimensionKey,
        reason:
          "the coder's passage with this code and span has another note or voice; not overwritten",
      });
  }
  const outCodes: PlannedArticleCode[] = [];
  for (const [key, a] of codings.articleCodes) {
    const had = haveCode.get(key);
    if (!had) outCodes.push(a);
    else if (had.codeId === a.codeId && had.note === a.note) unchanged++;
    else
      conflicts.push({
        article: a.target.slug,
        coder: a.coder.key,
        dimension: a.dimensionKey,
        reason:
          had.codeId === a.codeId
            ? "the coder's code is the same with another note; not overwritten"
            : "the coder has another code for this dimension; not overwritten",
      });
  }
  return { passages: outPassages, articleCodes: outCodes, unchanged };
}
