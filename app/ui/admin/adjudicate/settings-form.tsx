"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RequestRefused, sendJson } from "../send-json";

/** Chooses the dashboard's default coder (PUT /api/v1/settings); empty returns to the rule. */
export function SettingsForm({
  current,
  choices,
}: {
  current: string | null;
  choices: { key: string; label: string }[];
}) {
  const router = useRouter();
  const [value, setValue] = useState(current ?? "");
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string }
  >({ kind: "idle" });

  const save = async () => {
    setState({ kind: "saving" });
    try {
      await sendJson("PUT", "/api/v1/settings", { defaultCoder: value === "" ? null : value });
      setState({ kind: "saved" });
      router.refresh();
    } catch (err) {
      setState({
        kind: "error",
        message:
          err instanceof RequestRefused
            ? `${err.message}${err.fields.defaultCoder ? `: ${err.fields.defaultCoder}` : ""}`
            : String(err),
      });
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="default-coder-select">Default coder</label>{" "}
      <select id="default-coder-select" value={value} onChange={(e) => setValue(e.target.value)}>
        <option value="">The built-in rule</option>
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>{" "}
      <button type="submit" disabled={state.kind === "saving"}>
        {state.kind === "saving" ? "Saving…" : "Save"}
      </button>{" "}
      {state.kind === "saved" && (
        <span role="status" data-testid="settings-saved">
          Saved
        </span>
      )}
      {state.kind === "error" && (
        <span role="alert" className="field-error">
          Not saved: {state.message}{" "}
          <button type="button" onClick={() => void save()}>
            Retry
          </button>
        </span>
      )}
    </form>
  );
}
