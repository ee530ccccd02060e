import Link from "next/link";
import { SiteHeader } from "./ui/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="not-found">
        <h1>Not found</h1>
        <p>There is no saved view, article or page at this address. It may have been mistyped.</p>
        <p>
          <Link href="/">Go to the dashboard</Link>
        </p>
      </main>
    </>
  );
}
