import Link from "next/link";
import { AccountLinks, type HeaderAccount } from "./coding/account-links";

export function SiteHeader({
  current,
  account,
}: {
  current?:
    | "dashboard"
    | "compare"
    | "agreement"
    | "codebook"
    | "article"
    | "code"
    | "admin"
    | "sign-in";
  /** The signed-in user when the page already read it (null: a visitor); else read in the browser. */
  account?: HeaderAccount | null;
}) {
  const link = (href: string, label: string, key: string) => (
    <Link href={href} aria-current={current === key ? "page" : undefined}>
      {label}
    </Link>
  );
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Framescope
      </Link>
      <nav aria-label="Main">
        {link("/", "Dashboard", "dashboard")}
        {link("/compare", "Compare outlets", "compare")}
        {link("/agreement", "Agreement", "agreement")}
        {link("/codebook", "Codebook & method", "codebook")}
      </nav>
      <AccountLinks account={account} current={current} />
    </header>
  );
}
