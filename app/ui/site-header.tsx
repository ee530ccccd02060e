import Link from "next/link";

export function SiteHeader({
  current,
}: {
  current?: "dashboard" | "compare" | "codebook" | "article";
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
        {link("/codebook", "Codebook & method", "codebook")}
      </nav>
    </header>
  );
}
