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

/** Seeds the demo programmes and returns the £105,000 Dartington programme's ids for writes. */
export async function seedAndFindDartington(prisma: PrismaClient) {
  const { seedDemoProgrammes } = await import("@fundline/db/seed");
  await seedDemoProgrammes(prisma);
  const programme = await prisma.programme.findFirstOrThrow({
    where: { name: "Early years outcomes programme" },
    include: { costLines: true, commitments: true },
  });
  return {
    programmeId: programme.id,
    costLineId: programme.costLines[0]!.id,
    fundId: programme.commitments[0]!.fundId,
  };
}
