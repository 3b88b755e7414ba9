import type { Prisma, PrismaClient } from "@fundline/db";
import { penceAsDecimal, penceFromBigInt, toIsoDate } from "@fundline/domain";
import type { ThreeSixtyGivingExportQuery } from "@fundline/schemas";
import { type Scope, visibleProgrammes } from "../../lib/scope.ts";

/** Fundline's grant-identifier prefix, until a council registers its own with 360Giving. */
export const GRANT_ID_PREFIX = "360G-fundline-";

const organisation = (org: { id: string; identifier: string | null; name: string }) => ({
  // An org-id.guide identifier where known; otherwise one minted from Fundline's own id.
  id: org.identifier ?? `${GRANT_ID_PREFIX}org-${org.id}`,
  name: org.name,
});

/**
 * Awarded and received funding commitments as a 360Giving 1.4 data package. Amounts are pounds
 * as JSON numbers (the standard's type), written from integer pence via their exact decimal.
 */
export async function threeSixtyGivingPackage(prisma: PrismaClient, query: ThreeSixtyGivingExportQuery, scope: Scope) {
  const where: Prisma.FundingCommitmentWhereInput = {
    retiredAt: null,
    status: { in: ["awarded", "received"] },
    awardedOn: { not: null },
    programmeId: query.programmeId,
    fund: query.funderId ? { funderId: query.funderId } : undefined,
    OR:
      scope.organisationId === null
        ? undefined
        : [{ programme: visibleProgrammes(scope) }, { programmeId: null, recipientId: scope.organisationId }],
  };
  const commitments = await prisma.fundingCommitment.findMany({
    where,
    include: {
      fund: { include: { funder: true } },
      recipient: true,
      programme: { include: { leadOrganisation: true } },
    },
    orderBy: [{ awardedOn: "asc" }, { id: "asc" }],
  });
  const grants = commitments.flatMap((commitment) => {
    const recipient = commitment.recipient ?? commitment.programme?.leadOrganisation;
    if (!recipient || !commitment.awardedOn) return [];
    return [
      {
        id: `${GRANT_ID_PREFIX}${commitment.id}`,
        title: commitment.title.slice(0, 140),
        description: commitment.conditions ?? commitment.programme?.summary ?? commitment.title,
        currency: "GBP",
        amountAwarded: Number(penceAsDecimal(penceFromBigInt(commitment.amountPence))),
        awardDate: toIsoDate(commitment.awardedOn),
        recipientOrganization: [organisation(recipient)],
        fundingOrganization: [organisation(commitment.fund.funder)],
        grantProgramme: [{ title: commitment.fund.name }],
      },
    ];
  });
  return { version: "1.4", title: "Funding commitments from Fundline", grants };
}
