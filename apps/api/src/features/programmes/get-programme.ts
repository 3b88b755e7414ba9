import type { PrismaClient } from "@fundline/db";
import {
  financialYearLabel,
  partsAsPercentages,
  penceFromBigInt,
  slippageDays,
  toIsoDateOrNull,
} from "@fundline/domain";
import type { ProgrammeDetail } from "@fundline/schemas";
import { NotFound } from "../../errors.ts";
import { ALREADY_CHECKED } from "../../lib/scope.ts";
import { toBenefitResponse, withLatestReading } from "../benefits/index.ts";
import { toDeliverableResponse } from "../deliverables/index.ts";
import { toMilestoneResponse, withHistory } from "../milestones/index.ts";
import { toRiskResponse } from "../risks/index.ts";
import { programmeSummaries } from "./list-programmes.ts";

type CommitmentTotalsRow = { id: string; receivedPence: bigint; allocatedPence: bigint };
type CostLineTotalsRow = { id: string; allocatedPence: bigint; spentPence: bigint };

/** One programme with its funding, allocations, milestones, benefits and risks. */
export async function getProgramme(prisma: PrismaClient, id: string): Promise<ProgrammeDetail> {
  const [summary] = await programmeSummaries(prisma, { programmeId: id, scope: ALREADY_CHECKED });
  if (!summary) throw new NotFound("Programme", id);

  const [programme, commitmentTotals, costLineTotals] = await Promise.all([
    prisma.programme.findUniqueOrThrow({
      where: { id },
      include: {
        readingsApprover: { select: { id: true, displayName: true } },
        partners: { include: { organisation: true }, orderBy: [{ role: "asc" }, { joinedOn: "asc" }] },
        workstreams: { where: { retiredAt: null }, orderBy: { name: "asc" } },
        commitments: {
          where: { retiredAt: null },
          include: {
            fund: { include: { funder: true } },
            decision: true,
            profile: { orderBy: { financialYear: "asc" } },
          },
          orderBy: [{ awardedOn: "asc" }, { title: "asc" }],
        },
        costLines: {
          where: { retiredAt: null },
          include: { allocations: { where: { retiredAt: null }, orderBy: { createdAt: "asc" } } },
          orderBy: { name: "asc" },
        },
        costSharingAgreements: {
          where: { retiredAt: null },
          include: { shares: { include: { organisation: true }, orderBy: { organisation: { name: "asc" } } } },
        },
        milestones: {
          where: { retiredAt: null },
          include: withHistory,
          orderBy: [{ sortOrder: "asc" }, { baselineOn: "asc" }],
        },
        deliverableTargets: { where: { retiredAt: null }, orderBy: { description: "asc" } },
        benefits: {
          where: { retiredAt: null },
          include: withLatestReading,
          orderBy: { name: "asc" },
        },
        risks: { where: { retiredAt: null }, orderBy: [{ status: "asc" }, { title: "asc" }] },
      },
    }),
    // Per-commitment and per-line figures from the running totals the triggers keep: the same
    // source as the programme's reconciliation, never a second sum over the raw rows.
    prisma.$queryRaw<CommitmentTotalsRow[]>`
      SELECT commitment.id::text AS id,
             coalesce(total."receivedPence", 0)::bigint AS "receivedPence",
             coalesce(total."allocatedPence", 0)::bigint AS "allocatedPence"
      FROM "FundingCommitment" commitment
      LEFT JOIN "CommitmentTotal" total ON total."commitmentId" = commitment.id
      WHERE commitment."programmeId" = ${id}::uuid AND commitment."retiredAt" IS NULL`,
    prisma.$queryRaw<CostLineTotalsRow[]>`
      SELECT line.id::text AS id,
             coalesce(total."allocatedPence", 0)::bigint AS "allocatedPence",
             coalesce(total."spentPence", 0)::bigint AS "spentPence"
      FROM "CostLine" line
      LEFT JOIN "CostLineTotal" total ON total."costLineId" = line.id
      WHERE line."programmeId" = ${id}::uuid AND line."retiredAt" IS NULL`,
  ]);

  const byCommitment = new Map(commitmentTotals.map((row) => [row.id, row]));
  const byCostLine = new Map(costLineTotals.map((row) => [row.id, row]));

  return {
    ...summary,
    summary: programme.summary,
    governanceStage: programme.governanceStage,
    startOn: toIsoDateOrNull(programme.startOn),
    endOn: toIsoDateOrNull(programme.endOn),
    totalCostPence: programme.totalCostPence === null ? null : penceFromBigInt(programme.totalCostPence),
    version: programme.version,
    readingsApprover: programme.readingsApprover,
    partners: programme.partners.map((partner) => ({
      id: partner.id,
      organisation: { id: partner.organisation.id, name: partner.organisation.name },
      role: partner.role,
      joinedOn: toIsoDateOrNull(partner.joinedOn),
      withdrewOn: toIsoDateOrNull(partner.withdrewOn),
      note: partner.note,
      mayAddCostLines: partner.mayAddCostLines,
      version: partner.version,
    })),
    workstreams: programme.workstreams.map(({ id, name, description, version }) => ({
      id,
      name,
      description,
      version,
    })),
    commitments: programme.commitments.map((commitment) => {
      const totals = byCommitment.get(commitment.id);
      return {
        id: commitment.id,
        title: commitment.title,
        fund: { id: commitment.fund.id, name: commitment.fund.name, fundType: commitment.fund.fundType },
        funder: { id: commitment.fund.funder.id, name: commitment.fund.funder.name },
        amountPence: penceFromBigInt(commitment.amountPence),
        status: commitment.status,
        awardedOn: toIsoDateOrNull(commitment.awardedOn),
        conditions: commitment.conditions,
        decision: commitment.decision && {
          id: commitment.decision.id,
          title: commitment.decision.title,
          decidedOn: toIsoDateOrNull(commitment.decision.decidedOn),
          status: commitment.decision.status,
        },
        profile: commitment.profile.map((year) => ({
          financialYear: financialYearLabel(year.financialYear),
          amountPence: penceFromBigInt(year.amountPence),
        })),
        recipientId: commitment.recipientId,
        receivedPence: penceFromBigInt(totals?.receivedPence ?? 0n),
        allocatedPence: penceFromBigInt(totals?.allocatedPence ?? 0n),
        version: commitment.version,
      };
    }),
    costLines: programme.costLines.map((line) => {
      const totals = byCostLine.get(line.id);
      return {
        id: line.id,
        name: line.name,
        workstreamId: line.workstreamId,
        ledgerCode: line.ledgerCode,
        allocatedPence: penceFromBigInt(totals?.allocatedPence ?? 0n),
        spentPence: penceFromBigInt(totals?.spentPence ?? 0n),
        allocations: line.allocations.map((allocation) => ({
          id: allocation.id,
          commitmentId: allocation.commitmentId,
          amountPence: penceFromBigInt(allocation.amountPence),
          note: allocation.note,
          version: allocation.version,
        })),
        version: line.version,
      };
    }),
    costSharingAgreements: programme.costSharingAgreements.map((agreement) => {
      const percentages = partsAsPercentages(agreement.shares.map((share) => share.parts));
      return {
        id: agreement.id,
        name: agreement.name,
        costLineId: agreement.costLineId,
        description: agreement.description,
        effectiveFrom: toIsoDateOrNull(agreement.effectiveFrom),
        effectiveTo: toIsoDateOrNull(agreement.effectiveTo),
        version: agreement.version,
        shares: agreement.shares.map((share, index) => ({
          organisation: { id: share.organisation.id, name: share.organisation.name },
          parts: share.parts,
          percentage: percentages[index] ?? 0,
        })),
      };
    }),
    // Each record shown the one way its feature shows it; the programme's schema keeps the
    // fields it lists, and adds a milestone's slippage.
    milestones: programme.milestones.map((milestone) => {
      const shown = toMilestoneResponse(milestone);
      return { ...shown, slippageDays: slippageDays(shown.baselineOn, shown.actualOn ?? shown.forecastOn) };
    }),
    deliverableTargets: programme.deliverableTargets.map(toDeliverableResponse),
    benefits: programme.benefits.map(toBenefitResponse),
    risks: programme.risks.map(toRiskResponse),
  };
}
