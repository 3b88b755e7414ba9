import { type CreateRiskRequest, RiskResponse, type UpdateRiskRequest } from "@fundline/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "../../../lib/api-client.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

export const createRisk = (risk: CreateRiskRequest) => sendJson("POST", "/api/risks", risk, RiskResponse);

export const updateRisk = (id: string, change: UpdateRiskRequest) =>
  sendJson("PATCH", `/api/risks/${encodeURIComponent(id)}`, change, RiskResponse);

export function useCreateRisk(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createRisk, onSuccess: () => refreshAfterDeliveryChange(queryClient, programmeId) });
}

export function useUpdateRisk(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateRiskRequest }) => updateRisk(id, change),
    onSettled: () => refreshAfterDeliveryChange(queryClient, programmeId),
  });
}
