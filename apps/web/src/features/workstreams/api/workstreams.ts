import {
  type CreateWorkstreamRequest,
  type RetireRequest,
  type UpdateWorkstreamRequest,
  WorkstreamResponse,
} from "@fundline/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "../../../lib/api-client.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

const path = (id: string) => `/api/workstreams/${encodeURIComponent(id)}`;

function useWorkstreamMutation<Variables, Result>(
  programmeId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => refreshAfterDeliveryChange(queryClient, programmeId) });
}

export const useCreateWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, (workstream: CreateWorkstreamRequest) =>
    sendJson("POST", `/api/programmes/${encodeURIComponent(programmeId)}/workstreams`, workstream, WorkstreamResponse),
  );

export const useUpdateWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, ({ id, change }: { id: string; change: UpdateWorkstreamRequest }) =>
    sendJson("PATCH", path(id), change, WorkstreamResponse),
  );

export const useRetireWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, ({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, WorkstreamResponse),
  );
