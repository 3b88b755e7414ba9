import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const send = (method: "POST" | "PATCH", url: string, payload: object) => test.inject({ method, url, payload });
const fields = (response: { json: () => { fields: { path: string }[] } }) => response.json().fields.map((f) => f.path);

describe("benefit readings", () => {
  it("records a dated reading exactly and refuses a second on the same day", async () => {
    const benefit = await test.prisma.benefit.findFirstOrThrow({ where: { name: "Improving LA attendance figures" } });
    const reading = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-01-31", value: "95.2" });
    expect(reading.statusCode).toBe(201);
    expect(reading.json().value).toBe("95.2");
    const again = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-01-31", value: "95.3" });
    expect(again.statusCode).toBe(422);
    const float = await send("POST", `/api/benefits/${benefit.id}/readings`, { readOn: "2022-02-28", value: 95.2 });
    expect(float.statusCode).toBe(400);
    expect(fields(float)).toContain("body.value");
  });
});

describe("readings approved by the programme's owner", () => {
  it("keeps a reading someone else enters as submitted, off the dashboard, until the owner approves it", async () => {
    const benefit = await test.prisma.benefit.findFirstOrThrow({
      where: { name: "Improving LA attendance figures" },
      include: { programme: true },
    });
    const lead = benefit.programme.leadOrganisationId;
    const owner = await test.signInNew({ role: "viewer", organisationId: lead, email: "owner@readings.test" });
    const manager = await test.signInNew({
      role: "programme_manager",
      organisationId: lead,
      email: "pm@readings.test",
    });
    await test.prisma.programmeAssignment.create({
      data: { userId: manager.userId, programmeId: benefit.programmeId },
    });
    const programme = (await test.inject({ url: `/api/programmes/${benefit.programmeId}` })).json();
    // A person of a council not taking part cannot own the readings.
    const stranger = await test.signInNew({ role: "viewer", organisationId: test.as("viewer").organisationId });
    const refused = await send("PATCH", `/api/programmes/${benefit.programmeId}`, {
      version: programme.version,
      readingsApproverId: stranger.userId,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([
      { path: "readingsApproverId", message: "must be a person of a council taking part in the programme" },
    ]);
    const set = await send("PATCH", `/api/programmes/${benefit.programmeId}`, {
      version: programme.version,
      readingsApproverId: owner.userId,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await test.inject({ url: `/api/programmes/${benefit.programmeId}` })).json().readingsApprover).toEqual({
      id: owner.userId,
      displayName: "Test viewer",
    });

    const dashboardBenefit = async () =>
      (await owner.inject({ url: `/api/dashboard?programmeId=${benefit.programmeId}` }))
        .json()
        .benefits.find((shown: { id: string }) => shown.id === benefit.id);
    const before = await dashboardBenefit();
    const submitted = await manager.inject({
      method: "POST",
      url: `/api/benefits/${benefit.id}/readings`,
      payload: { readOn: "2023-03-31", value: "97.5" },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({
      status: "submitted",
      enteredBy: "Test programme_manager",
      approvedBy: null,
    });
    const waiting = await dashboardBenefit();
    expect(waiting.latestReading).toEqual(before.latestReading);
    expect(waiting.readingsAwaitingApproval).toBe(before.readingsAwaitingApproval + 1);

    const byManager = await manager.inject({
      method: "POST",
      url: `/api/benefit-readings/${submitted.json().id}/approve`,
      payload: { version: submitted.json().version },
    });
    expect(byManager.statusCode).toBe(403);
    expect(byManager.json().message).toContain("who owns");

    const approved = await owner.inject({
      method: "POST",
      url: `/api/benefit-readings/${submitted.json().id}/approve`,
      payload: { version: submitted.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedBy: "Test viewer" });
    const shown = await dashboardBenefit();
    expect(shown.latestReading).toEqual({ readOn: "2023-03-31", value: "97.5" });
    expect(shown.readingsAwaitingApproval).toBe(before.readingsAwaitingApproval);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: submitted.json().id, action: "update" },
    });
    expect(audit.changes).toMatchObject({ status: { before: "submitted", after: "approved" } });

    const again = await owner.inject({
      method: "POST",
      url: `/api/benefit-readings/${submitted.json().id}/approve`,
      payload: { version: approved.json().version },
    });
    expect(again.json().fields).toEqual([{ path: "id", message: "this reading is approved already" }]);
    const stale = await owner.inject({
      method: "POST",
      url: `/api/benefit-readings/${submitted.json().id}/approve`,
      payload: { version: submitted.json().version },
    });
    expect(stale.statusCode).toBe(409);
  });
});
