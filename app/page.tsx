import type { Metadata } from "next";
import { SiteHeader } from "./ui/site-header";
import { DashboardView, describeView } from "./ui/dashboard/dashboard-view";
import type { SearchParams } from "./lib/page-params";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const description = await describeView(await searchParams);
  return { title: "Dashboard", description: `How outlets frame the Russia–North Korea ties: ${description}` };
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
