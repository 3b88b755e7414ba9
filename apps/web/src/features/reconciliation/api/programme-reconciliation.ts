import { ProgrammeReconciliation } from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** A programme's reconciliation, as it is, or as it stood at the end of a day (`asAt`). */
export const programmeReconciliationQueryOptions = (programmeId: string, asAt = "") =>
  queryOptions({
    queryKey: [...queryKeys.reconciliation.all, "programme", programmeId, asAt],
    queryFn: () =>
      getJson(
        `/api/programmes/${encodeURIComponent(programmeId)}/reconciliation${asAt ? `?asAt=${encodeURIComponent(asAt)}` : ""}`,
        ProgrammeReconciliation,
      ),
  });

/** A programme's reconciliation; with no programme (`""`), nothing is asked. */
export const useProgrammeReconciliation = (programmeId: string, asAt = "") =>
  useQuery({ ...programmeReconciliationQueryOptions(programmeId, asAt), enabled: programmeId !== "" });
