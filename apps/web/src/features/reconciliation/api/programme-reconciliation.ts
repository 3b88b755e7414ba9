import { ProgrammeReconciliation } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";

export const programmeReconciliationQueryOptions = (programmeId: string) =>
  queryOptions({
    queryKey: ["reconciliation", "programme", programmeId] as const,
    queryFn: () =>
      getJson(`/api/programmes/${encodeURIComponent(programmeId)}/reconciliation`, ProgrammeReconciliation),
  });

export const useProgrammeReconciliation = (programmeId: string) =>
  useQuery(programmeReconciliationQueryOptions(programmeId));
