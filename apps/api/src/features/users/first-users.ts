import type { PrismaClient } from "@fundline/db";
import { ROLE_NAMES, type Role } from "@fundline/domain";
import { Email, NewPassword } from "@fundline/schemas";
import { hashPassword, passwordProblem } from "../../lib/passwords.ts";

export class FirstUserError extends Error {}

/**
 * With no users yet, `FUNDLINE_ADMIN_EMAIL` and `FUNDLINE_ADMIN_PASSWORD` make the first
 * administrator. They belong to the first council (or a new "Fundline administration"
 * organisation in an empty database); administrators see every programme whatever their
 * organisation.
 */
export async function ensureFirstAdministrator(
  prisma: PrismaClient,
  credentials: { email: string; password: string },
): Promise<{ created: boolean; email: string }> {
  const email = Email.safeParse(credentials.email);
  if (!email.success) throw new FirstUserError("FUNDLINE_ADMIN_EMAIL must be an email address.");
  const password = NewPassword.safeParse(credentials.password);
  const problem = password.success
    ? passwordProblem(credentials.password, email.data)
    : password.error.issues[0]?.message;
  if (problem) throw new FirstUserError(`FUNDLINE_ADMIN_PASSWORD ${problem}.`);
  if ((await prisma.user.count()) > 0) return { created: false, email: email.data };

  const organisation =
    (await prisma.organisation.findFirst({
      where: { kinds: { has: "council" }, retiredAt: null },
      orderBy: { name: "asc" },
    })) ?? (await prisma.organisation.create({ data: { name: "Fundline administration", kinds: ["council"] } }));
  const passwordHash = await hashPassword(credentials.password);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: email.data,
        displayName: "Administrator",
        organisationId: organisation.id,
        role: "administrator",
        passwordHash,
      },
    });
    await tx.auditEvent.create({
      data: {
        actorLabel: "Fundline start-up (FUNDLINE_ADMIN_EMAIL)",
        entityType: "User",
        entityId: user.id,
        action: "create",
        changes: { email: { before: null, after: user.email }, role: { before: null, after: user.role } },
      },
    });
  });
  return { created: true, email: email.data };
}

/** One demo user per role among the demo councils, for trying Fundline out in development. */
const DEMO_USERS: { email: string; displayName: string; role: Role; organisation: string; assignedTo?: string }[] = [
  { email: "admin@oldham.example", displayName: "Alex Admin", role: "administrator", organisation: "Oldham Council" },
  {
    email: "finance@oldham.example",
    displayName: "Farah Finance",
    role: "finance_officer",
    organisation: "Oldham Council",
  },
  {
    email: "manager@stockport.example",
    displayName: "Priya Manager",
    role: "programme_manager",
    organisation: "Stockport Metropolitan Borough Council",
    assignedTo: "Shared early years education improvement leadership",
  },
  {
    email: "viewer@oxfordshire.example",
    displayName: "Vic Viewer",
    role: "viewer",
    organisation: "Oxfordshire County Council",
  },
];

/**
 * Creates the demo users (once, in a database seeded with the demo programmes) and returns the
 * lines to print so a developer can sign in.
 */
export async function ensureDemoUsers(prisma: PrismaClient, password: string): Promise<string[]> {
  const passwordHash = await hashPassword(password);
  const lines: string[] = [];
  for (const demo of DEMO_USERS) {
    const organisation = await prisma.organisation.findUnique({ where: { name: demo.organisation } });
    if (!organisation) continue;
    const user = await prisma.user.upsert({
      where: { email: demo.email },
      update: {},
      create: {
        email: demo.email,
        displayName: demo.displayName,
        role: demo.role,
        organisationId: organisation.id,
        passwordHash,
      },
    });
    if (demo.assignedTo) {
      const programme = await prisma.programme.findUnique({ where: { name: demo.assignedTo } });
      if (programme) {
        await prisma.programmeAssignment.upsert({
          where: { userId_programmeId: { userId: user.id, programmeId: programme.id } },
          update: {},
          create: { userId: user.id, programmeId: programme.id },
        });
      }
    }
    lines.push(`  ${ROLE_NAMES[demo.role].padEnd(18)} ${demo.email.padEnd(28)} (${demo.organisation})`);
  }
  return lines;
}
