import "server-only";
import { createPrismaClient, type PrismaClient } from "./db/client";

// One client per server process; Next.js dev reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { framescopePrisma?: PrismaClient };

export function getDb(): PrismaClient {
  globalForPrisma.framescopePrisma ??= createPrismaClient(databaseUrl());
  return globalForPrisma.framescopePrisma;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
  return url;
}
