// The audit trail: who changed what, when, from what to what; it can only be added to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

describe("GET /api/audit", () => {
  it("answers an unknown kind of record with 400 listing the kinds it knows", async () => {
    const response = await test.inject({ url: `/api/audit?entity=programme&id=${crypto.randomUUID()}` });
    expect(response.statusCode).toBe(400);
    const [field] = response.json().fields;
    expect(field.path).toBe("querystring.entity");
    expect(field.message).toContain('"Programme"');
    expect(field.message).toContain('"FundingCommitment"');
  });
});

describe("the audit trail", () => {
  it("can only be added to: the database refuses to change or delete an event", async () => {
    const event = await test.prisma.auditEvent.findFirstOrThrow();
    await expect(
      test.prisma.auditEvent.update({ where: { id: event.id }, data: { reason: "rewritten" } }),
    ).rejects.toThrow();
    await expect(test.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect((await test.prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).reason).toBe(event.reason);
  });
});
