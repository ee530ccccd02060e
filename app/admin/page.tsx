import { redirect } from "next/navigation";

/** The admin area opens on its users. */
export default function AdminPage() {
  redirect("/admin/users");
}
