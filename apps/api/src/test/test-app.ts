// Builds the real app against a fresh copy of the migrated test database.
import { createPrismaClient, type PrismaClient } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { inject } from "vitest";
import { app, serverOptions } from "../app.ts";

export type TestApp = { fastify: FastifyInstance; prisma: PrismaClient; close: () => Promise<void> };

export async function buildTestApp(): Promise<TestApp> {
  const database = await createTestDatabase(inject("databaseAdminUrl"));
  const prisma = createPrismaClient(database.url);
  const fastify = Fastify({ ...serverOptions, logger: false });
  await fastify.register(app, { prisma });
  await fastify.ready();
  return {
    fastify,
    prisma,
    close: async () => {
      await fastify.close();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}
