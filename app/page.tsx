import type { Metadata } from "next";
import type { SearchParams } from "./lib/page-params";
import { PREVIEW_SIZE, previewUrl } from "./og/preview-url";
import { DashboardView, describeView } from "./ui/dashboard/dashboard-view";
import { metadataWithDatabase, withDatabase } from "./ui/database-unavailable";
import { SiteHeader } from "./ui/site-header";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  return metadataWithDatabase(async () => {
    const summary = await describeView(params);
    const description = `How outlets frame the Russia–North Korea ties: ${summary}`;
    return {
      title: `Dashboard: ${summary}`,
      description,
      openGraph: {
        title: "Framescope",
        description,
        images: [{ url: previewUrl("/og", params), ...PREVIEW_SIZE }],
      },
    };
  });
}

export default async function Home({ searchParams }: Props) {
  const params = await searchParams;
  return withDatabase(async () => {
    // Awaited here, not rendered as a child, so that a database outage is caught by withDatabase.
    const dashboard = await DashboardView({ searchParams: params });
    return (
      <>
        <SiteHeader current="dashboard" />
        <main id="main">{dashboard}</main>
      </>
    );
  });
}
