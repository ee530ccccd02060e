import type { PagePreview } from "@/app/lib/import/import";
import styles from "./import-form.module.css";

// A 10 MB page is too long to lay out whole; its beginning shows what the ingest read.
const RAW_SHOWN = 200_000;

/**
 * The raw page next to what the ingest made of it: headline, byline, stated date, cleaned body,
 * captions and warnings. Everything is rendered as text.
 */
export function ImportPreview({ raw, preview }: { raw: string; preview: PagePreview }) {
  return (
    <section
      className={styles.panel}
      aria-labelledby="preview-heading"
      data-testid="import-preview"
    >
      <h2 id="preview-heading">Preview</h2>
      {preview.duplicate && (
        <p className={styles.alert} role="alert" data-testid="duplicate">
          This page is already in the corpus as{" "}
          <a href={`/articles/${preview.duplicate.slug}`}>{preview.duplicate.headline}</a> (
          {preview.duplicate.slug}); importing it again will be refused.
        </p>
      )}
      <div className={styles.side}>
        <div>
          <h3>Raw page</h3>
          <pre className={styles.raw} data-testid="raw-page">
            {raw.length > RAW_SHOWN ? raw.slice(0, RAW_SHOWN) : raw}
          </pre>
          <p className={styles.hint}>
            {preview.bytes.toLocaleString("en")} bytes
            {raw.length > RAW_SHOWN &&
              `; the first ${RAW_SHOWN.toLocaleString("en")} characters are shown`}
          </p>
        </div>
        <div className={styles.extracted}>
          <h3>What will be stored</h3>
          <Extracted preview={preview} />
        </div>
      </div>
    </section>
  );
}

function Extracted({ preview }: { preview: PagePreview }) {
  const none = <span className="muted">not stated</span>;
  const paragraphs = preview.body ? preview.body.split("\n\n") : [];
  return (
    <>
      {preview.warnings.length > 0 && (
        <div className={styles.warnings} data-testid="warnings">
          <strong>Warnings</strong>
          <ul>
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className={styles.facts}>
        <dt>Headline</dt>
        <dd data-testid="preview-headline">
          {preview.headlineLabel && <span className="muted">[{preview.headlineLabel}] </span>}
          {preview.headline ?? none}
        </dd>
        <dt>Byline</dt>
        <dd data-testid="preview-byline">{preview.byline ?? none}</dd>
        <dt>Stated date</dt>
        <dd data-testid="preview-date">{preview.publishedAt ?? none}</dd>
        {preview.standfirst && (
          <>
            <dt>Standfirst</dt>
            <dd>{preview.standfirst}</dd>
          </>
        )}
        {preview.authorNote && (
          <>
            <dt>Author note</dt>
            <dd>{preview.authorNote}</dd>
          </>
        )}
      </dl>
      <h4>
        Body ({paragraphs.length} paragraph{paragraphs.length === 1 ? "" : "s"})
      </h4>
      <div className={styles.body} data-testid="preview-body">
        {paragraphs.length ? (
          paragraphs.map((p, i) => (
            // Paragraphs may repeat; their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            <p key={i}>{p}</p>
          ))
        ) : (
          <p className="muted">No body text found.</p>
        )}
      </div>
      <h4>Captions ({preview.captions.length})</h4>
      {preview.captions.length ? (
        <ul data-testid="preview-captions">
          {preview.captions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No photo captions.</p>
      )}
    </>
  );
}
