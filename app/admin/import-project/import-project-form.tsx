"use client";

import { useEffect, useRef, useState } from "react";
import type { ImportChoices } from "@/app/lib/import/choices";
import styles from "@/app/ui/admin/import-form.module.css";
import {
  EMPTY_FIELDS,
  type Failure,
  type ImportResult,
  type ProjectFields,
  requestProjectImport,
} from "./import-project-api";
import { ProjectReport } from "./import-project-report";

/** A codebook code a project's code can be mapped to by hand. */
export interface CodebookTarget {
  /** "dimension/code", as the endpoint takes it. */
  value: string;
  dimension: string;
  label: string;
  scope: "passage" | "article";
}

type Action = "preview" | "import";

// The choices survive a reload of this tab; a chosen file cannot (browsers do not keep it).
const STORAGE_KEY = "framescope.import-project";

function loadFields(): ProjectFields | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
    if (!saved || typeof saved !== "object") return null;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    const map = (value: unknown) => {
      const out: Record<string, string> = {};
      if (value && typeof value === "object")
        for (const [guid, target] of Object.entries(value))
          if (typeof target === "string" && target) out[guid] = target;
      return out;
    };
    return {
      outlet: text(saved.outlet),
      genre: text(saved.genre),
      language: text(saved.language),
      coder: text(saved.coder),
      codeMap: map(saved.codeMap),
      userMap: map(saved.userMap),
    };
  } catch {
    return null;
  }
}

/** The fields as the server will see them: a preview of other fields does not describe them. */
function fieldsKey(fields: ProjectFields): string {
  const sorted = (map: Record<string, string>) =>
    Object.entries(map)
      .filter(([, target]) => target)
      .sort(([a], [b]) => a.localeCompare(b));
  const { outlet, genre, language, coder, codeMap, userMap } = fields;
  return JSON.stringify([outlet, genre, language, coder, sorted(codeMap), sorted(userMap)]);
}

/** The codes and users of the chosen file, as its last preview listed them. */
interface Known {
  codes: Set<string>;
  users: Set<string>;
}
const NOTHING_KNOWN: Known = { codes: new Set(), users: new Set() };

/** The hand mappings of codes and users the file has. */
function only(fields: ProjectFields, known: Known): ProjectFields {
  const keep = (map: Record<string, string>, guids: Set<string>) =>
    Object.fromEntries(Object.entries(map).filter(([guid]) => guids.has(guid)));
  return {
    ...fields,
    codeMap: keep(fields.codeMap, known.codes),
    userMap: keep(fields.userMap, known.users),
  };
}

const hasChoices = (f: ProjectFields) => fieldsKey(f) !== fieldsKey(EMPTY_FIELDS);

/**
 * Choose a .qdpx file and what new articles get, preview what the import would do (mapping
 * unknown codes by hand), then import it. Refusals show the server's message; an unreachable
 * server offers Retry.
 */
