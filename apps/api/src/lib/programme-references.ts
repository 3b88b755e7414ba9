import type { Prisma } from "@fundline/db";
import { assertReferencesExist } from "./references.ts";

/** The programme (and workstream, if given) a new record hangs off must be live, and match. */
export function assertProgrammeAndWorkstream(
  tx: Prisma.TransactionClient,
  programmeId: string,
  workstreamId?: string | null,
): Promise<void> {
  return assertReferencesExist(tx, [
    { path: "programmeId", table: "Programme", id: programmeId },
    { path: "workstreamId", table: "Workstream", id: workstreamId, inProgramme: programmeId },
  ]);
}
