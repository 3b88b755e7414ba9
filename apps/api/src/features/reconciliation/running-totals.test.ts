// The running totals are kept by triggers; these tests hold them to the figures added up from
// scratch after every kind of write: API edits, retirements, whole-batch reversals, deletes,
// random sequences of raw SQL and concurrent writers.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@fundline/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, seedAndFindDartington, type TestApp } from "../../test/test-app.ts";
import { totalsAgainstOracle } from "../../test/totals-oracle.ts";
import { runningTotalsDrift } from "./running-totals.ts";

let test: TestApp;
let dartington: Awaited<ReturnType<typeof seedAndFindDartington>>;
let commitmentIds: string[];
let secondLineId: string;
let payerIds: (string | null)[];
beforeAll(async () => {
  test = await buildTestApp();
  dartington = await seedAndFindDartington(test.prisma);
  commitmentIds = (
    await test.prisma.fundingCommitment.findMany({
      where: { programmeId: dartington.programmeId },
      orderBy: [{ amountPence: "desc" }, { id: "asc" }],
    })
  ).map((commitment) => commitment.id);
  secondLineId = (
    await test.prisma.costLine.create({ data: { programmeId: dartington.programmeId, name: "Totals test line" } })
  ).id;
  payerIds = [null, ...(await test.prisma.organisation.findMany({ take: 2, orderBy: { id: "asc" } })).map((o) => o.id)];
});
afterAll(() => test.close());

const kept = async () => {
  const [programme, line, commitment] = await Promise.all([
    test.prisma.programmeTotal.findUniqueOrThrow({ where: { programmeId: dartington.programmeId } }),
    test.prisma.costLineTotal.findUniqueOrThrow({ where: { costLineId: dartington.costLineId } }),
    // The £80,000 OA Board commitment (a total absent means zero, so it must have money).
    test.prisma.commitmentTotal.findUniqueOrThrow({ where: { commitmentId: commitmentIds[0]! } }),
  ]);
  return { programme, line, commitment };
};

