// Funder claim packs: for a commitment and a period, the money awarded, received, spent
// (attributed as the reconciliation attributes it) and claimed, the payments behind it, what was
// due and met, and the variance in words; on screen and as a workbook. Claims recorded are
// claimed, then paid by a receipt, and the reconciliation shows what is claimed, not received.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
let commitments: { id: string; title: string; spentPence: number }[];
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  const reconciliation = (
    await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` })
  ).json();
  commitments = reconciliation.commitments.filter((commitment: { status: string }) => commitment.status === "awarded");
});
afterAll(() => test.close());

const pack = (commitmentId: string, from: string, to: string, format = "") =>
  test.inject({ url: `/api/commitments/${commitmentId}/claim-pack?from=${from}&to=${to}${format}` });
const claimedNotReceived = async () =>
  (await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` })).json()
    .claimedNotReceivedPence as number;

describe("a funder's claim pack", () => {
  it("attributes the spend as the reconciliation does: over every day, each commitment's pack gives its spent to the penny", async () => {
    expect(commitments.length).toBeGreaterThan(1);
    let lines = 0;
    for (const commitment of commitments) {
      const response = await pack(commitment.id, "1990-01-01", "2100-12-31");
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().money.spentInPeriodPence).toBe(commitment.spentPence);
      lines += response.json().money.spentInPeriodPence;
    }
    const spent = await test.prisma.spend.aggregate({
      where: { programmeId: dartington.programmeId, retiredAt: null },
      _sum: { amountPence: true },
    });
    // Every penny of the programme's spend is in one commitment's pack.
    expect(lines).toBe(Number(spent._sum.amountPence));
  });

  it("lists the period's payments on the commitment's lines with its share, and what was due and met", async () => {
    const [commitment] = commitments;
    const response = await pack(commitment!.id, "2019-04-01", "2020-03-31");
    const body = response.json();
    const inYear = await test.prisma.spend.count({
      where: {
        programmeId: dartington.programmeId,
        retiredAt: null,
        spentOn: { gte: new Date("2019-04-01"), lte: new Date("2020-03-31") },
      },
    });
    expect(body.payments).toHaveLength(inYear);
    expect(body.payments.every((payment: { spentOn: string }) => payment.spentOn >= "2019-04-01")).toBe(true);
    const allocations = await test.prisma.allocation.findMany({
      where: { costLineId: dartington.costLineId, retiredAt: null },
    });
    const mine = allocations.filter((allocation) => allocation.commitmentId === commitment!.id);
    const share =
      (100 * Number(mine.reduce((sum, a) => sum + a.amountPence, 0n))) /
      Number(allocations.reduce((sum, a) => sum + a.amountPence, 0n));
    expect(body.payments[0].lineSharePercentage).toBeCloseTo(share, 2);
    const due = await test.prisma.milestone.count({
      where: {
        programmeId: dartington.programmeId,
        retiredAt: null,
        OR: [
          { actualOn: { gte: new Date("2019-04-01"), lte: new Date("2020-03-31") } },
          { forecastOn: { gte: new Date("2019-04-01"), lte: new Date("2020-03-31") } },
          { forecastOn: null, baselineOn: { gte: new Date("2019-04-01"), lte: new Date("2020-03-31") } },
        ],
      },
    });
    expect(body.milestones).toHaveLength(due);
    expect(body.variance.variancePence).toBe(body.money.profiledPence - body.money.spentInPeriodPence);
    expect(body.variance.explanation).toContain("2019/20");
  });

  it("explains a variance in words", async () => {
    const { varianceInWords } = await import("./claim-pack.ts");
    expect(varianceInWords(8_000_000, 6_000_000, { from: "2019-04-01", to: "2020-03-31" })).toBe(
      "Spent £60,000.00 of the £80,000.00 profiled for 2019/20: £20,000.00 (25%) underspent.",
    );
    expect(varianceInWords(1_000_000, 1_250_000, { from: "2020-04-01", to: "2020-06-30" })).toBe(
      "Spent £12,500.00 against the £10,000.00 profiled for 2020/21: £2,500.00 (25%) overspent. The profile is by financial year: the period is part of 2020/21.",
    );
  });

  it("is a workbook with one sheet per part, money in pounds as the pack has it in pence", async () => {
    const [commitment] = commitments;
    const json = (await pack(commitment!.id, "2019-04-01", "2021-03-31")).json();
    const response = await pack(commitment!.id, "2019-04-01", "2021-03-31", "&download=workbook");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Summary",
      "Payments",
      "Milestones",
      "Deliverables",
      "Variance",
      "Claims",
    ]);
    const summary = workbook.getWorksheet("Summary")!;
    const spentRow = summary
      .getSheetValues()
      .find((row) => Array.isArray(row) && row[1] === "Spent in the period (attributed)") as unknown[];
    expect(spentRow[2]).toBe(json.money.spentInPeriodPence / 100);
    expect(workbook.getWorksheet("Payments")!.rowCount).toBe(json.payments.length + 1);
  });

  it.each([
    ["a period that ends before it begins", "from=2020-04-01&to=2020-03-31", 400, "querystring.to"],
    ["an impossible day", "from=2020-02-30&to=2020-03-31", 400, "querystring.from"],
  ])("refuses %s", async (_case, query, status, path) => {
    const response = await test.inject({ url: `/api/commitments/${commitments[0]!.id}/claim-pack?${query}` });
    expect(response.statusCode).toBe(status);
    expect(response.json().fields.map((field: { path: string }) => field.path)).toContain(path);
  });
});

