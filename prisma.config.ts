import { defineConfig } from "prisma/config";

// The URL is used only by Prisma CLI commands that talk to a database
// (`prisma migrate deploy` where its engine is available). The app connects
// through the pg driver adapter in app/lib/db.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/framescope" },
});
