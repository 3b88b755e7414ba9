// Every editable resource goes through the same life: created, found in its filtered list with
// an exact total, changed once by one of many simultaneous writers, refused when stale, retired
// with a reason (gone from the list, kept in history and audit), and refused bad input with the
// field named. One table, so a resource that skips a rule fails here.
import { AuditedEntity } from "@fundline/schemas";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./test-app.ts";

let test: TestApp;
const world = {} as Record<
  "leadId" | "partnerId" | "funderId" | "programmeId" | "fundId" | "workstreamId" | "costLineId" | "commitmentId",
  string
>;

type Json = Record<string, unknown>;
const send = (method: "GET" | "POST" | "PATCH", url: string, payload?: Json) => test.inject({ method, url, payload });
const created = async (url: string, payload: Json): Promise<Json> => {
  const response = await send("POST", url, payload);
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};

beforeAll(async () => {
  test = await buildTestApp();
  world.leadId = (await created("/api/organisations", { name: "Lifecycle Borough Council", kinds: ["council"] }))
    .id as string;
  world.partnerId = (await created("/api/organisations", { name: "Lifecycle City Council", kinds: ["council"] }))
    .id as string;
  world.funderId = (await created("/api/organisations", { name: "Lifecycle Trust", kinds: ["funder"] })).id as string;
  world.programmeId = (
    await created("/api/programmes", {
      name: "Lifecycle programme",
      leadOrganisationId: world.leadId,
      startOn: "2022-04-01",
      endOn: "2024-03-31",
    })
  ).id as string;
  await created(`/api/programmes/${world.programmeId}/partners`, {
    organisationId: world.partnerId,
    role: "partner",
    joinedOn: "2022-04-01",
  });
  world.fundId = (await created("/api/funds", { funderId: world.funderId, name: "Base fund", fundType: "revenue" }))
    .id as string;
  world.workstreamId = (await created(`/api/programmes/${world.programmeId}/workstreams`, { name: "Base workstream" }))
    .id as string;
  world.costLineId = (await created(`/api/programmes/${world.programmeId}/cost-lines`, { name: "Base line" }))
    .id as string;
  world.commitmentId = (
    await created("/api/commitments", {
      fundId: world.fundId,
      programmeId: world.programmeId,
      title: "Base grant",
      amountPence: 10_000_000,
      status: "awarded",
    })
  ).id as string;
});
afterAll(() => test.close());

type Resource = {
  name: string;
  /** The audit trail's entity type. */
  entity: string;
  /** Where to POST a new one and with what (`n` makes names unique). */
  create: (n: number) => { url: string; body: Json } | Promise<{ url: string; body: Json }>;
  /** A list filtered so that it holds exactly the records this test made, and the key they come under. */
  list: { url: () => string; key: string };
  /** The resource's own URL, for PATCH (`${base}/${id}`) and retire (`${base}/${id}/retire`). */
  base: string;
  /** A change and the field that shows it. */
  change: Json;
  /** Bad bodies for create: [what, body changes, status, field named]. */
  badInputs: [string, Json, number, string][];
  /** False for records whose end is a status or a date rather than retirement. */
  retires?: boolean;
};

