"use client";
import { type FormEvent, useState } from "react";
import type { ImportChoices } from "@/app/lib/import/choices";
import type { PagePreview } from "@/app/lib/import/import";
import {
  type ImportFields,
  type PageSource,
  type Refusal,
  requestImport,
  requestPreview,
} from "./import-api";
import { CoderFields, DateFields, FieldError, NEW_OUTLET, OutletFields } from "./import-fields";
import styles from "./import-form.module.css";
import { ImportPreview } from "./import-preview";

const INITIAL: ImportFields = {
  filename: "pasted.txt",
  outlet: "",
  newOutlet: null,
  genre: "",
  language: "en",
  date: "",
  precision: "inferred",
  reason: "",
  assign: [],
};

type Busy = "" | "preview" | "import";

/**
 * Upload or paste a page, preview what the ingest makes of it beside the raw page, choose its
 * metadata and import it. Every refusal is shown at the field the API names.
 */
export function ImportForm({ choices, maxBytes }: { choices: ImportChoices; maxBytes: number }) {
  const [mode, setMode] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [raw, setRaw] = useState("");
  const [preview, setPreview] = useState<PagePreview | null>(null);
  const [fields, setFields] = useState<ImportFields>(INITIAL);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState<Busy>("");
  const [imported, setImported] = useState<string | null>(null);
  const errors = refusal?.fields ?? {};
  const update = (change: Partial<ImportFields>) => setFields((f) => ({ ...f, ...change }));

  const source: PageSource | null =
    mode === "file"
      ? file && { kind: "file", file }
      : pasted.trim()
        ? { kind: "paste", text: pasted }
        : null;

  async function runPreview(page: PageSource, text: string) {
    setBusy("preview");
    setRefusal(null);
    setPreview(null);
    const reply = await requestPreview(page);
    setBusy("");
    if (!reply.ok) return setRefusal(reply.refusal);
    setRaw(text);
    setPreview(reply.value);
    const stated = reply.value.publishedAt;
    update({ precision: stated ? "exact" : "inferred", date: stated ?? "", reason: "" });
  }

  async function chooseFile(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setRefusal(null);
    if (!chosen) return;
    const mb = maxBytes / (1024 * 1024);
    if (chosen.size > maxBytes)
      return setRefusal({
        status: 413,
        error: `the file is larger than ${mb} MB; a page may have at most ${mb} MB`,
        fields: { file: `is ${(chosen.size / 1024 / 1024).toFixed(1)} MB` },
      });
    await runPreview({ kind: "file", file: chosen }, await chosen.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!source) return;
    setBusy("import");
    setRefusal(null);
    const reply = await requestImport(source, {
      ...fields,
      outlet: fields.outlet === NEW_OUTLET ? "" : fields.outlet,
    });
    setBusy("");
    if (reply.ok) setImported(reply.value.slug);
    else setRefusal(reply.refusal);
  }

  function reset() {
    setFile(null);
    setPasted("");
    setRaw("");
    setPreview(null);
    setFields(INITIAL);
    setRefusal(null);
    setImported(null);
  }

  if (imported) return <Imported slug={imported} onAgain={reset} />;
  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid="import-form">
      <fieldset className={styles.panel}>
        <legend>The page</legend>
        <div className={styles.choices} role="radiogroup" aria-label="How to give the page">
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === "file"}
              onChange={() => setMode("file")}
            />
            Upload a saved page (.txt or .html, at most {maxBytes / (1024 * 1024)} MB)
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === "paste"}
              onChange={() => setMode("paste")}
            />
            Paste its text
          </label>
        </div>
        {mode === "file" ? (
          <div className={styles.field}>
            <label htmlFor="import-file">Page file</label>
            <input
              id="import-file"
              type="file"
              accept=".txt,.html,.htm,text/plain,text/html"
              aria-invalid={errors.file || errors.filename ? true : undefined}
              onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
            />
            <FieldError param="file" errors={errors} />
            <FieldError param="filename" errors={errors} />
          </div>
        ) : (
          <PasteFields
            pasted={pasted}
            setPasted={(text) => {
              setPasted(text);
              // A preview of other text would not be what is imported.
              setPreview(null);
            }}
            fields={fields}
            update={update}
            errors={errors}
            onPreview={() => source && void runPreview(source, pasted)}
            busy={busy}
          />
        )}
        <FieldError param="source" errors={errors} />
      </fieldset>
      <p className={styles.status} role="status" aria-live="polite">
        {busy === "preview" ? "Reading the page…" : busy === "import" ? "Importing…" : ""}
      </p>
      {refusal && !preview && <RefusalNotice refusal={refusal} />}
      {preview && <ImportPreview raw={raw} preview={preview} />}
      {preview && (
        <>
          <OutletFields fields={fields} update={update} choices={choices} errors={errors} />
          <DateFields
            fields={fields}
            update={update}
            errors={errors}
            stated={preview.publishedAt}
          />
          <CoderFields fields={fields} update={update} choices={choices} errors={errors} />
          {refusal && <RefusalNotice refusal={refusal} />}
          <div className={styles.actions}>
            <button type="submit" disabled={busy !== "" || !source}>
              Import
            </button>
          </div>
        </>
      )}
    </form>
  );
}

function PasteFields(props: {
  pasted: string;
  setPasted: (text: string) => void;
  fields: ImportFields;
  update: (change: Partial<ImportFields>) => void;
  errors: Record<string, string>;
  onPreview: () => void;
  busy: Busy;
}) {
  const { pasted, setPasted, fields, update, errors, onPreview, busy } = props;
  return (
    <>
      <div className={styles.field}>
        <label htmlFor="import-paste">Page text</label>
        <textarea
          id="import-paste"
          className={styles.paste}
          value={pasted}
          aria-invalid={errors.source ? true : undefined}
          onChange={(e) => setPasted(e.target.value)}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="import-filename">File name to record</label>
        <input
          id="import-filename"
          value={fields.filename}
          aria-invalid={errors.filename ? true : undefined}
          onChange={(e) => update({ filename: e.target.value })}
        />
        <FieldError param="filename" errors={errors} />
      </div>
      <div className={styles.actions}>
        <button type="button" onClick={onPreview} disabled={busy !== "" || !pasted.trim()}>
          Preview
        </button>
      </div>
    </>
  );
}

function RefusalNotice({ refusal }: { refusal: Refusal }) {
  const issues = Object.entries(refusal.fields);
  return (
    <div className={styles.alert} role="alert" data-testid="import-error">
      <strong>Not imported: {refusal.error}</strong>
      {refusal.slug && (
        <p>
          The existing article: <a href={`/articles/${refusal.slug}`}>{refusal.slug}</a>
        </p>
      )}
      {issues.length > 0 && (
        <ul>
          {issues.map(([param, message]) => (
            <li key={param}>
              {param}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Imported({ slug, onAgain }: { slug: string; onAgain: () => void }) {
  return (
    <div className={styles.success} role="status" data-testid="import-done">
      <p>
        <strong>Imported</strong> as <code>{slug}</code>.
      </p>
      <ul>
        <li>
          <a href={`/articles/${slug}`}>Open the article</a>
        </li>
        <li>
          <a href={`/code/${slug}`}>Code it</a>
        </li>
      </ul>
      <button type="button" onClick={onAgain}>
        Import another page
      </button>
    </div>
  );
}
