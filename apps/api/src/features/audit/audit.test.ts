// The audit trail: who changed what, when, from what to what; it can only be added to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId } = await seedAndFindDartington(test.prisma));
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

describe("GET /api/programmes/:id/history", () => {
  it("lists the programme's changes and its records', newest first, with each field before and after", async () => {
    const before = (await test.inject({ url: `/api/programmes/${programmeId}/history?pageSize=500` })).json();
    const milestone = (
      await test.inject({
        method: "POST",
        url: "/api/milestones",
        payload: { programmeId, description: "Evaluation report published", baselineOn: "2021-03-31" },
      })
    ).json();
    await test.inject({
      method: "PATCH",
      url: `/api/milestones/${milestone.id}`,
      payload: { version: 1, status: "delayed", forecastOn: "2021-06-30", note: "Evaluator changed" },
    });
    const risk = (
      await test.inject({
        method: "POST",
        url: "/api/risks",
        payload: { programmeId, title: "Evaluator unavailable", likelihood: 2, impact: 3 },
      })
    ).json();
    const benefit = await test.prisma.benefit.create({
      data: {
        programmeId,
        name: "Good level of development",
        measure: "% of children",
        benefitType: "direct",
        direction: "increase",
        unit: "%",
      },
    });
    const reading = await test.inject({
      method: "POST",
      url: `/api/benefits/${benefit.id}/readings`,
      payload: { readOn: "2021-04-01", value: "71.5" },
    });
    expect(reading.statusCode).toBe(201);

    const history = (await test.inject({ url: `/api/programmes/${programmeId}/history?pageSize=3` })).json();
    expect(history.total).toBe(before.total + 4);
    expect(history.events.map((event: { entityType: string }) => event.entityType)).toEqual([
      "BenefitReading",
      "Risk",
      "Milestone",
    ]);
    expect(history.events[1].entityId).toBe(risk.id);
    expect(history.events[2]).toMatchObject({
      entityId: milestone.id,
      action: "update",
      actorLabel: expect.stringContaining("administrator"),
      reason: "Evaluator changed",
      changes: {
        status: { before: "not_started", after: "delayed" },
        forecastOn: { before: null, after: "2021-06-30" },
      },
    });
    // The next page carries on where the first stopped.
    const second = (await test.inject({ url: `/api/programmes/${programmeId}/history?pageSize=3&page=2` })).json();
    expect(second.events[0]).toMatchObject({ entityId: milestone.id, action: "create" });
  });

  it("is the programme's own: another programme's changes are not in it, and another council cannot read it", async () => {
    const other = await test.prisma.programme.findFirstOrThrow({ where: { id: { not: programmeId } } });
    await test.inject({
      method: "POST",
      url: "/api/risks",
      payload: { programmeId: other.id, title: "Not this programme's", likelihood: 1, impact: 1 },
    });
    const history = (await test.inject({ url: `/api/programmes/${programmeId}/history?pageSize=500` })).json();
    expect(
      history.events.some(
        (event: { changes: { title?: { after: string } } }) => event.changes.title?.after === "Not this programme's",
      ),
    ).toBe(false);
    // The test council is not on the demo programmes: its viewer gets 404, as for no programme.
    const response = await test.as("viewer").inject({ url: `/api/programmes/${programmeId}/history` });
    expect(response.statusCode).toBe(404);
  });
});
