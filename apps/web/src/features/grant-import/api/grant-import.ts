import { ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterMoneyChange } from "../../../lib/query-keys.ts";

/** Sends a funder's 360Giving package (already read as JSON) to be checked, or recorded, against one fund. */
export const importGrants = (fundId: string, grantPackage: unknown, preview: boolean) =>
  sendJson(
    "POST",
    `/api/imports/360giving?${new URLSearchParams({ fundId, preview: String(preview) })}`,
    grantPackage,
    ThreeSixtyGivingImportResult,
  );

async function readPackage(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON: choose the package's .json file (360Giving's JSON format).`);
  }
}

/** Checks the file: what an import would do, with nothing written. */
export const usePreviewGrants = () =>
  useRefreshingMutation(
    async ({ fundId, file }: { fundId: string; file: File }) => importGrants(fundId, await readPackage(file), true),
    // A check writes nothing.
    () => undefined,
  );

/**
 * Imports the file. The grants arrive as commitments not yet tied to a programme, so no
 * programme's figures move until they are tied; the lists and the portfolio's findings may.
 */
export function useImportGrants() {
  return useRefreshingMutation(
    async ({ fundId, file }: { fundId: string; file: File }) => importGrants(fundId, await readPackage(file), false),
    refreshAfterMoneyChange,
  );
}
