import { type CreateDeliverableRequest, DeliverableResponse, type UpdateDeliverableRequest } from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

export const createDeliverable = (deliverable: CreateDeliverableRequest) =>
  sendJson("POST", "/api/deliverables", deliverable, DeliverableResponse);

export const updateDeliverable = (id: string, change: UpdateDeliverableRequest) =>
  sendJson("PATCH", `/api/deliverables/${encodeURIComponent(id)}`, change, DeliverableResponse);

export const useCreateDeliverable = (programmeId: string) =>
  useRefreshingMutation(createDeliverable, (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId));

export const useUpdateDeliverable = (programmeId: string) =>
  useRefreshingMutation(
    ({ id, change }: { id: string; change: UpdateDeliverableRequest }) => updateDeliverable(id, change),
    (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId),
  );
