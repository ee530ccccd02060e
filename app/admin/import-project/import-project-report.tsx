"use client";

import { type ReactNode, useEffect, useRef } from "react";
import styles from "@/app/ui/admin/import-form.module.css";
import type { ImportResult } from "./import-project-api";
import type { CodebookTarget } from "./import-project-form";

// A project can hold thousands of texts; the page lists this many of each kind and counts the rest.
const MAX_ROWS = 500;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What an import would do (a preview) or did: the project, its texts, users, codes, selections
 * that do not fit, conflicts, what was left out and warnings, each under a heading with its count.
 * With `onMap`, each code not in the codebook gets a select to map it by hand or skip it; with
 * `onMapUser`, each user one to give their codings to an existing coder.
 */
export function ProjectReport({
  result,
  targets,
  coders = [],
  codeMap = {},
  userMap = {},
  onMap,
  onMapUser,
}: {
  result: ImportResult;
  targets: CodebookTarget[];
  /** The coders a user can be mapped to by hand. */
  coders?: { key: string; name: string }[];
  codeMap?: Record<string, string>;
  userMap?: Record<string, string>;
  onMap?: (guid: string, target: string) => void;
  onMapUser?: (guid: string, coder: string) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new preview or the import's result: move focus to it, so it is what is read next.
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);
  const { project, written } = result;
  return (
    <section
      aria-labelledby="project-report-title"
      className={written ? styles.success : styles.panel}
      data-testid={written ? "import-project-result" : "import-project-preview"}
    >
      <h2 id="project-report-title" ref={heading} tabIndex={-1}>
        {written ? "Imported" : "Preview"}: {project.name || "an unnamed project"}
      </h2>
      <p data-testid="project-origin">
        {project.origin
          ? `Made by ${project.origin}.`
          : "The file does not say which tool made it."}
        {!written && " Nothing has been written yet."}
      </p>
      {written && <Written written={written} />}
      <Sources result={result} />
      <Coders result={result} coders={coders} userMap={userMap} onMap={onMapUser} />
      <Codes result={result} targets={targets} codeMap={codeMap} onMap={onMap} />
      <Selections result={result} />
      <Conflicts result={result} />
      <Ignored result={result} />
      <Warnings result={result} />
    </section>
  );
}

function Written({ written }: { written: NonNullable<ImportResult["written"]> }) {
  return (
    <p data-testid="written">
      <strong>Written:</strong> {plural(written.articles, "new article")},{" "}
      {plural(written.coders, "new coder")}, {plural(written.passageCodes, "passage code")},{" "}
      {plural(written.articleCodes, "article code")}; {plural(written.unchanged, "coding")} already
      in the corpus left unchanged.
    </p>
  );
}

