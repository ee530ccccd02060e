import type { CoderInfo } from "@/app/lib/queries/coders";

const CODER_KINDS: Record<CoderInfo["kind"], string> = {
  person: "Person",
  automatic: "Automatic",
  adjudicated: "Reference (adjudicated)",
};

/** Who coded the corpus: people by name, automatic coders with their version. */
export function CoderList({ coders }: { coders: CoderInfo[] }) {
  return (
    <section
      className="codebook-coders"
      id="coders"
      aria-labelledby="coders-title"
      data-testid="coders"
    >
      <h2 id="coders-title">Coders</h2>
      {coders.length === 0 ? (
        <p className="muted">No coders are recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Version</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {coders.map((c) => (
                <tr key={c.key} data-coder={c.key}>
                  <th scope="row">
                    <code>{c.key}</code>
                  </th>
                  <td>{c.name}</td>
                  <td>{CODER_KINDS[c.kind]}</td>
                  <td>{c.version ?? "–"}</td>
                  <td>{c.description ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
