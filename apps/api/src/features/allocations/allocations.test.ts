import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../lib/write-context.ts";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { createAllocation } from "./allocations.ts";

let test: TestApp;
let fundId: string;
let programmeId: string;
let costLineId: string;

beforeAll(async () => {
  test = await buildTestApp();
  ({ programmeId, costLineId, fundId } = await seedAndFindDartington(test.prisma));
});
afterAll(() => test.close());

async function newCommitment(amountPence: number) {
  const commitment = await test.prisma.fundingCommitment.create({
    data: { fundId, programmeId, title: "Allocation test", amountPence: BigInt(amountPence), status: "awarded" },
  });
  return commitment.id;
}

const allocate = (commitmentId: string, amountPence: number, headers: Record<string, string> = {}) =>
  test.inject({
    method: "POST",
    url: "/api/allocations",
    payload: { commitmentId, costLineId, amountPence },
    headers,
  });

async function allocatedOn(commitmentId: string) {
  const sum = await test.prisma.allocation.aggregate({
    where: { commitmentId, retiredAt: null },
    _sum: { amountPence: true },
  });
  return Number(sum._sum.amountPence ?? 0n);
}

describe("POST /api/allocations", () => {
  it("refuses an allocation past the commitment with the figures", async () => {
    const commitmentId = await newCommitment(2_500_000);
    expect((await allocate(commitmentId, 2_000_000)).statusCode).toBe(201);
    const over = await allocate(commitmentId, 600_000);
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toBe(
      "amountPence: allocations would total £26,000.00 against a commitment of £25,000.00",
    );
    expect(await allocatedOn(commitmentId)).toBe(2_000_000);
  });

  it("never lets simultaneous allocations exceed the commitment", async () => {
    const commitmentId = await newCommitment(1_000_000);
    const responses = await Promise.all(Array.from({ length: 25 }, () => allocate(commitmentId, 100_000)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(responses.filter((r) => r.statusCode === 422)).toHaveLength(15);
    expect(await allocatedOn(commitmentId)).toBe(1_000_000);
  });

  it("does exceed it when the row lock is switched off, so the guard is what holds", async () => {
    const actor = { id: null, label: "test" };
    // Without the lock, transactions that read the total before another commits both write.
    // Timing decides how many, so try a few rounds; one overshoot proves the point.
    let overshoot = false;
    for (let round = 0; round < 5 && !overshoot; round++) {
      const commitmentId = await newCommitment(1_000_000);
      await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          inTransaction(test.prisma, (tx) =>
            createAllocation(tx, {
              input: { commitmentId, costLineId, amountPence: 400_000, note: null },
              actor,
              requestId: "test",
              lockCommitment: false,
            }),
          ),
        ),
      );
      overshoot = (await allocatedOn(commitmentId)) > 1_000_000;
    }
    expect(overshoot).toBe(true);
  });

  it("creates one allocation for a replayed Idempotency-Key", async () => {
    const commitmentId = await newCommitment(1_000_000);
    const headers = { "idempotency-key": "allocation-replay-0001" };
    const responses = await Promise.all([
      allocate(commitmentId, 300_000, headers),
      allocate(commitmentId, 300_000, headers),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(responses[0]!.json().id).toBe(responses[1]!.json().id);
    expect(await allocatedOn(commitmentId)).toBe(300_000);
  });

  it.each([
    ["a cost line of another programme", "otherLine", 422, "costLineId"],
    ["a missing commitment", "missingCommitment", 422, "commitmentId"],
  ])("refuses %s", async (_case, variant, status, field) => {
    const commitmentId = await newCommitment(1_000_000);
    const other = await test.prisma.costLine.findFirstOrThrow({ where: { programmeId: { not: programmeId } } });
    const payload =
      variant === "otherLine"
        ? { commitmentId, costLineId: other.id, amountPence: 1 }
        : { commitmentId: "00000000-0000-4000-8000-000000000000", costLineId, amountPence: 1 };
    const response = await test.inject({ method: "POST", url: "/api/allocations", payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().fields[0].path).toBe(field);
  });
});

describe("PATCH and retire /api/allocations/:id", () => {
  const patch = (id: string, payload: object) =>
    test.inject({ method: "PATCH", url: `/api/allocations/${id}`, payload });

  it("counts the allocation's own amount once when it changes, and refuses a rise past the commitment", async () => {
    const commitmentId = await newCommitment(2_500_000);
    const first = (await allocate(commitmentId, 2_000_000)).json();
    await allocate(commitmentId, 400_000);
    // 2,000,000 → 2,100,000 makes 2,500,000 in all: exactly the commitment, so allowed.
    const raised = await patch(first.id, { version: 1, amountPence: 2_100_000 });
    expect(raised.statusCode, raised.body).toBe(200);
    const over = await patch(first.id, { version: 2, amountPence: 2_100_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toBe(
      "amountPence: allocations would total £25,000.01 against a commitment of £25,000.00",
    );
    expect(await allocatedOn(commitmentId)).toBe(2_500_000);
  });

  it("never lets simultaneous rises of different allocations exceed the commitment", async () => {
    const commitmentId = await newCommitment(1_000_000);
    const allocations = await Promise.all(
      Array.from({ length: 10 }, async () => (await allocate(commitmentId, 50_000)).json()),
    );
    // Each asks for +100,000 on 500,000 of headroom: exactly five can fit.
    const responses = await Promise.all(
      allocations.map((allocation) => patch(allocation.id, { version: 1, amountPence: 150_000 })),
    );
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(5);
    expect(responses.filter((r) => r.statusCode === 422)).toHaveLength(5);
    expect(await allocatedOn(commitmentId)).toBe(1_000_000);
  });

  it("returns retired money to the commitment", async () => {
    const commitmentId = await newCommitment(1_000_000);
    const allocation = (await allocate(commitmentId, 1_000_000)).json();
    expect((await allocate(commitmentId, 1)).statusCode).toBe(422);
    const retired = await test.inject({
      method: "POST",
      url: `/api/allocations/${allocation.id}/retire`,
      payload: { version: 1, reason: "Moved to the capital commitment" },
    });
    expect(retired.json()).toMatchObject({ retirementReason: "Moved to the capital commitment" });
    expect(await allocatedOn(commitmentId)).toBe(0);
    expect((await allocate(commitmentId, 1_000_000)).statusCode).toBe(201);
  });
});
