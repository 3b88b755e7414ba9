import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

const create = () =>
  test.inject({
    method: "POST",
    url: "/api/milestones",
    payload: {
      programmeId,
      description: "Final report to the OA Board",
      baselineOn: "2020-05-31",
      baselinePrecision: "season",
      baselineLabel: "Spring 2020",
    },
  });
const patch = (id: string, payload: object) => test.inject({ method: "PATCH", url: `/api/milestones/${id}`, payload });

describe("milestones", () => {
  it("keeps every status and date change as history, and audits it", async () => {
    const milestone = (await create()).json();
    expect(milestone).toMatchObject({
      baselineLabel: "Spring 2020",
      baselinePrecision: "season",
      status: "not_started",
    });

    const slipped = await patch(milestone.id, {
      version: 1,
      status: "delayed",
      forecastOn: "2020-07-31",
      note: "Board meeting moved",
    });
    expect(slipped.statusCode).toBe(200);
    const met = await patch(milestone.id, {
      version: 2,
      status: "met",
      actualOn: "2020-07-24",
      evidence: "Minutes of 24 July",
    });
    expect(met.statusCode).toBe(200);
    expect(met.json().history).toEqual([
      expect.objectContaining({
        statusBefore: "not_started",
        statusAfter: "delayed",
        forecastBefore: null,
        forecastAfter: "2020-07-31",
        note: "Board meeting moved",
      }),
      expect.objectContaining({
        statusBefore: "delayed",
        statusAfter: "met",
        actualBefore: null,
        actualAfter: "2020-07-24",
      }),
    ]);
    // An evidence-only edit changes no status or date, so adds no history row.
    const evidence = await patch(milestone.id, { version: 3, evidence: "Minutes and final report" });
    expect(evidence.json().history).toHaveLength(2);
    const audit = (await test.inject({ url: `/api/audit?entity=Milestone&id=${milestone.id}` })).json();
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(["create", "update", "update", "update"]);
    expect(audit.events[1].changes.status).toEqual({ before: "not_started", after: "delayed" });
    expect(audit.events[1].reason).toBe("Board meeting moved");
  });

  it("refuses a met milestone without a date, a stale version and a bad precision", async () => {
    const milestone = (await create()).json();
    const noDate = await patch(milestone.id, { version: 1, status: "met" });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().fields[0].path).toBe("actualOn");
    expect((await patch(milestone.id, { version: 1, status: "on_track" })).statusCode).toBe(200);
    const stale = await patch(milestone.id, { version: 1, status: "at_risk" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.status).toBe("on_track");
    const badPrecision = await test.inject({
      method: "POST",
      url: "/api/milestones",
      payload: { programmeId, description: "x", baselineOn: "2020-05-31", baselinePrecision: "fortnight" },
    });
    expect(badPrecision.statusCode).toBe(400);
    expect(badPrecision.json().fields[0].path).toBe("body.baselinePrecision");
  });
});

describe("GET /api/milestones?outstanding=true", () => {
  it("leaves out met and cancelled milestones, and finds those due by a date", async () => {
    const due = async (description: string, baselineOn: string, status?: string) =>
      (
        await test.inject({
          method: "POST",
          url: "/api/milestones",
          payload: { programmeId, description, baselineOn, ...(status && { status }) },
        })
      ).json();
    await due("Outstanding: overdue", "2031-01-10");
    await due("Outstanding: met", "2031-01-11", "met");
    await due("Outstanding: cancelled", "2031-01-12", "cancelled");
    await due("Outstanding: not due yet", "2031-03-01");
    const list = (
      await test.inject({
        url: `/api/milestones?programmeId=${programmeId}&outstanding=true&from=2031-01-01&to=2031-02-01`,
      })
    ).json();
    expect(list.milestones.map((milestone: { description: string }) => milestone.description)).toEqual([
      "Outstanding: overdue",
    ]);
    const all = (
      await test.inject({ url: `/api/milestones?programmeId=${programmeId}&from=2031-01-01&to=2031-02-01` })
    ).json();
    expect(all.total).toBe(3);
  });
});