describe("claims made", () => {
  it("are claimed, then paid by a receipt; the reconciliation shows what is claimed and not received", async () => {
    const [commitment, other] = commitments;
    const before = await claimedNotReceived();
    const claimed = await test.inject({
      method: "POST",
      url: "/api/claims",
      payload: {
        commitmentId: commitment!.id,
        periodFrom: "2020-04-01",
        periodTo: "2020-06-30",
        amountPence: 2_000_000,
        claimedOn: "2020-07-10",
        reference: "OA-Q1-2020",
      },
    });
    expect(claimed.statusCode, claimed.body).toBe(201);
    expect(claimed.json()).toMatchObject({ amountPence: 2_000_000, receiptId: null, paidOn: null });
    expect(await claimedNotReceived()).toBe(before + 2_000_000);
    const inPack = (await pack(commitment!.id, "2020-04-01", "2020-06-30")).json();
    expect(inPack.money.claimedInPeriodPence).toBe(2_000_000);
    expect(inPack.claims.map((claim: { id: string }) => claim.id)).toContain(claimed.json().id);
    const audit = await test.prisma.auditEvent.findFirstOrThrow({ where: { entityId: claimed.json().id } });
    expect(audit).toMatchObject({ entityType: "FunderClaim", action: "create" });

    const receipt = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: commitment!.id, receivedOn: "2020-08-03", amountPence: 2_000_000 },
    });
    const otherReceipt = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: other!.id, receivedOn: "2020-08-03", amountPence: 100 },
    });
    const wrong = await test.inject({
      method: "POST",
      url: `/api/claims/${claimed.json().id}/paid`,
      payload: { version: claimed.json().version, receiptId: otherReceipt.json().id },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().fields).toEqual([
      { path: "receiptId", message: "must be a live receipt of the claim's commitment" },
    ]);
    const paid = await test.inject({
      method: "POST",
      url: `/api/claims/${claimed.json().id}/paid`,
      payload: { version: claimed.json().version, receiptId: receipt.json().id },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ receiptId: receipt.json().id, paidOn: "2020-08-03" });
    expect(await claimedNotReceived()).toBe(before);
    const again = await test.inject({
      method: "POST",
      url: `/api/claims/${claimed.json().id}/paid`,
      payload: { version: paid.json().version, receiptId: receipt.json().id },
    });
    expect(again.json().fields).toEqual([{ path: "id", message: "this claim is paid already" }]);
    const stale = await test.inject({
      method: "POST",
      url: `/api/claims/${claimed.json().id}/paid`,
      payload: { version: claimed.json().version, receiptId: receipt.json().id },
    });
    expect(stale.statusCode).toBe(409);
  });

  it("withdraws a claim made in error, which then no longer counts", async () => {
    const before = await claimedNotReceived();
    const claimed = (
      await test.inject({
        method: "POST",
        url: "/api/claims",
        payload: {
          commitmentId: commitments[0]!.id,
          periodFrom: "2020-07-01",
          periodTo: "2020-09-30",
          amountPence: 500_000,
          claimedOn: "2020-10-02",
        },
      })
    ).json();
    expect(await claimedNotReceived()).toBe(before + 500_000);
    const retired = await test.inject({
      method: "POST",
      url: `/api/claims/${claimed.id}/retire`,
      payload: { version: claimed.version, reason: "Claimed on the wrong commitment" },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(await claimedNotReceived()).toBe(before);
  });

  it("refuses a period that ends before it begins and an amount out of bounds, naming each field", async () => {
    const response = await test.inject({
      method: "POST",
      url: "/api/claims",
      payload: {
        commitmentId: commitments[0]!.id,
        periodFrom: "2020-07-01",
        periodTo: "2020-06-30",
        amountPence: 100_000_000_001,
        claimedOn: "2020-10-02",
      },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["body.amountPence", "body.periodTo"]);
  });
});
