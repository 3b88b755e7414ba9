import {
  ErrorResponse,
  ImportBatchListResponse,
  type ImportBatchSummary,
  ImportBatchSummary as ImportBatchSummarySchema,
  type MatchLedgerCodeRequest,
  MatchLedgerCodeResult,
  SavedMappingsResponse,
  type SpendColumnMapping,
  SpendImportEvent,
  type SpendImportResult,
  UnmatchedCodesResponse,
} from "@fundline/schemas";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, csrfHeaders, getJson, reach, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterMoneyChange } from "../../../lib/query-keys.ts";

/** This feature's queries: past imports, the column mappings kept per source, the codes waiting. */
export const spendImportKeys = {
  all: ["spend-import"] as const,
  batches: ["spend-import", "batches"] as const,
  mappings: ["spend-import", "mappings"] as const,
  unmatched: ["spend-import", "unmatched"] as const,
};

export const getBatches = () => getJson("/api/imports/spend?pageSize=50", ImportBatchListResponse);
export const getMappings = () => getJson("/api/imports/spend/mappings", SavedMappingsResponse);
export const getUnmatchedCodes = () => getJson("/api/imports/spend/unmatched", UnmatchedCodesResponse);
export const matchLedgerCode = (match: MatchLedgerCodeRequest) =>
  sendJson("POST", "/api/imports/spend/unmatched/match", match, MatchLedgerCodeResult);
/** Every row an import set aside, with its line and reason, as CSV. */
export const setAsideDownloadPath = (batch: ImportBatchSummary) =>
  `/api/imports/spend/${encodeURIComponent(batch.id)}/set-aside?format=csv`;
export const reverseBatch = (batch: ImportBatchSummary, reason: string) =>
  sendJson("POST", `/api/imports/spend/${batch.id}/reverse`, { reason }, ImportBatchSummarySchema);

export type LedgerUpload = {
  file: File;
  mode: "preview" | "commit";
  sourceName: string;
  mapping: SpendColumnMapping | null;
  expectedSha256?: string;
};

/**
 * Sends the ledger file and follows the server's progress events (newline-delimited JSON)
 * until the result arrives. Fields go before the file, as the server reads them in order.
 */
export async function uploadLedger(
  upload: LedgerUpload,
  onProgress: (event: Extract<SpendImportEvent, { type: "progress" }>) => void,
): Promise<SpendImportResult> {
  const form = new FormData();
  form.append("mode", upload.mode);
  form.append("sourceName", upload.sourceName);
  if (upload.mapping) form.append("mapping", JSON.stringify(upload.mapping));
  if (upload.expectedSha256) form.append("expectedSha256", upload.expectedSha256);
  form.append("file", upload.file, upload.file.name);
  const response = await reach("/api/imports/spend", {
    method: "POST",
    headers: { accept: "application/x-ndjson", ...csrfHeaders() },
    body: form,
  });
  if (!response.ok || !response.body) {
    const error = ErrorResponse.safeParse(await response.json().catch(() => null));
    throw new ApiError(
      response.status,
      error.success ? error.data.message : `The server answered ${response.status}.`,
      error.success ? (error.data.fields ?? []) : [],
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    buffered += value ?? "";
    const lines = buffered.split("\n");
    buffered = done ? "" : (lines.pop() ?? "");
    for (const line of lines.filter(Boolean)) {
      // A line that is not one of the events is a drifted server: said, not half understood.
      const event = SpendImportEvent.parse(JSON.parse(line));
      if (event.type === "progress") onProgress(event);
      else if (event.type === "error") throw new ApiError(event.statusCode, event.message);
      else return event.result;
    }
    if (done) throw new ApiError(502, "The connection closed before the import finished; nothing was written.");
  }
}

export const importBatchesQueryOptions = () => queryOptions({ queryKey: spendImportKeys.batches, queryFn: getBatches });
export const importMappingsQueryOptions = () =>
  queryOptions({ queryKey: spendImportKeys.mappings, queryFn: getMappings });
export const unmatchedCodesQueryOptions = () =>
  queryOptions({ queryKey: spendImportKeys.unmatched, queryFn: getUnmatchedCodes });
export const useImportBatches = () => useQuery(importBatchesQueryOptions());
export const useUnmatchedCodes = () => useQuery(unmatchedCodesQueryOptions());
export const useImportMappings = () => useQuery(importMappingsQueryOptions());

/** Spend in or out moves every programme's figures: each screen showing money refreshes. */
const refreshAfterImport = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: spendImportKeys.all }), refreshAfterMoneyChange(queryClient)]);

/** Checks (preview) or imports a ledger file; a check that answered changed no figures. */
export const useRunSpendImport = () =>
  useRefreshingMutation(
    ({ upload, onProgress }: { upload: LedgerUpload; onProgress: Parameters<typeof uploadLedger>[1] }) =>
      uploadLedger(upload, onProgress),
    (queryClient, result) => (result && !result.batch ? undefined : refreshAfterImport(queryClient)),
  );

export const useReverseBatch = () =>
  useRefreshingMutation(
    ({ batch, reason }: { batch: ImportBatchSummary; reason: string }) => reverseBatch(batch, reason),
    refreshAfterImport,
  );

/** Matches a code to a cost line and imports the rows waiting on it: money moves, screens refresh. */
export const useMatchLedgerCode = () => useRefreshingMutation(matchLedgerCode, refreshAfterImport);
