import type { PrismaClient } from "@fundline/db";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

/** Makes the database client available to every feature. The caller owns its lifetime. */
export const prismaPlugin = fp<{ prisma: PrismaClient }>(
  async (fastify, { prisma }) => {
    fastify.decorate("prisma", prisma);
  },
  { name: "prisma" },
);
