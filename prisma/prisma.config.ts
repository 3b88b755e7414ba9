import { defineConfig } from "prisma/config";

// The Prisma CLI reads this. DATABASE_URL is only needed by commands that talk to a database
// (`prisma migrate deploy` on a machine that can download Prisma's engine); `generate` is offline.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/fundline" },
});
