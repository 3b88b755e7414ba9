// Builds the real app against a fresh copy of the migrated test database, with one signed-in
// user per role, so tests go through sign-in, permissions and CSRF like any client.
import { createPrismaClient, createReplicaClient, type PrismaClient } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import { MAX_AMOUNT_PENCE, ROLES, type Role } from "@fundline/domain";
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from "fastify";
import { inject } from "vitest";
import { type AppOptions, app, serverOptions } from "../app.ts";
import { hashPassword } from "../lib/passwords.ts";

export const TEST_PASSWORD = "a long test passphrase 4 all";

/** Injects requests as one signed-in user: their session cookie, and the CSRF token on writes. */
export type SignedIn = {
  userId: string;
  organisationId: string;
  cookie: string;
  csrfToken: string;
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  fastify: FastifyInstance;
  prisma: PrismaClient;
  /** As the administrator (sees and may do everything). */
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** As the test council's user with this role. */
  as: (role: Role) => SignedIn;
  /** Creates a user in any organisation and signs them in. */
  signInNew: (options: { role: Role; organisationId: string; email?: string }) => Promise<SignedIn>;
  close: () => Promise<void>;
};

export async function signInAs(fastify: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await fastify.inject({ method: "POST", url: "/api/session", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email}: ${response.statusCode} ${response.body}`);
  const session = response.json();
  // The session's cookie only: others a sign-in sets (reads stay on the primary for a moment
  // after a write, with replicas) are a browser's to keep for their lifetime, not forever.
  const cookie = response.cookies
    .filter((c) => c.name === fastify.sessionCookie.name)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  return {
    userId: session.user.id,
    organisationId: session.user.organisation.id,
    cookie,
    csrfToken: session.csrfToken,
    inject: (options) =>
      fastify.inject({
        ...options,
        headers: { cookie, "x-csrf-token": session.csrfToken, ...(options.headers ?? {}) },
      }),
  };
}

/**
 * `secondApprover: "as shipped"` keeps every council's approval threshold at Fundline's default
 * (£10,000.00): money changes above it wait for a second person (features/change-requests).
 * Otherwise this copy of the database lets one person move any amount (its councils' threshold is
 * the largest amount there is), so tests of other rules write money in one step.
 */
export async function buildTestApp({
  secondApprover,
  appOptions = {},
  connectThrough,
  database: given,
  replicas,
}: {
  secondApprover?: "as shipped";
  /** Anything the server would set from its environment (its public address, say). */
  appOptions?: Omit<AppOptions, "prisma">;
  /** The address the app reaches its fresh database by (through a pooler, say); the database's own when omitted. */
  connectThrough?: (databaseUrl: string) => Promise<string>;
  /** A migrated database of the test's own (on a primary with a replica, say); a fresh copy of the template when omitted. */
  database?: { url: string; drop: () => Promise<void> };
  /** Streaming replicas of that database, for the reads that may lag. */
  replicas?: { urls: string[]; maxLagMs: number; probeIntervalMs?: number };
} = {}): Promise<TestApp> {
  const database = given ?? (await createTestDatabase(inject("databaseAdminUrl")));
  const prisma = createPrismaClient(connectThrough ? await connectThrough(database.url) : database.url);
  const replicaClients = (replicas?.urls ?? []).map((url, index) => ({
    name: String(index + 1),
    prisma: createReplicaClient(prisma, url, { connectionTimeoutMs: 1_000 }),
  }));
  if (secondApprover !== "as shipped") {
    await prisma.$executeRawUnsafe(
      `ALTER TABLE "Organisation" ALTER COLUMN "approvalThresholdPence" SET DEFAULT ${MAX_AMOUNT_PENCE}`,
    );
    await prisma.$executeRawUnsafe(`UPDATE "Organisation" SET "approvalThresholdPence" = ${MAX_AMOUNT_PENCE}`);
  }
  const fastify = Fastify({ ...serverOptions, logger: false });
  await fastify.register(app, {
    prisma,
    ...(replicas && {
      replicas: { replicas: replicaClients, maxLagMs: replicas.maxLagMs, probeIntervalMs: replicas.probeIntervalMs },
    }),
    ...appOptions,
  });
  await fastify.ready();

  const passwordHash = await hashPassword(TEST_PASSWORD);
  const createUser = async (role: Role, organisationId: string, email: string) => {
    await prisma.user.create({ data: { email, displayName: `Test ${role}`, organisationId, role, passwordHash } });
    return signInAs(fastify, email);
  };
  const council = await prisma.organisation.create({ data: { name: "Fundline Test Council", kinds: ["council"] } });
  const users = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await createUser(role, council.id, `${role}@test.example`)])),
  ) as Record<Role, SignedIn>;
  let created = 0;

  return {
    fastify,
    prisma,
    inject: (options) => users.administrator.inject(options),
    as: (role) => users[role],
    signInNew: ({ role, organisationId, email }) =>
      createUser(role, organisationId, email ?? `user-${++created}-${role}@test.example`),
    close: async () => {
      await fastify.close();
      await prisma.$disconnect();
      for (const replica of replicaClients) await replica.prisma.$disconnect();
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
