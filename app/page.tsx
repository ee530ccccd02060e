import type { Metadata } from "next";
import { SiteHeader } from "./ui/site-header";
import { DashboardView, describeView } from "./ui/dashboard/dashboard-view";
import type { SearchParams } from "./lib/page-params";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  const summary = await describeView(params);
  const description = `How outlets frame the Russia–North Korea ties: ${summary}`;
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : [])));
  return {
    title: `Dashboard: ${summary}`,
    description,
    openGraph: { title: "Framescope", description, images: [{ url: `/og?${query}`, width: 1200, height: 630 }] },
  };
}

export default async function Home({ searchParams }: Props) {
  return (
    <>
      <SiteHeader current="dashboard" />
      <main id="main">
        <DashboardView searchParams={await searchParams} />
      </main>
    </>
  );
}
