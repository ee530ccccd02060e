import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as acceptRoute } from "@/app/api/v1/invitations/accept/route";
import { GET as listInvitationsRoute, POST as inviteRoute } from "@/app/api/v1/invitations/route";
import { PATCH as patchUserRoute } from "@/app/api/v1/users/[id]/route";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import {
  recreateDatabase,
  tableChecksums,
  useDatabase,
} from "../../../scripts/lib/testing/database";
import { getDb } from "../db";
import { acceptInvitation, createInvitation, findInvitation } from "./invitations";
import { getAuth } from "./server";
import { createApiToken, findApiToken } from "./tokens";
import { createUser } from "./users";

/*
 * Invitations and account administration (issue 10 §1): the service on a real PostgreSQL, and
 * the routes in process with real API tokens.
 */

const ORIGIN = "http://localhost:3000";
const PASSWORD = "invited password 123";
let url: string;
let adminId: string;
let adminToken: string;
let coderToken: string;

beforeAll(async () => {
  url = await recreateDatabase("h5_invitations");
  useDatabase(url);
  const admin = await createUser({
    email: "admin@example.org",
    password: PASSWORD,
    role: "admin",
    coderKey: "AD-1",
  });
  adminId = admin.id;
  adminToken = await createApiToken(admin.id, "test");
  const coder = await createUser({
    email: "coder@example.org",
    password: PASSWORD,
    role: "coder",
    coderKey: "C-1",
  });
  coderToken = await createApiToken(coder.id, "test");
});

function request(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = adminToken,
): NextRequest {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function call(
  handler: (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string>> },
  ) => Promise<Response>,
  req: NextRequest,
  params: Record<string, string> = {},
) {
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

async function passwordHolds(email: string, password: string): Promise<boolean> {
  const account = await getDb().account.findFirstOrThrow({
    where: { user: { email }, providerId: "credential" },
  });
  return (await getAuth().$context).password.verify({ hash: account.password ?? "", password });
}

describe("invitations", () => {
  it("makes an account once, with the invitation's role and coder key", async () => {
    const { token, expiresAt } = await createInvitation(
      { email: "new.coder@example.org", role: "coder", coderKey: "NC-1" },
      adminId,
    );
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const stored = await getDb().invitation.findFirstOrThrow({
      where: { email: "new.coder@example.org" },
    });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.usedAt).toBeNull();

    const account = await acceptInvitation({ token, name: "New Coder", password: PASSWORD });
    expect(account).toEqual({ email: "new.coder@example.org", role: "coder", coderKey: "NC-1" });
    const user = await getDb().user.findUniqueOrThrow({
      where: { email: "new.coder@example.org" },
      include: { coder: true },
    });
    expect(user).toMatchObject({ name: "New Coder", role: "coder", coder: { key: "NC-1" } });
    expect(await passwordHolds("new.coder@example.org", PASSWORD)).toBe(true);
    expect((await findInvitation(token))?.status).toBe("used");

    // The link works once.
    await expect(
      acceptInvitation({ token, name: "Someone Else", password: "another password" }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining("already been used") });
    expect(await passwordHolds("new.coder@example.org", PASSWORD)).toBe(true);
  });

  it("refuses an expired link and an unknown one, changing nothing", async () => {
    const { token } = await createInvitation(
      { email: "late@example.org", role: "coder" },
      adminId,
      new Date(Date.now() - 8 * 24 * 3600 * 1000),
    );
    expect((await findInvitation(token))?.status).toBe("expired");
    const before = await tableChecksums(url);
    await expect(
      acceptInvitation({ token, name: "Late", password: PASSWORD }),
    ).rejects.toMatchObject({ status: 410, message: expect.stringContaining("expired") });
    await expect(
      acceptInvitation({ token: `${token}x`, name: "Guess", password: PASSWORD }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await tableChecksums(url)).toEqual(before);
  });

  it("refuses to invite an existing account or a coder key in use", async () => {
    await expect(
      createInvitation({ email: "coder@example.org", role: "coder" }, adminId),
    ).rejects.toMatchObject({ status: 409, issues: [{ param: "email", message: "is taken" }] });
    await expect(
      createInvitation({ email: "other@example.org", role: "coder", coderKey: "C-1" }, adminId),
    ).rejects.toMatchObject({ status: 409, issues: [{ param: "coderKey", message: "is taken" }] });
    await createInvitation({ email: "one@example.org", role: "coder", coderKey: "RES-1" }, adminId);
    await expect(
      createInvitation({ email: "two@example.org", role: "coder", coderKey: "RES-1" }, adminId),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining("open invitation") });
  });

  it("releases the link when the account cannot be made", async () => {
    const { token } = await createInvitation({ email: "race@example.org", role: "admin" }, adminId);
    // Someone made the account another way in the meantime.
    await createUser({ email: "race@example.org", password: PASSWORD, role: "coder" });
    await expect(
      acceptInvitation({ token, name: "Race", password: PASSWORD }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await findInvitation(token))?.status).toBe("open");
  });
});