/** A subsection: its heading (with the count in it) and, when there is nothing, one line. */
function Part({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`project-${id}`} data-testid={`project-${id}`}>
      <h3 id={`project-${id}`}>{title}</h3>
      {empty ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

function More({ total }: { total: number }) {
  if (total <= MAX_ROWS) return null;
  return (
    <p className="muted">
      The first {MAX_ROWS} are listed; {total - MAX_ROWS} more are not.
    </p>
  );
}

const articleLink = (slug: string) => <a href={`/articles/${encodeURIComponent(slug)}`}>{slug}</a>;

function Sources({ result }: { result: ImportResult }) {
  const { matched, new: fresh, skipped } = result.sources;
  const rows = result.details.sources;
  const written = result.written !== null;
  return (
    <Part
      id="sources"
      title={`Texts: ${matched} matched, ${fresh} new, ${skipped} skipped`}
      empty={rows.length ? undefined : "The project has no text sources."}
    >
      <div className="table-scroll">
        <table className="admin-table">
          <caption>
            Each text of the project: matched to an article of the corpus,{" "}
            {written ? "imported as a new article" : "to become a new article"}, or skipped, and
            why.
          </caption>
          <thead>
            <tr>
              <th scope="col">Text</th>
              <th scope="col">Status</th>
              <th scope="col">Article or reason</th>
              <th scope="col">Selections</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((s) => (
              <tr key={s.guid} data-status={s.status}>
                <th scope="row">{s.name || s.guid}</th>
                <td>{s.status}</td>
                <td>
                  {s.status === "matched" && s.article && (
                    <>
                      {articleLink(s.article)}
                      {s.matchedBy && <span className="muted"> (by {s.matchedBy})</span>}
                    </>
                  )}
                  {s.status === "new" && (s.article ? articleLink(s.article) : "a new article")}
                  {s.reason && <span>{s.reason}</span>}
                </td>
                <td data-count>{s.selections}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </Part>
  );
}

function Coders({
  result,
  coders,
  userMap,
  onMap,
}: {
  result: ImportResult;
  coders: { key: string; name: string }[];
  userMap: Record<string, string>;
  onMap?: (guid: string, coder: string) => void;
}) {
  const rows = result.coders;
  const added = rows.filter((c) => c.status === "new").length;
  return (
    <Part
      id="coders"
      title={`Users → coders: ${rows.length - added} existing, ${added} new`}
      empty={rows.length ? undefined : "No coding names a user."}
    >
      <div className="table-scroll">
        <table className="admin-table">
          <caption>
            Each user of the project and the coder their codings belong to
            {result.written
              ? ""
              : "; new coders are created on import, unless you choose an existing coder here (then preview again)"}
            .
          </caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Coder</th>
              <th scope="col">Status</th>
              <th scope="col">Codings</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((c) => (
              <tr key={c.guid} data-status={c.status}>
                <th scope="row">{c.user || "(codings that name no user)"}</th>
                <td>
                  {onMap && c.guid ? (
                    <CoderSelect
                      guid={c.guid}
                      user={c.user}
                      coder={c.coder}
                      value={userMap[c.guid] ?? ""}
                      coders={coders}
                      onChange={(value) => onMap(c.guid, value)}
                    />
                  ) : (
                    <code>{c.coder}</code>
                  )}
                </td>
                <td>{c.status}</td>
                <td data-count>{c.codings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </Part>
  );
}

function Codes({
  result,
  targets,
  codeMap,
  onMap,
}: {
  result: ImportResult;
  targets: CodebookTarget[];
  codeMap: Record<string, string>;
  onMap?: (guid: string, target: string) => void;
}) {
  const rows = result.details.codes;
  const label = new Map(targets.map((t) => [t.value, `${t.dimension}: ${t.label}`]));
  const foreign = !result.project.origin?.startsWith("Framescope");
  return (
    <Part
      id="codes"
      title={`Codes: ${result.codes.mapped} mapped, ${result.codes.unmatched} not in the codebook`}
      empty={rows.length ? undefined : "The project has no codes."}
    >
      <p className="muted">
        Codes are matched to the codebook by name and parent. A code that is not in the codebook is
        skipped with its codings
        {onMap ? " unless you map it to a codebook code here (then preview again)" : ""}.
        {foreign &&
          " Passages coded in another tool carry no voice; they are imported with the voice “unclear”."}
      </p>
      <div className="table-scroll">
        <table className="admin-table">
          <caption>Each code of the project and the codebook code its codings become.</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
              <th scope="col">Codebook code</th>
              <th scope="col">Codings</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((c) => {
              const target = c.dimension && c.code ? `${c.dimension}/${c.code}` : null;
              const byHand = onMap && (c.status !== "mapped" || codeMap[c.guid]);
              return (
                <tr key={c.guid} data-status={c.status} data-guid={c.guid}>
                  <th scope="row">{c.path}</th>
                  <td>{c.status === "unmatched" ? "not in the codebook" : c.status}</td>
                  <td>
                    {byHand ? (
                      <CodeSelect
                        guid={c.guid}
                        path={c.path}
                        value={codeMap[c.guid] ?? ""}
                        targets={targets}
                        onChange={(value) => onMap(c.guid, value)}
                      />
                    ) : target ? (
                      (label.get(target) ?? target)
                    ) : (
                      <span className="muted">skipped</span>
                    )}
                  </td>
                  <td data-count>{c.codings}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </Part>
  );
}

function CodeSelect({
  guid,
  path,
  value,
  targets,
  onChange,
}: {
  guid: string;
  path: string;
  value: string;
  targets: CodebookTarget[];
  onChange: (value: string) => void;
}) {
  const dimensions = [...new Set(targets.map((t) => t.dimension))];
  const id = `map-${guid}`;
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Map “{path}” to
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Not mapped (skipped)</option>
        <option value="skip">Skip it</option>
        {dimensions.map((d) => (
          <optgroup key={d} label={d}>
            {targets
              .filter((t) => t.dimension === d)
              .map((t) => (
                <option key={t.value} value={t.value}>
                  {t.dimension}: {t.label}
                  {t.scope === "article" ? " (article-level)" : ""}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}

function CoderSelect({
  guid,
  user,
  coder,
  value,
  coders,
  onChange,
}: {
  guid: string;
  user: string;
  coder: string;
  value: string;
  coders: { key: string; name: string }[];
  onChange: (value: string) => void;
}) {
  const id = `user-${guid}`;
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Coder for “{user || guid}”
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{value ? "By name (automatic)" : `${coder} (by name)`}</option>
        {coders.map((c) => (
          <option key={c.key} value={c.key}>
            {c.key === c.name ? c.key : `${c.key} (${c.name})`}
          </option>
        ))}
      </select>
    </>
  );
}

function Selections({ result }: { result: ImportResult }) {
  const { ok, invalid } = result.selections;
  const rows = result.details.invalidSelections;
  return (
    <Part
      id="selections"
      title={`Selections: ${ok} fit their text, ${invalid} do not`}
      empty={rows.length ? undefined : "Every selection fits its text."}
    >
      <div className="table-scroll">
        <table className="admin-table">
          <caption>
            Selections whose positions do not fit their text (in code points, end exclusive); they
            are not imported.
          </caption>
          <thead>
            <tr>
              <th scope="col">Text</th>
              <th scope="col">Selection</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((s) => (
              <tr key={s.guid}>
                <th scope="row">{s.source}</th>
                <td>{s.name || s.guid}</td>
                <td data-count>{s.start}</td>
                <td data-count>{s.end}</td>
                <td>{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </Part>
  );
}

function Conflicts({ result }: { result: ImportResult }) {
  const rows = result.details.conflicts;
  return (
    <Part
      id="conflicts"
      title={`Conflicts: ${rows.length}`}
      empty={rows.length ? undefined : "No coding conflicts with one in the corpus."}
    >
      <div className="table-scroll">
        <table className="admin-table">
          <caption>Codings that conflict with what a coder already coded in the corpus.</caption>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Coder</th>
              <th scope="col">Dimension</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((c) => (
              <tr key={`${c.article}|${c.coder}|${c.dimension}`}>
                <th scope="row">{articleLink(c.article)}</th>
                <td>
                  <code>{c.coder}</code>
                </td>
                <td>{c.dimension}</td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={rows.length} />
    </Part>
  );
}

function Ignored({ result }: { result: ImportResult }) {
  const entries = Object.entries(result.details.ignored).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return (
    <Part
      id="ignored"
      title={`Left out: ${total}`}
      empty={entries.length ? undefined : "Nothing in the project is left out."}
    >
      <p className="muted">Parts of the project Framescope does not read:</p>
      <ul>
        {entries.map(([element, n]) => (
          <li key={element}>
            <code>{element}</code>: {n}
          </li>
        ))}
      </ul>
    </Part>
  );
}

function Warnings({ result }: { result: ImportResult }) {
  const warnings = result.details.warnings;
  return (
    <Part
      id="warnings"
      title={`Warnings: ${warnings.length}`}
      empty={warnings.length ? undefined : "No warnings."}
    >
      <div className={styles.warnings}>
        <ul>
          {[...distinct(warnings)].slice(0, MAX_ROWS).map(([w, n]) => (
            <li key={w}>
              {w}
              {n > 1 && ` (${n} times)`}
            </li>
          ))}
        </ul>
      </div>
      <More total={distinct(warnings).size} />
    </Part>
  );
}

/** Each warning once, with how often it was given. */
function distinct(warnings: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