const today = "2023-05-10";
const resources: Resource[] = [
  {
    name: "organisation",
    entity: "Organisation",
    create: (n) => ({ url: "/api/organisations", body: { name: `Lifecycle supplier ${n}`, kinds: ["supplier"] } }),
    list: { url: () => "/api/organisations?kind=supplier&name=lifecycle%20supplier", key: "organisations" },
    base: "/api/organisations",
    change: { identifier: "GB-COH-01234567" },
    badInputs: [
      ["no kinds", { kinds: [] }, 400, "body.kinds"],
      ["an identifier that is not org-id", { identifier: "Companies House 123" }, 400, "body.identifier"],
    ],
  },
  {
    name: "fund",
    entity: "Fund",
    create: (n) => ({ url: "/api/funds", body: { funderId: world.funderId, name: `Fund ${n}`, fundType: "capital" } }),
    list: { url: () => `/api/funds?funderId=${world.funderId}&fundType=capital`, key: "funds" },
    base: "/api/funds",
    change: { description: "Capital for ICT business systems" },
    badInputs: [
      ["an unknown fund type", { fundType: "grant" }, 400, "body.fundType"],
      ["a funder that is not a funder", { funderId: "LEAD" }, 422, "funderId"],
    ],
  },
  {
    name: "programme",
    entity: "Programme",
    create: (n) => ({
      url: "/api/programmes",
      body: { name: `Lifecycle programme ${n}`, leadOrganisationId: world.partnerId, status: "proposed" },
    }),
    list: { url: () => `/api/programmes?organisationId=${world.partnerId}&status=proposed`, key: "programmes" },
    base: "/api/programmes",
    change: { summary: "Shared early years leadership" },
    badInputs: [
      ["an end before its start", { startOn: "2023-04-01", endOn: "2023-03-31" }, 422, "endOn"],
      ["a cost in pounds", { totalCostPence: 1500.5 }, 400, "body.totalCostPence"],
    ],
  },
  {
    name: "workstream",
    entity: "Workstream",
    create: (n) => ({ url: `/api/programmes/${world.programmeId}/workstreams`, body: { name: `Workstream ${n}` } }),
    list: { url: () => `/api/programmes/${world.programmeId}/workstreams`, key: "workstreams" },
    base: "/api/workstreams",
    change: { description: "Out of hours service" },
    badInputs: [
      ["a blank name", { name: "   " }, 400, "body.name"],
      ["a control character", { name: "Out\u0007of hours" }, 400, "body.name"],
    ],
  },
  {
    name: "cost line",
    entity: "CostLine",
    create: (n) => ({
      url: `/api/programmes/${world.programmeId}/cost-lines`,
      body: { name: `Line ${n}`, workstreamId: world.workstreamId, ledgerCode: "EY-001" },
    }),
    list: {
      url: () => `/api/programmes/${world.programmeId}/cost-lines?workstreamId=${world.workstreamId}`,
      key: "costLines",
    },
    base: "/api/cost-lines",
    change: { ledgerCode: "EY-002" },
    badInputs: [
      ["a workstream that is not a uuid", { workstreamId: "ws-1" }, 400, "body.workstreamId"],
      [
        "a workstream of another programme",
        { workstreamId: "00000000-0000-4000-8000-000000000000" },
        422,
        "workstreamId",
      ],
    ],
  },
  {
    name: "cost-sharing agreement",
    entity: "CostSharingAgreement",
    create: (n) => ({
      url: `/api/programmes/${world.programmeId}/cost-sharing-agreements`,
      body: {
        name: `Agreement ${n}`,
        shares: [
          { organisationId: world.leadId, parts: 1 },
          { organisationId: world.partnerId, parts: 1 },
        ],
      },
    }),
    list: {
      url: () => `/api/programmes/${world.programmeId}/cost-sharing-agreements?organisationId=${world.partnerId}`,
      key: "costSharingAgreements",
    },
    base: "/api/cost-sharing-agreements",
    change: {
      shares: [
        { organisationId: "LEAD", parts: 3 },
        { organisationId: "PARTNER", parts: 2 },
      ],
    },
    badInputs: [
      ["a negative part", { shares: [{ organisationId: "LEAD", parts: -1 }] }, 400, "body.shares.0.parts"],
      ["an end before its start", { effectiveFrom: "2023-04-01", effectiveTo: "2022-04-01" }, 422, "effectiveTo"],
    ],
  },
  {
    name: "decision",
    entity: "Decision",
    create: (n) => ({
      url: "/api/decisions",
      body: {
        organisationId: world.leadId,
        programmeId: world.programmeId,
        reference: `CAB-${n}`,
        title: "Shared services: implementation",
        decisionType: "key",
        decisionMaker: "Cabinet",
        decidedOn: "2022-06-21",
        status: "Recommendations Approved",
      },
    }),
    list: {
      url: () => `/api/decisions?programmeId=${world.programmeId}&financialYear=2022/23&decisionType=key`,
      key: "decisions",
    },
    base: "/api/decisions",
    change: { status: "Called in" },
    badInputs: [
      ["an amount with pence fractions", { amountPence: 10.5 }, 400, "body.amountPence"],
      ["publication before the decision", { publishedOn: "2022-06-01" }, 422, "publishedOn"],
    ],
  },
  {
    name: "commitment",
    entity: "FundingCommitment",
    create: (n) => ({
      url: "/api/commitments",
      body: {
        fundId: world.fundId,
        programmeId: world.programmeId,
        title: `Grant ${n}`,
        amountPence: 500_000,
        status: "applied",
      },
    }),
    list: { url: () => `/api/commitments?programmeId=${world.programmeId}&status=applied`, key: "commitments" },
    base: "/api/commitments",
    change: { conditions: "Report to the board quarterly" },
    badInputs: [
      ["null for an amount", { amountPence: null }, 400, "body.amountPence"],
      ["a profile that does not add up", { profile: [{ financialYear: "2022/23", amountPence: 1 }] }, 422, "profile"],
    ],
  },
  {
    name: "allocation",
    entity: "Allocation",
    create: () => ({
      url: "/api/allocations",
      body: { commitmentId: world.commitmentId, costLineId: world.costLineId, amountPence: 10_000 },
    }),
    list: { url: () => `/api/allocations?commitmentId=${world.commitmentId}`, key: "allocations" },
    base: "/api/allocations",
    change: { note: "Benchmarking club" },
    badInputs: [
      ["a negative amount", { amountPence: -1 }, 400, "body.amountPence"],
      ["more than the commitment", { amountPence: 10_000_001 }, 422, "amountPence"],
    ],
  },
  {
    name: "receipt",
    entity: "Receipt",
    create: () => ({
      url: "/api/receipts",
      body: { commitmentId: world.commitmentId, receivedOn: today, amountPence: 25_000 },
    }),
    list: { url: () => `/api/receipts?commitmentId=${world.commitmentId}&financialYear=2023/24`, key: "receipts" },
    base: "/api/receipts",
    change: { reference: "BACS 4471" },
    badInputs: [
      ["a zero amount", { amountPence: 0 }, 400, "body.amountPence"],
      ["a date that is not a date", { receivedOn: "10/05/2023" }, 400, "body.receivedOn"],
    ],
  },
  {
    name: "spend",
    entity: "Spend",
    create: (n) => ({
      url: "/api/spend",
      body: {
        programmeId: world.programmeId,
        costLineId: world.costLineId,
        spentOn: today,
        amountPence: 12_345,
        supplierName: `Supplier ${n}`,
      },
    }),
    list: { url: () => `/api/spend?costLineId=${world.costLineId}&from=2023-05-01&to=2023-05-31`, key: "spend" },
    base: "/api/spend",
    change: { purpose: "Training venue" },
    badInputs: [
      ["an amount as a string", { amountPence: "123.45" }, 400, "body.amountPence"],
      ["an unknown field", { approvedBy: "me" }, 400, "body"],
    ],
  },
  {
    name: "milestone",
    entity: "Milestone",
    create: (n) => ({
      url: "/api/milestones",
      body: { programmeId: world.programmeId, description: `Milestone ${n}`, baselineOn: "2023-06-30" },
    }),
    list: { url: () => `/api/milestones?programmeId=${world.programmeId}&financialYear=2023/24`, key: "milestones" },
    base: "/api/milestones",
    change: { status: "on_track" },
    badInputs: [
      ["an unknown status", { status: "late" }, 400, "body.status"],
      ["a missing baseline", { baselineOn: undefined }, 400, "body.baselineOn"],
    ],
  },
  {
    name: "risk",
    entity: "Risk",
    create: (n) => ({
      url: "/api/risks",
      body: { programmeId: world.programmeId, title: `Risk ${n}`, likelihood: 4, impact: 4 },
    }),
    list: { url: () => `/api/risks?programmeId=${world.programmeId}&minScore=16`, key: "risks" },
    base: "/api/risks",
    change: { mitigation: "Second supplier on standby" },
    badInputs: [
      ["a likelihood of 6", { likelihood: 6 }, 400, "body.likelihood"],
      ["a programme that does not exist", { programmeId: "00000000-0000-4000-8000-000000000000" }, 422, "programmeId"],
    ],
  },
  {
    name: "deliverable",
    entity: "DeliverableTarget",
    create: (n) => ({
      url: "/api/deliverables",
      body: { programmeId: world.programmeId, description: `Site visits ${n}`, targetCount: 10, dueOn: "2023-09-30" },
    }),
    list: {
      url: () => `/api/deliverables?programmeId=${world.programmeId}&financialYear=2023/24`,
      key: "deliverables",
    },
    base: "/api/deliverables",
    change: { achievedCount: 6 },
    badInputs: [
      ["a target of zero", { targetCount: 0 }, 400, "body.targetCount"],
      ["a fractional target", { targetCount: 2.5 }, 400, "body.targetCount"],
    ],
  },
  {
    name: "benefit",
    entity: "Benefit",
    create: (n) => ({
      url: "/api/benefits",
      body: {
        programmeId: world.programmeId,
        name: `Good level of development ${n}`,
        measure: "% of children achieving a good level of development",
        benefitType: "direct",
        direction: "increase",
        unit: "%",
        baselineValue: "61.5",
        targetValue: "70",
      },
    }),
    list: { url: () => `/api/benefits?programmeId=${world.programmeId}&benefitType=direct`, key: "benefits" },
    base: "/api/benefits",
    change: { targetValue: "72.25" },
    badInputs: [
      ["a value as a float", { targetValue: 70 }, 400, "body.targetValue"],
      ["an increase with no target", { targetValue: null }, 422, "targetValue"],
    ],
  },
  {
    name: "partner",
    entity: "ProgrammePartner",
    create: async (n) => {
      const evaluator = await created("/api/organisations", { name: `Evaluator ${n}`, kinds: ["evaluator"] });
      return {
        url: `/api/programmes/${world.programmeId}/partners`,
        body: { organisationId: evaluator.id, role: "evaluator", joinedOn: "2022-04-01" },
      };
    },
    list: { url: () => `/api/programmes/${world.programmeId}/partners`, key: "partners" },
    base: "/api/partners",
    change: { withdrewOn: "2023-03-31", note: "Remains in two pilots" },
    badInputs: [["withdrawal before joining", { withdrewOn: "2021-01-01" }, 422, "withdrewOn"]],
    retires: false,
  },
];