export function ImportProjectForm({
  choices,
  targets,
  maxBytes,
}: {
  choices: ImportChoices;
  targets: CodebookTarget[];
  maxBytes: number;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fields, setFields] = useState<ProjectFields>(EMPTY_FIELDS);
  const [loaded, setLoaded] = useState(false);
  const [restored, setRestored] = useState(false);
  const [busy, setBusy] = useState<Action | null>(null);
  const [preview, setPreview] = useState<{ result: ImportResult; key: string } | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ action: Action; failure: Failure } | null>(null);
  // The codes and users of the chosen file, once a preview has listed them.
  const [known, setKnown] = useState<Known>(NOTHING_KNOWN);
  const fileInput = useRef<HTMLInputElement>(null);
  const mb = Math.round(maxBytes / (1024 * 1024));

  useEffect(() => {
    const saved = loadFields();
    if (saved && hasChoices(saved)) {
      setFields(saved);
      setRestored(true);
    }
    setLoaded(true);
  }, []);
  useEffect(() => {
    if (loaded) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fields));
  }, [fields, loaded]);

  const update = (change: Partial<ProjectFields>) => setFields((f) => ({ ...f, ...change }));
  const stale = preview !== null && preview.key !== fieldsKey(fields);
  // The corpus's languages, and English and Korean, which the story's sources are written in.
  const languages = [...new Set(["en", "ko", ...choices.outlets.map((o) => o.language)])].sort();

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    setKnown(NOTHING_KNOWN);
    setPreview(null);
    setFailure(null);
    setFileError(
      chosen && chosen.size > maxBytes
        ? `${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a project may have at most ${mb} MB`
        : null,
    );
  }

  /**
   * Previews or imports. Hand mappings go only for codes and users the last preview of this file
   * listed (the server refuses a GUID the file lacks); mappings kept from before a reload that
   * fit the file are sent in a second preview at once.
   */
  async function send(action: Action, listed = known) {
    if (!file) {
      setFileError("choose a .qdpx file first");
      fileInput.current?.focus();
      return;
    }
    if (fileError) return fileInput.current?.focus();
    const sent = only(fields, listed);
    setBusy(action);
    setFailure(null);
    const reply = await requestProjectImport(file, sent, action === "preview");
    setBusy(null);
    if (!reply.ok) return setFailure({ action, failure: reply.failure });
    if (action === "import") return setDone(reply.result);
    const now: Known = {
      codes: new Set(reply.result.details.codes.map((c) => c.guid)),
      users: new Set(reply.result.coders.map((c) => c.guid).filter(Boolean)),
    };
    const next = only(fields, now);
    setKnown(now);
    setFields(next);
    setRestored(false);
    setPreview({ result: reply.result, key: fieldsKey(next) });
    if (fieldsKey(next) !== fieldsKey(sent)) await send("preview", now);
  }

  function again() {
    sessionStorage.removeItem(STORAGE_KEY);
    setFile(null);
    setFields(EMPTY_FIELDS);
    setPreview(null);
    setDone(null);
    setFailure(null);
    setRestored(false);
  }

  if (done)
    return (
      <div data-testid="import-project-done">
        <ProjectReport result={done} targets={targets} />
        <div className={styles.actions}>
          <button type="button" onClick={again}>
            Import another project
          </button>
        </div>
      </div>
    );

  return (
    <form
      className={styles.form}
      noValidate
      data-testid="import-project-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send("preview");
      }}
    >
      <fieldset className={styles.panel}>
        <legend>The project file</legend>
        <div className={styles.field}>
          <label htmlFor="project-file">Project file (.qdpx)</label>
          <input
            ref={fileInput}
            id="project-file"
            type="file"
            accept=".qdpx,application/zip,application/x-zip-compressed"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={
              fileError ? "project-file-hint project-file-error" : "project-file-hint"
            }
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          />
          <span className={styles.hint} id="project-file-hint">
            At most {mb} MB. The choices below are kept if the page is reloaded; the file is not (a
            browser forgets a chosen file), so choose it again after a reload.
          </span>
          {fileError && (
            <span className={styles.error} id="project-file-error" data-error-for="file">
              file: {fileError}
            </span>
          )}
        </div>
        {restored && (
          <p className="notice" data-testid="restored">
            Your earlier choices are restored. Choose the file again to preview it.
          </p>
        )}
      </fieldset>

      <fieldset className={styles.panel}>
        <legend>Texts that are not in the corpus yet</legend>
        <p className={styles.hint} id="new-articles-hint">
          They become new articles with this outlet, genre and language. Without an outlet and a
          genre they are listed as not imported.
        </p>
        <div className={styles.field}>
          <label htmlFor="project-outlet">Outlet</label>
          <select
            id="project-outlet"
            aria-describedby="new-articles-hint"
            value={fields.outlet}
            onChange={(e) => {
              const outlet = choices.outlets.find((o) => o.slug === e.target.value);
              update({ outlet: e.target.value, language: outlet?.language ?? fields.language });
            }}
          >
            <option value="">None: leave new texts out</option>
            {choices.outlets.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="project-genre">Genre</label>
          <select
            id="project-genre"
            value={fields.genre}
            onChange={(e) => update({ genre: e.target.value })}
          >
            <option value="">None</option>
            {choices.genres.map((g) => (
              <option key={g} value={g}>
                {g.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="project-language">Language</label>
          <select
            id="project-language"
            value={fields.language}
            onChange={(e) => update({ language: e.target.value })}
          >
            <option value="">None</option>
            {languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className={styles.panel}>
        <legend>Codings that name no user</legend>
        <div className={styles.field}>
          <label htmlFor="project-coder">Coder (optional)</label>
          <select
            id="project-coder"
            aria-describedby="project-coder-hint"
            value={fields.coder}
            onChange={(e) => update({ coder: e.target.value })}
          >
            <option value="">None: leave them out</option>
            {choices.coders.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key === c.name ? c.key : `${c.key} (${c.name})`}
              </option>
            ))}
          </select>
          <span className={styles.hint} id="project-coder-hint">
            Some tools record no user for a coding; those codings are imported as this coder.
          </span>
        </div>
      </fieldset>

      <div className={styles.actions}>
        <button type="submit" disabled={busy !== null}>
          {preview ? "Preview again" : "Preview"}
        </button>
      </div>
      <p className={styles.status} role="status" aria-live="polite">
        {busy === "preview"
          ? "Reading the project…"
          : busy === "import"
            ? "Importing…"
            : stale
              ? "The choices changed since this preview: preview again before importing."
              : ""}
      </p>
      {failure && (
        <FailureAlert
          action={failure.action}
          failure={failure.failure}
          onRetry={() => void send(failure.action)}
        />
      )}
      {preview && (
        <>
          <ProjectReport
            result={preview.result}
            targets={targets}
            coders={choices.coders}
            codeMap={fields.codeMap}
            userMap={fields.userMap}
            onMap={(guid, target) => update({ codeMap: { ...fields.codeMap, [guid]: target } })}
            onMapUser={(guid, coder) => update({ userMap: { ...fields.userMap, [guid]: coder } })}
          />
          <div className={styles.actions}>
            <button
              type="button"
              disabled={busy !== null || stale}
              aria-describedby="import-project-note"
              onClick={() => void send("import")}
            >
              Import
            </button>
            <span className={styles.hint} id="import-project-note">
              {stale
                ? "Preview again first: the choices changed since this preview."
                : "Writes everything above in one transaction; on any error nothing is written."}
            </span>
          </div>
        </>
      )}
    </form>
  );
}

function FailureAlert({
  action,
  failure,
  onRetry,
}: {
  action: Action;
  failure: Failure;
  onRetry: () => void;
}) {
  const what = action === "preview" ? "Not previewed" : "Not imported";
  // The error already says what its one issue says, as a rule; list only what it adds.
  const issues = failure.issues.filter((i) => !failure.error.includes(i.message));
  return (
    <div className={styles.alert} role="alert" data-testid="import-project-error">
      <strong>
        {what}: {failure.error}
      </strong>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.param}:${i.message}`}>
              {i.param ? `${i.param}: ` : ""}
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {failure.status === 0 && (
        <p>
          Check the connection, then{" "}
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </p>
      )}
      {action === "import" && failure.status > 0 && failure.status < 500 && (
        <p>Nothing was written.</p>
      )}
    </div>
  );
}
