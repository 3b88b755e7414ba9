import { createPrismaClient, type PrismaClient } from "@fundline/db";
import { createTestDatabase } from "@fundline/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureDemoUsers, ensureFirstAdministrator } from "./first-users.ts";

let prisma: PrismaClient;
let drop: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase(inject("databaseAdminUrl"));
  prisma = createPrismaClient(database.url);
  drop = database.drop;
});
afterAll(async () => {
  await prisma.$disconnect();
  await drop();
});

describe("the first administrator", () => {
  it("refuses a weak password or a bad email before creating anyone", async () => {
    await expect(
      ensureFirstAdministrator(prisma, { email: "admin@council.example", password: "short" }),
    ).rejects.toThrow("FUNDLINE_ADMIN_PASSWORD must be at least 12 characters.");
    await expect(
      ensureFirstAdministrator(prisma, { email: "admin@council.example", password: "password1234" }),
    ).rejects.toThrow(/commonly used/);
    await expect(ensureFirstAdministrator(prisma, { email: "not an email", password: "x".repeat(12) })).rejects.toThrow(
      "FUNDLINE_ADMIN_EMAIL must be an email address.",
    );
    expect(await prisma.user.count()).toBe(0);
  });

  it("is created once, in an empty database, with an audit event", async () => {
    const first = await ensureFirstAdministrator(prisma, {
      email: "Admin@Council.example",
      password: "a long first passphrase",
    });
    expect(first).toEqual({ created: true, email: "admin@council.example" });
    const again = await ensureFirstAdministrator(prisma, {
      email: "other@council.example",
      password: "a long first passphrase",
    });
    expect(again.created).toBe(false);
    const users = await prisma.user.findMany({ include: { organisation: true } });
    expect(users.map((user) => [user.email, user.role, user.organisation.name])).toEqual([
      ["admin@council.example", "administrator", "Fundline administration"],
    ]);
    expect(await prisma.auditEvent.count({ where: { entityType: "User", action: "create" } })).toBe(1);
  });

  it("makes demo users only for the demo organisations that exist", async () => {
    expect(await ensureDemoUsers(prisma, "demo passphrase for councils")).toEqual([]);
  });
});
