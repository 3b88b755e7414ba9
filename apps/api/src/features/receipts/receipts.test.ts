// Receipts: what has actually arrived against a commitment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
});
afterAll(() => test.close());

const receivedOf = async (commitmentId: string) =>
  (await test.inject({ url: `/api/programmes/${dartington.programmeId}/reconciliation` }))
    .json()
    .commitments.find((commitment: { id: string }) => commitment.id === commitmentId).receivedPence;

describe("receipts", () => {
  it("adds what arrives to its commitment, and a retired receipt no longer counts", async () => {
    const commitment = await test.prisma.fundingCommitment.findFirstOrThrow({
      where: { programmeId: dartington.programmeId, amountPence: 2_500_000n },
    });
    const before = await receivedOf(commitment.id);
    const receipt = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: commitment.id, receivedOn: "2020-07-15", amountPence: 1_250_050, reference: "GMCA-R-7" },
    });
    expect(receipt.statusCode).toBe(201);
    expect(await receivedOf(commitment.id)).toBe(before + 1_250_050);
    const retired = await test.inject({
      method: "POST",
      url: `/api/receipts/${receipt.json().id}/retire`,
      payload: { version: receipt.json().version, reason: "Entered against the wrong grant" },
    });
    expect(retired.statusCode).toBe(200);
    expect(await receivedOf(commitment.id)).toBe(before);
  });

  it("refuses money against a commitment that was not awarded", async () => {
    const fund = await test.prisma.fund.findFirstOrThrow();
    const applied = await test.prisma.fundingCommitment.create({
      data: {
        fundId: fund.id,
        programmeId: dartington.programmeId,
        title: "Bid",
        amountPence: 100_000n,
        status: "applied",
      },
    });
    const response = await test.inject({
      method: "POST",
      url: "/api/receipts",
      payload: { commitmentId: applied.id, receivedOn: "2020-07-15", amountPence: 100 },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().fields).toEqual([
      { path: "commitmentId", message: "money cannot be received against a commitment that is applied" },
    ]);
  });
});
