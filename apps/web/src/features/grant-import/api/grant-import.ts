import { FundListResponse, ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const getFunds = () => getJson("/api/funds?pageSize=500", FundListResponse);

/** Sends a funder's 360Giving package (already read as JSON) to be recorded against one fund. */
export const importGrants = (fundId: string, grantPackage: unknown) =>
  sendJson(
    "POST",
    `/api/imports/360giving?fundId=${encodeURIComponent(fundId)}`,
    grantPackage,
    ThreeSixtyGivingImportResult,
  );

export const useFunds = () => useQuery({ queryKey: queryKeys.grantImport.funds, queryFn: getFunds });

/**
 * Reads the chosen file as JSON and imports it. The grants arrive as commitments not yet tied to
 * a programme, so no programme's figures move; the portfolio's findings may.
 */
export function useImportGrants() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fundId, file }: { fundId: string; file: File }) => {
      let grantPackage: unknown;
      try {
        grantPackage = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: choose the package's .json file (360Giving's JSON format).`);
      }
      return importGrants(fundId, grantPackage);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.reconciliation.all }),
  });
}
