import type { ReactNode } from "react";
import type { ImportChoices } from "@/app/lib/import/choices";
import type { ImportFields } from "./import-api";
import styles from "./import-form.module.css";

export const NEW_OUTLET = "__new__";

type Errors = Record<string, string>;
type Update = (change: Partial<ImportFields>) => void;

const errorId = (param: string) => `error-${param.replace(/\./g, "-")}`;

/** One labelled input with its error (named by the API's field name) under it. */
function Field({
  label,
  param,
  errors,
  hint,
  children,
}: {
  label: string;
  param: string;
  errors: Errors;
  hint?: string;
  children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = `field-${param.replace(/\./g, "-")}`;
  const error = errors[param];
  const described = [hint && `${id}-hint`, error && errorId(param)].filter(Boolean).join(" ");
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint && (
        <span className={styles.hint} id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <FieldError param={param} errors={errors} />
    </div>
  );
}

export function FieldError({ param, errors }: { param: string; errors: Errors }) {
  if (!errors[param]) return null;
  return (
    <span className={styles.error} id={errorId(param)} data-error-for={param}>
      {param}: {errors[param]}
    </span>
  );
}

/** Outlet (or a new one), genre and language. */
export function OutletFields({
  fields,
  update,
  choices,
  errors,
}: {
  fields: ImportFields;
  update: Update;
  choices: ImportChoices;
  errors: Errors;
}) {
  const chooseOutlet = (slug: string) => {
    if (slug === NEW_OUTLET) {
      update({
        outlet: NEW_OUTLET,
        newOutlet: {
          slug: "",
          name: "",
          shortName: "",
          country: "",
          language: fields.language,
          kind: "",
          orientation: "",
          orientationSource: "",
        },
      });
      return;
    }
    const outlet = choices.outlets.find((o) => o.slug === slug);
    update({ outlet: slug, newOutlet: null, language: outlet?.language ?? fields.language });
  };
  return (
    <fieldset className={styles.panel}>
      <legend>Outlet and genre</legend>
      <Field label="Outlet" param="outlet" errors={errors}>
        {(a11y) => (
          <select {...a11y} value={fields.outlet} onChange={(e) => chooseOutlet(e.target.value)}>
            <option value="">Choose an outlet…</option>
            {choices.outlets.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
            <option value={NEW_OUTLET}>Add a new outlet…</option>
          </select>
        )}
      </Field>
      {fields.newOutlet && <NewOutletFields fields={fields} update={update} errors={errors} />}
      <Field label="Genre" param="genre" errors={errors}>
        {(a11y) => (
          <select
            {...a11y}
            value={fields.genre}
            onChange={(e) => update({ genre: e.target.value })}
          >
            <option value="">Choose a genre…</option>
            {choices.genres.map((g) => (
              <option key={g} value={g}>
                {g.replace("_", " ")}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Language of the article"
        param="language"
        errors={errors}
        hint="ISO 639-1, e.g. en"
      >
        {(a11y) => (
          <input
            {...a11y}
            value={fields.language}
            maxLength={2}
            onChange={(e) => update({ language: e.target.value.trim().toLowerCase() })}
          />
        )}
      </Field>
    </fieldset>
  );
}

const NEW_OUTLET_INPUTS: {
  key: keyof NonNullable<ImportFields["newOutlet"]>;
  label: string;
  hint?: string;
}[] = [
  { key: "slug", label: "Slug", hint: "lower-case words joined by hyphens, e.g. busan-daily" },
  { key: "name", label: "Name" },
  { key: "shortName", label: "Short name", hint: "shown on charts" },
  { key: "country", label: "Country", hint: "ISO 3166 code, e.g. KR" },
  { key: "language", label: "Language of the outlet", hint: "ISO 639-1, e.g. en" },
  { key: "kind", label: "Kind", hint: "e.g. national_daily, campus_paper" },
  { key: "orientation", label: "Orientation (optional)", hint: "only together with its source" },
];

function NewOutletFields({
  fields,
  update,
  errors,
}: {
  fields: ImportFields;
  update: Update;
  errors: Errors;
}) {
  const outlet = fields.newOutlet!;
  const set = (key: keyof typeof outlet, value: string) =>
    update({ newOutlet: { ...outlet, [key]: value } });
  return (
    <fieldset className={styles.panel} data-testid="new-outlet">
      <legend>New outlet</legend>
      {NEW_OUTLET_INPUTS.map(({ key, label, hint }) => (
        <Field key={key} label={label} param={`newOutlet.${key}`} errors={errors} hint={hint}>
          {(a11y) => (
            <input {...a11y} value={outlet[key]} onChange={(e) => set(key, e.target.value)} />
          )}
        </Field>
      ))}
      <Field
        label="Source of the orientation"
        param="newOutlet.orientationSource"
        errors={errors}
        hint="who describes the outlet so (required with an orientation)"
      >
        {(a11y) => (
          <textarea
            {...a11y}
            value={outlet.orientationSource}
            onChange={(e) => set("orientationSource", e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}

/** The publication date: exact only when the page states it, else inferred with a reason. */
export function DateFields({
  fields,
  update,
  errors,
  stated,
}: {
  fields: ImportFields;
  update: Update;
  errors: Errors;
  stated: string | null;
}) {
  return (
    <fieldset className={styles.panel}>
      <legend>Publication date</legend>
      <p className={styles.hint}>
        {stated
          ? `The page states ${stated}. Keep it as exact, or mark a different date as inferred.`
          : "The page states no date: give the date you infer and how you inferred it."}
      </p>
      <fieldset
        className={styles.choices}
        aria-describedby={
          errors["published.precision"] ? errorId("published.precision") : undefined
        }
      >
        <legend>Precision</legend>
        <label>
          <input
            type="radio"
            name="precision"
            value="exact"
            checked={fields.precision === "exact"}
            disabled={!stated}
            onChange={() => update({ precision: "exact", date: stated ?? fields.date })}
          />
          exact (stated on the page)
        </label>
        <label>
          <input
            type="radio"
            name="precision"
            value="inferred"
            checked={fields.precision === "inferred"}
            onChange={() => update({ precision: "inferred" })}
          />
          inferred
        </label>
      </fieldset>
      <FieldError param="published.precision" errors={errors} />
      <Field label="Date" param="published.date" errors={errors}>
        {(a11y) => (
          <input
            {...a11y}
            type="date"
            value={fields.date}
            readOnly={fields.precision === "exact"}
            onChange={(e) => update({ date: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={
          fields.precision === "inferred"
            ? "How the date was inferred (required)"
            : "Note on the date (optional)"
        }
        param="published.reason"
        errors={errors}
      >
        {(a11y) => (
          <textarea
            {...a11y}
            value={fields.reason}
            required={fields.precision === "inferred"}
            onChange={(e) => update({ reason: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

/** Coders to assign at import: the article's codings stay private until all of them are done. */
export function CoderFields({
  fields,
  update,
  choices,
  errors,
}: {
  fields: ImportFields;
  update: Update;
  choices: ImportChoices;
  errors: Errors;
}) {
  const toggle = (key: string, on: boolean) =>
    update({ assign: on ? [...fields.assign, key] : fields.assign.filter((k) => k !== key) });
  return (
    <fieldset className={styles.panel}>
      <legend>Assign coders (optional)</legend>
      {choices.coders.length ? (
        <div className={styles.choices}>
          {choices.coders.map((c) => (
            <label key={c.key}>
              <input
                type="checkbox"
                name="assign"
                value={c.key}
                checked={fields.assign.includes(c.key)}
                onChange={(e) => toggle(c.key, e.target.checked)}
              />
              {c.key}
              {c.name !== c.key && <span className="muted"> ({c.name})</span>}
            </label>
          ))}
        </div>
      ) : (
        <p className={styles.hint}>No account codes yet: invite coders in Users.</p>
      )}
      <p className={styles.hint}>
        Assigned coders code blind: the article&apos;s codings reach the public pages once all of
        them have marked it done.
      </p>
      <FieldError param="assign" errors={errors} />
    </fieldset>
  );
}
