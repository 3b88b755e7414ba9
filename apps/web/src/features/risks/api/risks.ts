import { type CreateRiskRequest, RiskResponse, type UpdateRiskRequest } from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

export const createRisk = (risk: CreateRiskRequest) => sendJson("POST", "/api/risks", risk, RiskResponse);

export const updateRisk = (id: string, change: UpdateRiskRequest) =>
  sendJson("PATCH", `/api/risks/${encodeURIComponent(id)}`, change, RiskResponse);

export function useCreateRisk(programmeId: string) {
  return useRefreshingMutation(createRisk, (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId));
}

export function useUpdateRisk(programmeId: string) {
  return useRefreshingMutation(
    ({ id, change }: { id: string; change: UpdateRiskRequest }) => updateRisk(id, change),
    (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId),
  );
}
