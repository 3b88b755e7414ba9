import { FundListResponse, ThreeSixtyGivingImportResult } from "@fundline/schemas";
import { getJson, sendJson } from "../../../lib/api-client.ts";

export const grantImportKeys = { funds: ["grant-import", "funds"] as const };

export const getFunds = () => getJson("/api/funds?pageSize=500", FundListResponse);

/** Sends a funder's 360Giving package (already read as JSON) to be recorded against one fund. */
export const importGrants = (fundId: string, grantPackage: unknown) =>
  sendJson(
    "POST",
    `/api/imports/360giving?fundId=${encodeURIComponent(fundId)}`,
    grantPackage,
    ThreeSixtyGivingImportResult,
  );
