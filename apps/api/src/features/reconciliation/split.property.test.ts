// The largest-remainder split lives in SQL (partners' dues, here; spend attributed to
// commitments, the same expression) and in TypeScript (`splitPence`). On random totals and
// parts, the database's dues are exactly what the domain rule gives, ties going to the partner
// whose id sorts first (the TypeScript rule's "earlier part").
import { Prisma } from "@fundline/db";
import { splitPence } from "@fundline/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app.ts";
import { costSharingFigures } from "../programme-figures/index.ts";

let test: TestApp;
let partners: { id: string }[];
let leadId: string;
beforeAll(async () => {
  test = await buildTestApp();
  partners = await Promise.all(
    ["North", "South", "East", "West", "Middle"].map((name) =>
      test.prisma.organisation.create({
        data: { name: `${name} Split Council`, kinds: ["council"] },
        select: { id: true },
      }),
    ),
  );
  leadId = partners[0]!.id;
});
afterAll(() => test.close());

describe("the largest-remainder split", () => {
  it("gives the same dues in SQL as splitPence, to the penny", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }).filter((pence) => pence !== 0),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1_000_000 })), {
          minLength: 2,
          maxLength: 5,
        }),
        async (total, parts) => {
          run++;
          const programme = await test.prisma.programme.create({
            data: { name: `Split ${run}`, leadOrganisationId: leadId, status: "active" },
          });
          const line = await test.prisma.costLine.create({ data: { programmeId: programme.id, name: "Shared" } });
          const shares = parts.map((part, index) => ({ organisationId: partners[index]!.id, parts: part }));
          await test.prisma.costSharingAgreement.create({
            data: { programmeId: programme.id, costLineId: line.id, name: "Shared", shares: { create: shares } },
          });
          await test.prisma.spend.create({
            data: {
              programmeId: programme.id,
              costLineId: line.id,
              spentOn: new Date("2021-06-30"),
              amountPence: BigInt(total),
              supplierName: "Split test",
            },
          });
          const [agreement] = await costSharingFigures(test.prisma, Prisma.sql`SELECT ${programme.id}::uuid`);
          const byId = [...shares].sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1));
          const expected = splitPence(
            total,
            byId.map((share) => share.parts),
          );
          const due = new Map(agreement!.partners.map((partner) => [partner.organisation.id, partner.duePence]));
          expect(byId.map((share) => due.get(share.organisationId))).toEqual(expected);
        },
      ),
      { numRuns: 40, seed: 20_261_130 },
    );
  });
});
