import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let programmeId: string;
let costLineId: string;
let commitmentId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId, costLineId } = await seedAndFindDartington(test.prisma));
  const allocation = await test.prisma.allocation.findFirstOrThrow({ where: { costLineId } });
  commitmentId = allocation.commitmentId;
});
afterAll(() => test.close());

const validSpend = () => ({
  programmeId,
  costLineId,
  spentOn: "2020-06-30",
  amountPence: 1_500_000,
  supplierName: "Dartington Service Design Lab",
  purpose: "Final evaluation report",
  reference: "DSDL-INV-1250",
});

const spent = async () =>
  (await test.inject({ url: "/api/programmes" }))
    .json()
    .programmes.find((programme: { id: string }) => programme.id === programmeId).spentPence;

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  test.inject({ method: "POST", url, payload, headers });

describe("spend", () => {
  it("records a payment and a credit note, and the programme's spend follows", async () => {
    const before = await spent();
    const payment = await post("/api/spend", validSpend());
    expect(payment.statusCode).toBe(201);
    const credit = await post("/api/spend", { ...validSpend(), amountPence: -250_000, reference: "DSDL-CN-0007" });
    expect(credit.statusCode).toBe(201);
    expect(await spent()).toBe(before + 1_250_000);
  });

  it("shows one payment named as lists show it, and lists payments naming a commitment", async () => {
    const payment = (await post("/api/spend", { ...validSpend(), commitmentId, reference: "DSDL-INV-ONE" })).json();
    const shown = (await test.inject({ url: `/api/spend/${payment.id}` })).json();
    expect(shown).toMatchObject({
      id: payment.id,
      amountPence: 1_500_000,
      programme: { id: programmeId },
      costLine: { id: costLineId },
      commitment: { id: commitmentId },
      payingOrganisation: null,
    });
    const naming = (await test.inject({ url: `/api/spend?commitmentId=${commitmentId}&pageSize=500` })).json();
    expect(naming.spend.map((each: { id: string }) => each.id)).toContain(payment.id);
    expect(naming.spend.every((each: { commitmentId: string }) => each.commitmentId === commitmentId)).toBe(true);
  });

  it("cannot be stored against a line of another programme, even past the API (one composite key)", async () => {
    const other = await test.prisma.programme.findFirstOrThrow({ where: { id: { not: programmeId } } });
    await expect(
      test.prisma.spend.create({
        data: {
          programmeId: other.id,
          costLineId,
          spentOn: new Date("2020-06-30"),
          amountPence: 100n,
          supplierName: "Nobody",
        },
      }),
    ).rejects.toThrow(/Spend_costLineId_programmeId_fkey/);
  });

  it.each([
    ["a zero amount", { amountPence: 0 }, 400, "body.amountPence"],
    ["an amount in pounds", { amountPence: 15000.5 }, 400, "body.amountPence"],
    ["negative VAT", { irrecoverableVatPence: -1 }, 400, "body.irrecoverableVatPence"],
    ["a missing supplier", { supplierName: undefined }, 400, "body.supplierName"],
    ["a date that is not a date", { spentOn: "30/06/2020" }, 400, "body.spentOn"],
    ["an unknown field", { vendor: "x" }, 400, "body"],
    ["a cost line of another programme", { costLineId: "other" }, 422, "costLineId"],
    ["a commitment with nothing allocated to the line", { commitmentId: "unallocated" }, 422, "commitmentId"],
  ] as [string, Record<string, unknown>, number, string][])(
    "refuses %s without writing",
    async (_case, overrides, status, field) => {
      const replacements: Record<string, string> = {};
      if (overrides.costLineId === "other") {
        replacements.costLineId = (
          await test.prisma.costLine.findFirstOrThrow({ where: { programmeId: { not: programmeId } } })
        ).id;
      }
      if (overrides.commitmentId === "unallocated") {
        replacements.commitmentId = (
          await test.prisma.fundingCommitment.findFirstOrThrow({ where: { programmeId: { not: programmeId } } })
        ).id;
      }
      const count = await test.prisma.spend.count();
      const response = await post("/api/spend", { ...validSpend(), ...overrides, ...replacements });
      expect(response.statusCode).toBe(status);
      expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(await test.prisma.spend.count()).toBe(count);
    },
  );

  it("charges a payment to a named commitment allocated to the line", async () => {
    const response = await post("/api/spend", { ...validSpend(), commitmentId });
    expect(response.statusCode).toBe(201);
    expect(response.json().commitmentId).toBe(commitmentId);
  });

  it("edits with a version, refuses stale edits, and retires with a reason", async () => {
    const created = (await post("/api/spend", validSpend())).json();
    const before = await spent();
    const edit = await test.inject({
      method: "PATCH",
      url: `/api/spend/${created.id}`,
      payload: { version: 1, amountPence: 1_600_000 },
    });
    expect(edit.statusCode).toBe(200);
    expect(await spent()).toBe(before + 100_000);
    const stale = await test.inject({
      method: "PATCH",
      url: `/api/spend/${created.id}`,
      payload: { version: 1, amountPence: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.amountPence).toBe(1_600_000);
    const retired = await post(`/api/spend/${created.id}/retire`, { version: 2, reason: "Duplicate of DSDL-INV-1250" });
    expect(retired.statusCode).toBe(200);
    expect(await spent()).toBe(before - 1_500_000);
    const audit = (await test.inject({ url: `/api/audit?entity=Spend&id=${created.id}` })).json();
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(["create", "update", "retire"]);
    expect(audit.events[1].changes).toEqual({
      amountPence: { before: 1_500_000, after: 1_600_000 },
      version: { before: 1, after: 2 },
    });
  });

  it("creates one record for a replayed Idempotency-Key", async () => {
    const count = await test.prisma.spend.count();
    const headers = { "idempotency-key": "spend-replay-0000001" };
    const [first, second] = await Promise.all([
      post("/api/spend", validSpend(), headers),
      post("/api/spend", validSpend(), headers),
    ]);
    expect(first.json().id).toBe(second.json().id);
    expect(await test.prisma.spend.count()).toBe(count + 1);
  });
});

describe("receipts", () => {
  it("records money received and retires it with a reason", async () => {
    const received = await post("/api/receipts", {
      commitmentId,
      receivedOn: "2019-10-01",
      amountPence: 8_000_000,
      reference: "OA-2019-020",
    });
    expect(received.statusCode).toBe(201);
    expect(received.json()).toMatchObject({ amountPence: 8_000_000, receivedOn: "2019-10-01", version: 1 });
    const retired = await post(`/api/receipts/${received.json().id}/retire`, {
      version: 1,
      reason: "Bank reversed the payment",
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retirementReason).toBe("Bank reversed the payment");
  });

  it("refuses money against an unsuccessful bid", async () => {
    const bid = await test.prisma.fundingCommitment.findFirstOrThrow({ where: { status: "unsuccessful" } });
    const response = await post("/api/receipts", { commitmentId: bid.id, receivedOn: "2019-10-01", amountPence: 100 });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/unsuccessful/);
  });
});
