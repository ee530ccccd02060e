/** What a signed-in coder sees on an admin page: the page is not for them (403). */
export function AdminsOnly({ email }: { email: string }) {
  return (
    <main id="main" className="admin-page" data-testid="admins-only">
      <h1>Admins only</h1>
      <p className="notice" role="alert">
        This page is for admins. You are signed in as {email}, a coder. Your articles are under{" "}
        <a href="/code">Code</a>; an admin can change your role.
      </p>
    </main>
  );
}
