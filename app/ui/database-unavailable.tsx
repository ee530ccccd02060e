import type { Metadata } from "next";
import type { ReactNode } from "react";
import { isDatabaseUnavailable } from "@/app/lib/db-errors";
import { SiteHeader } from "./site-header";

export function DatabaseUnavailable() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="db-unavailable" data-testid="db-unavailable">
        <h1>The database is unavailable</h1>
        <p>
          Framescope cannot reach its database right now, so it cannot show the corpus. Nothing has
          been lost: the data is kept in the database, and this page will work again as soon as the
          database is back.
        </p>
        <p>
          {/* biome-ignore lint/a11y/useValidAnchor: an empty href reloads this page with its
              query, without script */}
          <a href="">Try again</a> · <a href="/api/health">Check the service status</a>
        </p>
      </main>
    </>
  );
}

/**
 * Renders a page, or a clear "database unavailable" page when PostgreSQL
 * cannot be reached. Data must be awaited inside `render` for its failure to
 * be caught here.
 */
export async function withDatabase(render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return <DatabaseUnavailable />;
    throw err;
  }
}

export async function metadataWithDatabase(build: () => Promise<Metadata>): Promise<Metadata> {
  try {
    return await build();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { title: "Database unavailable" };
    throw err;
  }
}
