import { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "../../../lib/api-client.ts";
import { refreshAfterMoneyChange } from "../../../lib/query-keys.ts";

/** Sends a funder's 360Giving package (already read as JSON) to be recorded against one fund. */
export const importGrants = (fundId: string, grantPackage: unknown) =>
  sendJson(
    "POST",
    `/api/imports/360giving?fundId=${encodeURIComponent(fundId)}`,
    grantPackage,
    ThreeSixtyGivingImportResult,
  );

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
    onSuccess: () => refreshAfterMoneyChange(queryClient),
  });
}