/** Replaces the placeholders "LEAD" and "PARTNER" with the ids made in beforeAll. */
const withIds = (json: Json): Json =>
  JSON.parse(
    JSON.stringify(json)
      .replaceAll('"LEAD"', JSON.stringify(world.leadId))
      .replaceAll('"PARTNER"', JSON.stringify(world.partnerId)),
  );

const listed = async (resource: Resource, query = "") => {
  const url = resource.list.url();
  const response = await send("GET", `${url}${url.includes("?") ? "&" : "?"}pageSize=500${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { total: number } & Record<string, { id: string }[]>;
};

const auditActions = async (entity: string, id: string) =>
  (
    (await send("GET", `/api/audit?entity=${entity}&id=${id}`)).json().events as { action: string; reason: string }[]
  ).map((event) => [event.action, event.reason]);

const fieldsOf = (response: LightMyRequestResponse) =>
  (response.json().fields ?? []).map((field: { path: string }) => field.path);

let counter = 0;

describe.each(resources)("$name", (resource) => {
  const make = async () => {
    const { url, body } = await resource.create(++counter);
    return created(url, body);
  };

  it("is listed under its filters with an exact total, and pages through them without overlap", async () => {
    const before = (await listed(resource)).total;
    const made = [await make(), ...(resource.name === "partner" ? [] : [await make(), await make()])];
    const after = await listed(resource);
    expect(after.total).toBe(before + made.length);
    const ids = after[resource.list.key]?.map((row) => row.id) ?? [];
    for (const record of made) expect(ids).toContain(record.id);

    const pages = [];
    for (let page = 1; page <= after.total; page++) {
      const url = resource.list.url();
      const response = await send("GET", `${url}${url.includes("?") ? "&" : "?"}pageSize=1&page=${page}`);
      pages.push(...response.json()[resource.list.key].map((row: { id: string }) => row.id));
    }
    expect(new Set(pages).size).toBe(after.total);
  });

  it("takes exactly one of 20 simultaneous changes made from the same version; the rest get 409", async () => {
    const record = await make();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        send("PATCH", `${resource.base}/${record.id}`, { ...withIds(resource.change), version: record.version }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const stale = responses.find((response) => response.statusCode === 409);
    expect(stale?.json().current.version).toBe(2);
    expect(await auditActions(resource.entity, record.id as string)).toEqual([
      ["create", null],
      ["update", null],
    ]);
  });

  it.skipIf(resource.retires === false)(
    "retires with a reason: gone from the list, still there with includeRetired, audited, and frozen",
    async () => {
      const record = await make();
      const before = (await listed(resource)).total;
      const retired = await send("POST", `${resource.base}/${record.id}/retire`, {
        version: record.version,
        reason: "Recorded twice in error",
      });
      expect(retired.statusCode, retired.body).toBe(200);
      expect(retired.json().retiredAt).toEqual(expect.any(String));
      expect((await listed(resource)).total).toBe(before - 1);
      const withRetired = await listed(resource, "&includeRetired=true");
      expect(withRetired[resource.list.key]?.map((row) => row.id)).toContain(record.id);
      expect(await auditActions(resource.entity, record.id as string)).toEqual([
        ["create", null],
        ["retire", "Recorded twice in error"],
      ]);

      const version = retired.json().version;
      const again = await send("POST", `${resource.base}/${record.id}/retire`, { version, reason: "Again" });
      expect(again.statusCode).toBe(422);
      const changed = await send("PATCH", `${resource.base}/${record.id}`, { ...withIds(resource.change), version });
      expect([404, 422]).toContain(changed.statusCode);
      expect(await auditActions(resource.entity, record.id as string)).toHaveLength(2);
    },
  );

  it.each(resource.badInputs)(
    "refuses %s (%j): %i naming %s, writing nothing",
    async (_what, changes, status, field) => {
      const { url, body } = await resource.create(++counter);
      const substituted = Object.fromEntries(
        Object.entries({ ...body, ...changes }).map(([key, value]) => [
          key,
          JSON.parse(JSON.stringify(value ?? null).replaceAll('"LEAD"', JSON.stringify(world.leadId))),
        ]),
      );
      for (const [key, value] of Object.entries(changes)) if (value === undefined) delete substituted[key];
      const before = (await listed(resource)).total;
      const response = await send("POST", url, substituted);
      expect(response.statusCode, response.body).toBe(status);
      expect(fieldsOf(response).some((path: string) => path === field || path.startsWith(`${field}.`))).toBe(true);
      expect((await listed(resource)).total).toBe(before);
    },
  );

  it("refuses a change without a version, naming it", async () => {
    const record = await make();
    const response = await send("PATCH", `${resource.base}/${record.id}`, withIds(resource.change));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toContain("body.version");
  });
});

// Run last: by now every kind of record has been created, changed and retired above.
describe("the audit trail's kinds of record", () => {
  it("are all ones GET /api/audit knows", async () => {
    const stored = await test.prisma.auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true } });
    expect(stored.length).toBeGreaterThan(10);
    expect(
      stored.map(({ entityType }) => entityType).filter((type) => !AuditedEntity.options.includes(type as never)),
    ).toEqual([]);
  });
});
