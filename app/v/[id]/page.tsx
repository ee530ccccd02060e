import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { toEntries } from "@/app/lib/filters";
import type { SearchParams } from "@/app/lib/page-params";
import { getView } from "@/app/lib/views";
import { PREVIEW_SIZE, previewUrl } from "@/app/og/preview-url";
import { DashboardView, describeView } from "@/app/ui/dashboard/dashboard-view";
import { metadataWithDatabase, withDatabase } from "@/app/ui/database-unavailable";
import { SiteHeader } from "@/app/ui/site-header";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

function paramsOf(query: string): SearchParams {
  return Object.fromEntries(
    [...toEntries(new URLSearchParams(query.replace(/^\?/, "")))].map(([k, v]) => [
      k,
      v.length === 1 ? v[0] : v,
    ]),
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return metadataWithDatabase(async () => {
    const view = await getView(id);
    if (!view) return { title: "View not found" };
    const description = await describeView(paramsOf(view.query));
    return {
      title: view.title,
      description,
      openGraph: {
        title: view.title,
        description,
        images: [{ url: previewUrl("/og", { view: view.id }), ...PREVIEW_SIZE }],
      },
    };
  });
}

/** A saved view: the dashboard exactly as it was saved, under its title. */
export default async function SavedView({ params }: Props) {
  const { id } = await params;
  return withDatabase(async () => {
    const view = await getView(id);
    if (!view) notFound();
    const dashboard = await DashboardView({
      searchParams: paramsOf(view.query),
      savedTitle: view.title,
    });
    return (
      <>
        <SiteHeader current="dashboard" />
        <main id="main">
          <p className="saved-note">
            Saved view · <a href={`/${view.query}`}>open as an editable dashboard</a>
          </p>
          {dashboard}
        </main>
      </>
    );
  });
}
