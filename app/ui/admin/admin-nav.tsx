"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/import", label: "Import" },
  { href: "/admin/import-project", label: "Import project" },
  { href: "/admin/assignments", label: "Assignments" },
  { href: "/admin/activity", label: "Activity" },
  { href: "/admin/adjudicate", label: "Adjudicate" },
  { href: "/admin/settings", label: "Settings" },
] as const;

/** The admin area's sections; the one on screen is marked for assistive technology too. */
export function AdminNav() {
  const path = usePathname();
  return (
    <nav aria-label="Admin" className="admin-nav">
      {SECTIONS.map((s) => (
        <Link
          key={s.href}
          href={s.href}
          aria-current={path === s.href || path.startsWith(`${s.href}/`) ? "page" : undefined}
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
