import type { Prisma } from "@fundline/db";
import { fromIsoDate, profileProblem } from "@fundline/domain";
import type { CommitmentResponse, CreateCommitmentRequest } from "@fundline/schemas";
import { RuleBroken } from "../../errors.ts";
import { type Actor, auditCreated } from "../../lib/audit-trail.ts";
import { owningCouncil } from "../../lib/ownership.ts";
import { toCommitmentResponse, withProfile } from "./commitment-response.ts";
import { assertReferencesExist, parseProfile } from "./commitment-rules.ts";

export async function createCommitment(
  tx: Prisma.TransactionClient,
  options: { input: CreateCommitmentRequest; actor: Actor; requestId: string },
): Promise<CommitmentResponse> {
  const { input } = options;
  const problem = profileProblem(input.amountPence, input.profile);
  if (problem) throw new RuleBroken([problem]);
  await assertReferencesExist(tx, input);
  const created = await tx.fundingCommitment.create({
    data: {
      fundId: input.fundId,
      programmeId: input.programmeId,
      recipientId: input.recipientId,
      // With no programme, the recipient's (an administrator may record one for any council).
      ownerOrganisationId: input.programmeId
        ? await owningCouncil(tx, options.actor.organisationId, input.programmeId)
        : (input.recipientId ?? options.actor.organisationId ?? null),
      decisionId: input.decisionId,
      title: input.title,
      amountPence: BigInt(input.amountPence),
      status: input.status,
      awardedOn: fromIsoDate(input.awardedOn),
      conditions: input.conditions,
      profile: { create: parseProfile(input.profile) },
    },
    include: withProfile,
  });
  const response = toCommitmentResponse(created);
  return auditCreated(tx, { actor: options.actor, requestId: options.requestId }, "FundingCommitment", response);
}