describe("invitation routes", () => {
  it("POST /api/v1/invitations answers 201 with the link; accepting it answers 201", async () => {
    const made = await call(
      inviteRoute,
      request("POST", "/api/v1/invitations", {
        email: "Route.Admin@Example.org",
        role: "admin",
        coderKey: "",
      }),
    );
    expect(made.status).toBe(201);
    expect(made.json.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(made.json.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const token = made.json.url.split("/invite/")[1];

    const listed = await call(listInvitationsRoute, request("GET", "/api/v1/invitations"));
    expect(listed.json.invitations).toContainEqual(
      expect.objectContaining({ email: "route.admin@example.org", role: "admin", status: "open" }),
    );
    expect(JSON.stringify(listed.json)).not.toContain(token);

    const accepted = await call(
      acceptRoute,
      request("POST", "/api/v1/invitations/accept", { token, name: "R", password: PASSWORD }, null),
    );
    expect(accepted).toEqual({
      status: 201,
      json: { email: "route.admin@example.org", role: "admin", coderKey: null },
    });
    const again = await call(
      acceptRoute,
      request("POST", "/api/v1/invitations/accept", { token, name: "R", password: PASSWORD }, null),
    );
    expect(again.status).toBe(409);
  });

  it("answers 400 naming the field, 401 without credentials and 403 for a coder", async () => {
    const bad = await call(
      inviteRoute,
      request("POST", "/api/v1/invitations", { email: "x", role: "owner", coderKey: "a b" }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { param: string }) => i.param).sort()).toEqual([
      "coderKey",
      "email",
      "role",
    ]);
    const body = { email: "y@example.org", role: "coder" };
    const anonymous = await call(inviteRoute, request("POST", "/api/v1/invitations", body, null));
    expect(anonymous.status).toBe(401);
    const coder = await call(inviteRoute, request("POST", "/api/v1/invitations", body, coderToken));
    expect(coder.status).toBe(403);
    const short = await call(
      acceptRoute,
      request(
        "POST",
        "/api/v1/invitations/accept",
        { token: "t", name: "", password: "short" },
        null,
      ),
    );
    expect(short.status).toBe(400);
    expect(short.json.issues.map((i: { param: string }) => i.param).sort()).toEqual([
      "name",
      "password",
    ]);
    expect(await getDb().invitation.count({ where: { email: "y@example.org" } })).toBe(0);
  });
});

describe("accepting is rate-limited per client, like saved views", () => {
  it("answers 429 with Retry-After past the limit", async () => {
    vi.resetModules();
    vi.stubEnv("INVITATION_RATE_LIMIT", "2");
    try {
      const { POST } = await import("@/app/api/v1/invitations/accept/route");
      const attempt = () =>
        call(
          POST,
          request(
            "POST",
            "/api/v1/invitations/accept",
            { token: "nope", name: "N", password: PASSWORD },
            null,
          ),
        );
      expect((await attempt()).status).toBe(404);
      expect((await attempt()).status).toBe(404);
      const res = await POST(
        request(
          "POST",
          "/api/v1/invitations/accept",
          { token: "nope", name: "N", password: PASSWORD },
          null,
        ),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("user routes", () => {
  it("lists the accounts with role, coder key and whether they are active", async () => {
    const res = await call(listUsersRoute, request("GET", "/api/v1/users"));
    expect(res.status).toBe(200);
    expect(res.json.users).toContainEqual(
      expect.objectContaining({
        email: "admin@example.org",
        role: "admin",
        coderKey: "AD-1",
        active: true,
      }),
    );
    expect(
      (await call(listUsersRoute, request("GET", "/api/v1/users", undefined, coderToken))).status,
    ).toBe(403);
  });

  it("changes role, sets a coder key, and deactivating revokes the tokens at once", async () => {
    const user = await createUser({
      email: "target@example.org",
      password: PASSWORD,
      role: "coder",
    });
    const token = await createApiToken(user.id, "script");
    const patch = (body: unknown) =>
      call(patchUserRoute, request("PATCH", `/api/v1/users/${user.id}`, body), { id: user.id });
    expect((await patch({ role: "admin", coderKey: "TG-1" })).json.user).toMatchObject({
      role: "admin",
      coderKey: "TG-1",
    });
    expect((await patch({ coderKey: "TG-2" })).status).toBe(409);
    const off = await patch({ active: false });
    expect(off.json.user.active).toBe(false);
    expect(await findApiToken(token)).toBeNull();
    expect((await patch({ active: true })).json.user.active).toBe(true);
    // Reactivating does not bring revoked tokens back.
    expect(await findApiToken(token)).toBeNull();
    expect((await patch({})).status).toBe(400);
    expect((await patch({ role: "owner" })).json.issues[0].param).toBe("role");
  });

  it("refuses an admin demoting or deactivating themselves with 409", async () => {
    const self = (body: unknown) =>
      call(patchUserRoute, request("PATCH", `/api/v1/users/${adminId}`, body), { id: adminId });
    const demote = await self({ role: "coder" });
    expect(demote.status).toBe(409);
    expect(demote.json.error).toContain("your own admin role");
    const deactivate = await self({ active: false });
    expect(deactivate.status).toBe(409);
    const user = await getDb().user.findUniqueOrThrow({ where: { id: adminId } });
    expect(user).toMatchObject({ role: "admin", banned: false });
    const missing = await call(
      patchUserRoute,
      request("PATCH", "/api/v1/users/nobody", { role: "coder" }),
      { id: "nobody" },
    );
    expect(missing.status).toBe(404);
  });
});
