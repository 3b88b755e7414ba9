import { type CreateDeliverableRequest, DeliverableResponse, type UpdateDeliverableRequest } from "@fundline/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "../../../lib/api-client.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

export const createDeliverable = (deliverable: CreateDeliverableRequest) =>
  sendJson("POST", "/api/deliverables", deliverable, DeliverableResponse);

export const updateDeliverable = (id: string, change: UpdateDeliverableRequest) =>
  sendJson("PATCH", `/api/deliverables/${encodeURIComponent(id)}`, change, DeliverableResponse);

export function useCreateDeliverable(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDeliverable,
    onSuccess: () => refreshAfterDeliveryChange(queryClient, programmeId),
  });
}

export function useUpdateDeliverable(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateDeliverableRequest }) => updateDeliverable(id, change),
    onSettled: () => refreshAfterDeliveryChange(queryClient, programmeId),
  });
}
