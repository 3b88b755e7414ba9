import type { Prisma } from "@fundline/db";
import { fromIsoDate, toIsoDateOrNull } from "@fundline/domain";
import type { AddPartnerRequest, PartnerResponse } from "@fundline/schemas";
import { NotFound, RuleBroken } from "../../errors.ts";
import { type Actor, recordAudit } from "../audit/record-audit.ts";

/** Adds an organisation to a programme in a role; a partner cannot withdraw before it joined. */
export async function addPartner(
  tx: Prisma.TransactionClient,
  options: { programmeId: string; input: AddPartnerRequest; actor: Actor; requestId: string },
): Promise<PartnerResponse> {
  const { programmeId, input } = options;
  if (!(await tx.programme.findFirst({ where: { id: programmeId, retiredAt: null }, select: { id: true } }))) {
    throw new NotFound("Programme", programmeId);
  }
  const problems: { path: string; message: string }[] = [];
  if (
    !(await tx.organisation.findFirst({ where: { id: input.organisationId, retiredAt: null }, select: { id: true } }))
  ) {
    problems.push({ path: "organisationId", message: `no such organisation: ${input.organisationId}` });
  }
  if (input.joinedOn && input.withdrewOn && input.withdrewOn < input.joinedOn) {
    problems.push({
      path: "withdrewOn",
      message: `a partner cannot withdraw (${input.withdrewOn}) before it joined (${input.joinedOn})`,
    });
  }
  if (
    await tx.programmePartner.findFirst({
      where: { programmeId, organisationId: input.organisationId, role: input.role },
    })
  ) {
    problems.push({ path: "role", message: `this organisation is already a ${input.role} of the programme` });
  }
  if (problems.length) throw new RuleBroken(problems);
  const created = await tx.programmePartner.create({
    data: { ...input, programmeId, joinedOn: fromIsoDate(input.joinedOn), withdrewOn: fromIsoDate(input.withdrewOn) },
  });
  const after: PartnerResponse = {
    id: created.id,
    programmeId,
    organisationId: created.organisationId,
    role: created.role,
    joinedOn: toIsoDateOrNull(created.joinedOn),
    withdrewOn: toIsoDateOrNull(created.withdrewOn),
    note: created.note,
    version: created.version,
  };
  await recordAudit(tx, {
    actor: options.actor,
    entityType: "ProgrammePartner",
    entityId: created.id,
    action: "create",
    before: null,
    after,
    requestId: options.requestId,
  });
  return after;
}
