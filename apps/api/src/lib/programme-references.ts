import type { Prisma } from "@fundline/db";
import { RuleBroken } from "../errors.ts";

/** The programme (and workstream, if given) a new record hangs off must exist and match. */
export async function assertProgrammeAndWorkstream(
  tx: Prisma.TransactionClient,
  programmeId: string,
  workstreamId?: string | null,
): Promise<void> {
  if (!(await tx.programme.findFirst({ where: { id: programmeId, retiredAt: null }, select: { id: true } }))) {
    throw new RuleBroken([{ path: "programmeId", message: `no such programme: ${programmeId}` }]);
  }
  if (workstreamId) {
    const workstream = await tx.workstream.findFirst({ where: { id: workstreamId, retiredAt: null } });
    if (workstream?.programmeId !== programmeId) {
      throw new RuleBroken([{ path: "workstreamId", message: "no such workstream in this programme" }]);
    }
  }
}