describe("running totals", () => {
  it("start equal to the seed's figures added up from scratch", async () => {
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
    const { programme, line } = await kept();
    // Dartington: £105,000 awarded, £90,000 spent on its one line, all of it allocated.
    expect(programme).toMatchObject({ committedPence: 10_500_000n, spentPence: 9_000_000n });
    expect(line).toMatchObject({ allocatedPence: 10_500_000n, spentPence: 9_000_000n, unnamedSpentPence: 9_000_000n });
  });

  it("include each programme's kept findings, so a count gone wrong is reported", async () => {
    const programmeId = dartington.programmeId;
    const [original] = await test.prisma.$queryRaw<{ unspentCommitments: number }[]>`
      SELECT "unspentCommitments" FROM "ProgrammeFinding" WHERE "programmeId" = ${programmeId}::uuid`;
    await test.prisma.$executeRaw`
      UPDATE "ProgrammeFinding" SET "unspentCommitments" = "unspentCommitments" + 1 WHERE "programmeId" = ${programmeId}::uuid`;
    expect((await runningTotalsDrift(test.prisma)).map((drift) => [drift.total, drift.key])).toEqual([
      ["ProgrammeFinding", programmeId],
    ]);
    await test.prisma.$executeRaw`
      UPDATE "ProgrammeFinding" SET "unspentCommitments" = ${original?.unspentCommitments ?? 0}
      WHERE "programmeId" = ${programmeId}::uuid`;
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  });

  it("include the kept shares of unnamed spend, so a share gone wrong is reported", async () => {
    const [share] = await test.prisma.$queryRaw<{ commitmentId: string }[]>`
      SELECT "commitmentId"::text FROM "AttributedSpend"
      WHERE "programmeId" = ${dartington.programmeId}::uuid ORDER BY pence DESC LIMIT 1`;
    if (!share) throw new Error("Dartington's unnamed spend has no kept share");
    const nudge = (pence: number) => test.prisma.$executeRaw`
      UPDATE "AttributedSpend" SET pence = pence + ${pence}
      WHERE "programmeId" = ${dartington.programmeId}::uuid AND "commitmentId" = ${share.commitmentId}::uuid`;
    await nudge(1);
    const drifted = (await runningTotalsDrift(test.prisma)).map((drift) => [drift.total, drift.key]);
    expect(drifted).toContainEqual(["AttributedSpend", `${dartington.programmeId} ${share.commitmentId}`]);
    // Nothing else kept is worked out from the shares but each funder's figures and the findings' unspent commitments.
    expect(
      drifted.filter(([total]) => !/^(AttributedSpend|ProgrammeFunderFigure|ProgrammeFinding)$/.test(total ?? "")),
    ).toEqual([]);
    await nudge(-1);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    // And any write to the programme works them out again at commit.
    await nudge(5);
    await test.prisma.costLine.update({ where: { id: dartington.costLineId }, data: { name: "Totals share line" } });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  });

  it("count again, for a fund changed, only the programmes it funds; for an organisation changed, none", async () => {
    // The programmes whose kept findings a write's commit took (locked) to count them again: the
    // rows whose xmax is that transaction's.
    const countedBy = async (write: (tx: Prisma.TransactionClient) => Promise<unknown>) => {
      const transaction = await test.prisma.$transaction(async (tx) => {
        await write(tx);
        const [id] = await tx.$queryRaw<{ xid: string }[]>`SELECT pg_current_xact_id()::xid::text AS xid`;
        return id?.xid;
      });
      const counted = await test.prisma.$queryRaw<{ programmeId: string }[]>`
        SELECT "programmeId"::text FROM "ProgrammeFinding" WHERE xmax::text = ${transaction} ORDER BY 1`;
      return counted.map((row) => row.programmeId);
    };
    const commitment = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: commitmentIds[0]! } });
    const funded = await test.prisma.fundingCommitment.findMany({
      where: { fundId: commitment.fundId, programmeId: { not: null } },
      select: { programmeId: true },
      distinct: ["programmeId"],
      orderBy: { programmeId: "asc" },
    });
    expect(funded.length).toBeGreaterThan(0);
    expect(funded.length).toBeLessThan(await test.prisma.programme.count());
    const fund = await test.prisma.fund.findUniqueOrThrow({ where: { id: commitment.fundId } });
    expect(
      await countedBy((tx) => tx.fund.update({ where: { id: fund.id }, data: { name: `${fund.name} (renamed)` } })),
    ).toEqual(funded.map((row) => row.programmeId));
    await test.prisma.fund.update({ where: { id: fund.id }, data: { name: fund.name } });

    const funder = await test.prisma.organisation.findUniqueOrThrow({ where: { id: fund.funderId } });
    expect(
      await countedBy((tx) =>
        tx.organisation.update({ where: { id: funder.id }, data: { name: `${funder.name} (renamed)` } }),
      ),
    ).toEqual([]);
    await test.prisma.organisation.update({ where: { id: funder.id }, data: { name: funder.name } });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
  });

  it("follow every API edit: record, change, move, name, retire", async () => {
    const post = (url: string, payload: object) => test.inject({ method: "POST", url, payload });
    const created = await post("/api/spend", {
      programmeId: dartington.programmeId,
      costLineId: dartington.costLineId,
      spentOn: "2021-03-31",
      amountPence: 123_457,
      supplierName: "Totals test supplier",
    });
    expect(created.statusCode, created.body).toBe(201);
    const spend = created.json();
    expect((await kept()).programme.spentPence).toBe(9_123_457n);

    const patch = (id: string, payload: object) => test.inject({ method: "PATCH", url: `/api/spend/${id}`, payload });
    const edited = await patch(spend.id, { version: 1, amountPence: 100_000, spentOn: "2021-04-01" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await patch(spend.id, { version: 2, costLineId: secondLineId })).statusCode).toBe(200);
    // Back to the line the commitment is allocated to, now charged to it by name.
    const named = await patch(spend.id, {
      version: 3,
      costLineId: dartington.costLineId,
      commitmentId: commitmentIds[0],
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
    const afterMoves = await kept();
    expect(afterMoves.programme.spentPence).toBe(9_100_000n);
    expect(afterMoves.line).toMatchObject({ spentPence: 9_100_000n, unnamedSpentPence: 9_000_000n });
    expect(afterMoves.commitment.namedSpentPence).toBe(100_000n);

    const retired = await test.inject({
      method: "POST",
      url: `/api/spend/${spend.id}/retire`,
      payload: { version: 4, reason: "Keyed to the wrong programme" },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await kept()).programme.spentPence).toBe(9_000_000n);
    expect((await kept()).commitment.namedSpentPence).toBe(0n);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
  });

  it("follow a whole import batch being reversed in one statement", async () => {
    const batch = await test.prisma.importBatch.create({
      data: {
        sourceName: "Totals ledger",
        fileName: "ledger.csv",
        fileSha256: "0".repeat(64),
        rowCount: 500,
        totalPence: 0n,
      },
    });
    await test.prisma.spend.createMany({
      data: Array.from({ length: 500 }, (_, index) => ({
        programmeId: dartington.programmeId,
        costLineId: index % 2 ? dartington.costLineId : secondLineId,
        commitmentId: index % 3 ? null : commitmentIds[index % commitmentIds.length]!,
        spentOn: new Date(Date.UTC(2020, index % 24, 1)),
        amountPence: BigInt(index % 7 ? 1_001 + index : -499),
        supplierName: "Batch supplier",
        source: "import" as const,
        importBatchId: batch.id,
      })),
    });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
    expect((await kept()).programme.spentPence).not.toBe(9_000_000n);
    await test.prisma.spend.updateMany({
      where: { importBatchId: batch.id },
      data: { retiredAt: new Date(), retirementReason: "Reversed in a test" },
    });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
    expect((await kept()).programme.spentPence).toBe(9_000_000n);
  });

  it("follow commitments changing status, amount and programme, and allocations and receipts retiring", async () => {
    const [first] = commitmentIds;
    const commitment = await test.prisma.fundingCommitment.findUniqueOrThrow({ where: { id: first! } });
    await test.prisma.fundingCommitment.update({ where: { id: first! }, data: { status: "withdrawn" } });
    expect((await kept()).programme.committedPence).toBe(10_500_000n - commitment.amountPence);
    await test.prisma.fundingCommitment.update({
      where: { id: first! },
      data: { status: "awarded", amountPence: commitment.amountPence + 1n },
    });
    expect((await kept()).programme.committedPence).toBe(10_500_001n);
    await test.prisma.allocation.updateMany({
      where: { commitmentId: first! },
      data: { retiredAt: new Date(), retirementReason: "Reversed in a test" },
    });
    await test.prisma.receipt.updateMany({
      where: { commitmentId: first! },
      data: { retiredAt: new Date(), retirementReason: "Reversed in a test" },
    });
    expect((await kept()).commitment).toMatchObject({ allocatedPence: 0n, receivedPence: 0n });
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
  });

  it("refuse a truncate, which would leave them wrong", async () => {
    await expect(test.prisma.$executeRawUnsafe(`TRUNCATE "Spend"`)).rejects.toThrow(/running totals/);
  });

  it("stay exact under random sequences of inserts, edits, retirements, deletes and agreement changes", async () => {
    type Step =
      | { kind: "insert"; line: number; named: number | null; pence: number; month: number; payer: number }
      | { kind: "update"; pick: number; pence: number; line: number; month: number; payer: number }
      | { kind: "agree"; line: number | null; from: number | null; to: number | null }
      | { kind: "reterm"; pick: number; line: number | null; from: number | null; to: number | null }
      | { kind: "retire" | "delete"; pick: number }
      | { kind: "allocate"; line: number; commitment: number; pence: number }
      | { kind: "reallocate"; pick: number; pence: number };
    const pence = fc.integer({ min: -5_000_000, max: 50_000_000 }).filter((value) => value !== 0);
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        line: fc.nat(1),
        named: fc.option(fc.nat(commitmentIds.length - 1)),
        pence,
        month: fc.nat(36),
        payer: fc.nat(2),
      }),
      fc.record({
        kind: fc.constant("update" as const),
        pick: fc.nat(),
        pence,
        line: fc.nat(1),
        month: fc.nat(36),
        payer: fc.nat(2),
      }),
      // Cost-sharing agreements on a line or the whole programme, from and to any month or open.
      fc.record({
        kind: fc.constant("agree" as const),
        line: fc.option(fc.nat(1)),
        from: fc.option(fc.nat(36)),
        to: fc.option(fc.nat(36)),
      }),
      fc.record({
        kind: fc.constant("reterm" as const),
        pick: fc.nat(),
        line: fc.option(fc.nat(1)),
        from: fc.option(fc.nat(36)),
        to: fc.option(fc.nat(36)),
      }),
      fc.record({ kind: fc.constantFrom("retire" as const, "delete" as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant("allocate" as const),
        line: fc.nat(1),
        commitment: fc.nat(commitmentIds.length - 1),
        pence: fc.nat(10_000_000),
      }),
      fc.record({ kind: fc.constant("reallocate" as const), pick: fc.nat(), pence: fc.nat(10_000_000) }),
    );
    const lines = () => [dartington.costLineId, secondLineId];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const spendIds: string[] = [];
        const allocationIds: string[] = [];
        const agreementIds: string[] = [];
        const month = (index: number | null) => (index === null ? null : new Date(Date.UTC(2019, index, 10)));
        for (const s of steps) {
          if (s.kind === "agree" || s.kind === "reterm") {
            const terms = {
              costLineId: s.line === null ? null : lines()[s.line]!,
              effectiveFrom: month(s.from),
              // An agreement cannot end before it starts: the end is counted from the start.
              effectiveTo: month(s.to === null ? null : (s.from ?? 0) + s.to),
            };
            if (s.kind === "agree") {
              const created = await test.prisma.costSharingAgreement.create({
                data: { programmeId: dartington.programmeId, name: `Random agreement ${randomUUID()}`, ...terms },
              });
              agreementIds.push(created.id);
            } else if (agreementIds.length) {
              const id = agreementIds[s.pick % agreementIds.length]!;
              await test.prisma.costSharingAgreement.update({ where: { id }, data: terms });
            }
            continue;
          }
          if (s.kind === "insert") {
            const created = await test.prisma.spend.create({
              data: {
                programmeId: dartington.programmeId,
                costLineId: lines()[s.line]!,
                commitmentId: s.named === null ? null : commitmentIds[s.named]!,
                spentOn: new Date(Date.UTC(2019, s.month, 15)),
                amountPence: BigInt(s.pence),
                supplierName: "Random supplier",
                payingOrganisationId: payerIds[s.payer]!,
              },
            });
            spendIds.push(created.id);
          } else if (s.kind === "allocate") {
            const created = await test.prisma.allocation.create({
              data: {
                commitmentId: commitmentIds[s.commitment]!,
                costLineId: lines()[s.line]!,
                amountPence: BigInt(s.pence),
              },
            });
            allocationIds.push(created.id);
          } else if (s.kind === "reallocate" && allocationIds.length) {
            const id = allocationIds[s.pick % allocationIds.length]!;
            await test.prisma.allocation.updateMany({ where: { id }, data: { amountPence: BigInt(s.pence) } });
          } else if (spendIds.length && s.kind !== "reallocate") {
            const id = spendIds[(s as { pick: number }).pick % spendIds.length]!;
            if (s.kind === "update") {
              await test.prisma.spend.updateMany({
                where: { id },
                data: {
                  amountPence: BigInt(s.pence),
                  costLineId: lines()[s.line]!,
                  spentOn: new Date(Date.UTC(2019, s.month, 1)),
                  payingOrganisationId: payerIds[s.payer]!,
                },
              });
            } else if (s.kind === "retire") {
              await test.prisma.spend.updateMany({
                where: { id },
                data: { retiredAt: new Date(), retirementReason: "Reversed in a test" },
              });
            } else {
              await test.prisma.spend.deleteMany({ where: { id } });
            }
          }
        }
        expect(await runningTotalsDrift(test.prisma)).toEqual([]);
        expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("stay exact when an agreement's dates change while spend is being recorded", async () => {
    const agreement = await test.prisma.costSharingAgreement.create({
      data: { programmeId: dartington.programmeId, costLineId: secondLineId, name: "Concurrent terms" },
    });
    const terms = [
      { effectiveFrom: new Date("2020-06-01"), effectiveTo: null },
      { effectiveFrom: null, effectiveTo: new Date("2020-05-31") },
      { effectiveFrom: null, effectiveTo: null },
    ];
    // Each agreement change re-adds the covered spend while payments either side of 1 June 2020
    // are recorded: neither may miss the other.
    await Promise.all(
      Array.from({ length: 45 }, (_, index) =>
        index % 3 === 0
          ? test.prisma.costSharingAgreement.update({
              where: { id: agreement.id },
              data: terms[(index / 3) % terms.length]!,
            })
          : test.prisma.spend.create({
              data: {
                programmeId: dartington.programmeId,
                costLineId: secondLineId,
                spentOn: new Date(index % 2 ? "2020-05-15" : "2020-06-15"),
                amountPence: 10_000n + BigInt(index),
                supplierName: "Concurrent supplier",
                payingOrganisationId: payerIds[1]!,
              },
            }),
      ),
    );
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
  });

  it("stay exact when 40 writers record spend and allocations on the same line at once", async () => {
    const before = (await kept()).line;
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 2
          ? test.inject({
              method: "POST",
              url: "/api/spend",
              payload: {
                programmeId: dartington.programmeId,
                costLineId: dartington.costLineId,
                spentOn: "2020-09-01",
                amountPence: 10_001,
                supplierName: "Concurrent supplier",
              },
            })
          : test.prisma.allocation.create({
              data: {
                commitmentId: commitmentIds[index % commitmentIds.length]!,
                costLineId: dartington.costLineId,
                amountPence: 7n,
              },
            }),
      ),
    ).then((responses) =>
      responses.forEach((response) => {
        if ("statusCode" in response) expect(response.statusCode, response.body).toBe(201);
      }),
    );
    const after = (await kept()).line;
    expect(after.spentPence - before.spentPence).toBe(20n * 10_001n);
    expect(after.allocatedPence - before.allocatedPence).toBe(20n * 7n);
    expect(await runningTotalsDrift(test.prisma)).toEqual([]);
    expect(await totalsAgainstOracle(test.prisma)).toEqual([]);
  });
});
