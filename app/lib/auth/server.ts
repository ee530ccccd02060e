import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getDb } from "../db";

/*
 * Accounts are better-auth's: email and password (scrypt hashes made by the library), sessions in
 * PostgreSQL through its Prisma adapter. Nobody signs up: accounts are made by `npm run user` or an
 * invitation (app/lib/auth/users.ts). Only sign-in, sign-out and get-session are served over HTTP
 * (app/api/auth/[...all]/route.ts), which also limits failed sign-ins.
 */

export const SESSION_DAYS = 7;

function createAuth() {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret)
    throw new Error(
      "BETTER_AUTH_SECRET is not set: start the app with `npm start`, which creates one.",
    );
  const baseUrl = process.env.BETTER_AUTH_URL;
  return betterAuth({
    appName: "Framescope",
    secret,
    // The host a request came to is its base URL (ports differ between start, tests and previews);
    // BETTER_AUTH_URL fixes it, and an https one makes every cookie Secure.
    baseURL: baseUrl ?? { allowedHosts: ["*"] },
    // A browser's sign-in and sign-out come from the host it asked (the same rule as the API's
    // Origin check, sameOrigin in ./actor.ts); a wildcard host alone trusts only https origins.
    trustedOrigins: (request) => {
      const host =
        (process.env.TRUST_PROXY === "1" && request?.headers.get("x-forwarded-host")) ||
        request?.headers.get("host");
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: 10,
      maxPasswordLength: 256,
    },
    session: { expiresIn: SESSION_DAYS * 24 * 3600, updateAge: 24 * 3600 },
    user: {
      additionalFields: {
        role: { type: "string", required: false, input: false },
        banned: { type: "boolean", required: false, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated account gets no new session, whatever path asks for one.
          before: async (session) => {
            const user = await getDb().user.findUnique({
              where: { id: session.userId },
              select: { banned: true },
            });
            return user && !user.banned ? { data: session } : false;
          },
        },
      },
    },
    // The library's own per-address limits, set high enough that tests signing in many times
    // from one address pass; failed sign-ins are limited per account and address in the route.
    rateLimit: {
      enabled: true,
      window: 60,
      max: 600,
      customRules: { "/sign-in/email": { window: 60, max: 300 } },
    },
    advanced: {
      useSecureCookies: baseUrl?.startsWith("https://") ?? false,
      ipAddress: {
        ipAddressHeaders: process.env.TRUST_PROXY === "1" ? ["x-forwarded-for"] : [],
      },
    },
    telemetry: { enabled: false },
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { framescopeAuth?: Auth };

/** The one better-auth instance of this process. */
export function getAuth(): Auth {
  globalForAuth.framescopeAuth ??= createAuth();
  return globalForAuth.framescopeAuth;
}
