// The SQL that shares unnamed spend among a line's commitments, checked on many random cases:
// the shares always add back to the spend exactly, and each is within a penny of its exact
// proportion. Runs against real PostgreSQL, one fresh programme per case.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";
import { reconcileProgramme } from "./programme-reconciliation.ts";

let test: TestApp;
let fundId: string;
let leadId: string;
beforeAll(async () => {
  test = await buildTestApp();
  const funder = await test.prisma.organisation.create({ data: { name: "Property funder", kinds: ["funder"] } });
  leadId = test.as("viewer").organisationId;
  fundId = (
    await test.prisma.fund.create({ data: { funderId: funder.id, name: "Property fund", fundType: "revenue" } })
  ).id;
});
afterAll(() => test.close());

let cases = 0;

it("shares spend among a line's commitments exactly, whatever the amounts", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 5_000_000_000 }), { minLength: 1, maxLength: 5 }),
      fc.array(
        fc.integer({ min: -2_000_000_000, max: 9_000_000_000 }).filter((pence) => pence !== 0),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      async (allocations, spends) => {
        const programme = await test.prisma.programme.create({
          data: { name: `Property programme ${++cases}`, leadOrganisationId: leadId, status: "active" },
        });
        const line = await test.prisma.costLine.create({ data: { programmeId: programme.id, name: "Line" } });
        for (const [index, pence] of allocations.entries()) {
          const commitment = await test.prisma.fundingCommitment.create({
            data: {
              fundId,
              programmeId: programme.id,
              title: `C${index}`,
              amountPence: BigInt(pence),
              status: "awarded",
            },
          });
          await test.prisma.allocation.create({
            data: { commitmentId: commitment.id, costLineId: line.id, amountPence: BigInt(pence) },
          });
        }
        await test.prisma.spend.createMany({
          data: spends.map((pence) => ({
            programmeId: programme.id,
            costLineId: line.id,
            spentOn: new Date("2024-05-01"),
            amountPence: BigInt(pence),
            supplierName: "S",
          })),
        });
        const reconciliation = await reconcileProgramme(test.prisma, programme.id);
        const spent = BigInt(spends.reduce((sum, pence) => sum + pence, 0));
        const allocated = BigInt(allocations.reduce((sum, pence) => sum + pence, 0));
        const shares = reconciliation.commitments.map((commitment) => BigInt(commitment.spentPence));
        expect(shares.reduce((sum, share) => sum + share, 0n)).toBe(spent);
        reconciliation.commitments.forEach((commitment) => {
          const exactTimesAllocated = spent * BigInt(commitment.amountPence);
          const share = BigInt(commitment.spentPence) * allocated;
          const distance = exactTimesAllocated > share ? exactTimesAllocated - share : share - exactTimesAllocated;
          expect(distance < allocated).toBe(true);
        });
      },
    ),
    { numRuns: 30 },
  );
}, 60_000);
