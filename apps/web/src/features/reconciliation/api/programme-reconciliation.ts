import { ProgrammeReconciliation } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const programmeReconciliationQueryOptions = (programmeId: string) =>
  queryOptions({
    queryKey: [...queryKeys.reconciliation.all, "programme", programmeId],
    queryFn: () =>
      getJson(`/api/programmes/${encodeURIComponent(programmeId)}/reconciliation`, ProgrammeReconciliation),
  });

/** A programme's reconciliation; with no programme (`""`), nothing is asked. */
export const useProgrammeReconciliation = (programmeId: string) =>
  useQuery({ ...programmeReconciliationQueryOptions(programmeId), enabled: programmeId !== "" });
